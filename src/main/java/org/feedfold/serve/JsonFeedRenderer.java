package org.feedfold.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;

/**
 * Renders a feed view as JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
 *
 * <p>Each story is one item with {@code id} {@code urn:feedfold:story:<id>}, {@code date_published}
 * its first sighting and {@code date_modified} its last change. The outlets go in the {@code
 * _feedfold} extension object (JSON Feed §"Extensions"): {@code story_id} and {@code outlets}, each
 * with {@code source}, {@code url}, {@code title}, {@code published} and {@code original}. JSON
 * Feed knows only {@code next_url} (older items): a paged feed's next page, and on an archive
 * document (RFC 5005 §4, {@code ?archive=}) the older archive document. Pure and thread-safe.
 */
final class JsonFeedRenderer {
  static final String MEDIA_TYPE = "application/feed+json; charset=utf-8";
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonFeedRenderer() {}

  /** Returns {@code value} (maps, lists, strings, numbers) as compact JSON bytes. */
  static byte[] bytes(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the UTF-8 JSON Feed document for {@code view}. */
  static byte[] render(FeedView view) {
    return render(view, null);
  }

  /**
   * Returns the UTF-8 JSON Feed document for {@code view}, taking each item from {@code entries}
   * when it holds it (building and keeping it otherwise; kept items are never changed); {@code
   * null} builds every item.
   */
  static byte[] render(FeedView view, EntryCache entries) {
    ObjectNode feed = JSON.createObjectNode();
    feed.put("version", "https://jsonfeed.org/version/1.1");
    feed.put("title", view.title());
    feed.put("home_page_url", view.base().toString());
    feed.put("feed_url", view.selfLink().toString());
    if (view.hub() != null) {
      ObjectNode hub = feed.putArray("hubs").addObject();
      hub.put("type", "WebSub");
      hub.put("url", view.hub().toString());
    }
    if (view.paging().next() != null) {
      feed.put("next_url", view.link(view.paging().next()).toString());
    } else if (view.archive().document() && view.archive().previous() != null) {
      // JSON Feed has no archives; its next_url leads to older items, so an archive document's
      // next_url is its prev-archive.
      feed.put("next_url", view.link(view.archive().previous()).toString());
    }
    ArrayNode items = feed.putArray("items");
    for (Story story : view.stories()) {
      items.add(
          entries == null
              ? item(story)
              : entries.entry("json", story, JsonFeedRenderer::item, JsonFeedRenderer::size));
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(feed);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON Feed rendering failed", e);
    }
  }

  /** Returns a kept item's approximate size: its content, the bulk of it, twice. */
  private static long size(ObjectNode item) {
    return 2L * item.path("content_html").asText("").length() + 1024;
  }

  private static ObjectNode item(Story story) {
    ObjectNode item = JSON.createObjectNode();
    item.put("id", FeedView.entryId(story));
    String url = Hrefs.of(story.url());
    if (url != null) {
      item.put("url", url);
    }
    item.put("title", story.title() == null ? "(untitled)" : story.title());
    item.put("content_html", StoryHtml.render(story));
    if (story.firstSeen() != null) {
      item.put("date_published", StoryHtml.isoTime(story.firstSeen()));
    }
    if (story.updated() != null) {
      item.put("date_modified", StoryHtml.isoTime(story.updated()));
    }
    ObjectNode ext = item.putObject("_feedfold");
    ext.put("story_id", story.id());
    ArrayNode outlets = ext.putArray("outlets");
    for (StoryMember m : story.articles()) {
      ObjectNode o = outlets.addObject();
      o.put("source", StoryHtml.outlet(m));
      o.put("url", Hrefs.of(m.url()));
      o.put("title", m.title());
      o.put("published", m.published() == null ? null : StoryHtml.isoTime(m.published()));
      o.put("original", m.original());
    }
    return item;
  }
}
