package org.feedfold.serve;

import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.feedfold.model.Story;
import org.feedfold.sanitize.Sanitizer;

/**
 * Renders a feed view as RSS 2.0 through Rome's {@link WireFeedOutput}.
 *
 * <p>Each story is one item: {@code guid} {@code urn:feedfold:story:<id>} with {@code
 * isPermaLink="false"}, {@code pubDate} the story's first sighting, the link the original article,
 * the description the story's HTML followed by the outlet list. RSS has no "updated" per item, so a
 * changed story is signalled by the channel's {@code lastBuildDate} and a new description. Pure and
 * thread-safe.
 */
final class RssRenderer {
  static final String MEDIA_TYPE = "application/rss+xml; charset=utf-8";

  private RssRenderer() {}

  /** Returns the UTF-8 RSS document for {@code view}. */
  static byte[] render(FeedView view) {
    Channel channel = new Channel("rss_2.0");
    channel.setEncoding("UTF-8");
    channel.setTitle(view.title());
    channel.setLink(view.base().toString());
    channel.setDescription(view.title() + ": one entry per story, every outlet listed");
    channel.setGenerator("Feedfold");
    channel.setLastBuildDate(Date.from(view.updated()));
    List<Item> items = new ArrayList<>();
    for (Story story : view.stories()) {
      items.add(item(story));
    }
    channel.setItems(items);
    try {
      return new WireFeedOutput().outputString(channel, true).getBytes(StandardCharsets.UTF_8);
    } catch (FeedException e) {
      throw new IllegalStateException("RSS rendering failed", e);
    }
  }

  private static Item item(Story story) {
    Item item = new Item();
    item.setTitle(story.title() == null ? "(untitled)" : story.title());
    item.setLink(Sanitizer.link(story.url()));
    Guid guid = new Guid();
    guid.setPermaLink(false);
    guid.setValue(FeedView.entryId(story));
    item.setGuid(guid);
    if (story.firstSeen() != null) {
      item.setPubDate(Date.from(story.firstSeen()));
    }
    Description description = new Description();
    description.setType("text/html");
    description.setValue(StoryHtml.render(story));
    item.setDescription(description);
    return item;
  }
}
