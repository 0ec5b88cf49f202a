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
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * Renders a feed view as RSS 2.0 through Rome's {@link WireFeedOutput}.
 *
 * <p>Each story is one item: {@code guid} {@code urn:feedfold:story:<id>} with {@code
 * isPermaLink="false"}, {@code pubDate} the story's first sighting, the link the original article,
 * the description its HTML followed by the outlet list. The channel carries an {@code atom:link
 * rel="self"} (the RSS Advisory Board's best practice), and the RFC 5005 paging and archive links
 * as {@code atom:link}s; an archive document has {@code <fh:archive/>} in its channel (RFC 5005
 * Appendix B). RSS has no "updated" per item, so a changed story is signalled by the channel's
 * {@code lastBuildDate} and a new description. Pure and thread-safe.
 */
final class RssRenderer {
  static final String MEDIA_TYPE = "application/rss+xml; charset=utf-8";

  private RssRenderer() {}

  /** Returns the UTF-8 RSS document for {@code view}. */
  static byte[] render(FeedView view) {
    return render(view, null);
  }

  /**
   * Returns the UTF-8 RSS document for {@code view}, taking each item from {@code entries} when it
   * holds it (rendering and keeping it otherwise); byte for byte what {@link #render(FeedView)}
   * gives. {@code null} renders every item.
   */
  static byte[] render(FeedView view, EntryCache entries) {
    Channel channel = new Channel("rss_2.0");
    channel.setEncoding("UTF-8");
    channel.setTitle(view.title());
    channel.setLink(view.base().toString());
    channel.setDescription(view.title() + ": one entry per story, every outlet listed");
    channel.setGenerator("Feedfold");
    channel.setLastBuildDate(Date.from(view.updated()));
    if (entries == null) {
      List<Item> items = new ArrayList<>();
      for (Story story : view.stories()) {
        items.add(item(story));
      }
      channel.setItems(items);
    }
    try {
      Document doc = new WireFeedOutput().outputJDom(channel);
      // RSS has no self link of its own; the RSS Advisory Board's profile borrows Atom's.
      Namespace atom = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
      doc.getRootElement().addNamespaceDeclaration(atom);
      FeedView.Paging paging = view.paging();
      String[][] links = {
        {"self", view.selfLink().toString()},
        {"first", paging.first() == null ? null : view.link(paging.first()).toString()},
        {"previous", paging.previous() == null ? null : view.link(paging.previous()).toString()},
        {"next", paging.next() == null ? null : view.link(paging.next()).toString()},
        {"hub", view.hub() == null ? null : view.hub().toString()},
        {"current", link(view, view.archive().current())},
        {"prev-archive", link(view, view.archive().previous())},
        {"next-archive", link(view, view.archive().next())}
      };
      int at = 0;
      for (String[] l : links) {
        if (l[1] != null) {
          Element e = new Element("link", atom);
          e.setAttribute("href", l[1]);
          e.setAttribute("rel", l[0]);
          if (!l[0].equals("hub")) {
            e.setAttribute("type", "application/rss+xml");
          }
          doc.getRootElement().getChild("channel").addContent(at++, e);
        }
      }
      if (view.archive().document()) {
        // RFC 5005 Appendix B: in RSS 2.0 the archive mark goes in the channel.
        AtomRenderer.markArchive(doc.getRootElement().getChild("channel"), Namespace.NO_NAMESPACE);
      }
      String xml =
          new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).outputString(doc);
      if (entries != null) {
        // The items are the channel's last children: each goes in at the start of the line that
        // closes the channel, as the pretty printer would have written it there (see itemText).
        int end = xml.lastIndexOf(CLOSE);
        StringBuilder out = new StringBuilder(xml.length() + 4096 * view.stories().size());
        out.append(xml, 0, end);
        for (Story story : view.stories()) {
          out.append(entries.entry("rss", story, RssRenderer::itemText, t -> 2L * t.length()));
        }
        xml = out.append(xml, end, xml.length()).toString();
      }
      return xml.getBytes(StandardCharsets.UTF_8);
    } catch (FeedException e) {
      throw new IllegalStateException("RSS rendering failed", e);
    }
  }

  /** The channel's closing tag as the pretty printer indents it. */
  private static final String CLOSE = "  </channel>";

  /**
   * Returns {@code story}'s item as the pretty printer writes it as a child of the channel
   * (indented four spaces, through its line separator), rendered in a channel of its own: an item
   * uses no namespace, so it is written the same there.
   */
  private static String itemText(Story story) {
    Channel channel = new Channel("rss_2.0");
    channel.setEncoding("UTF-8");
    channel.setTitle("item");
    channel.setLink("urn:feedfold:item");
    channel.setDescription("item");
    channel.setItems(List.of(item(story)));
    try {
      Document doc = new WireFeedOutput().outputJDom(channel);
      String xml =
          new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).outputString(doc);
      return xml.substring(xml.indexOf("    <item>"), xml.lastIndexOf(CLOSE));
    } catch (FeedException e) {
      throw new IllegalStateException("RSS rendering failed", e);
    }
  }

  private static String link(FeedView view, String path) {
    return path == null ? null : view.link(path).toString();
  }

  private static Item item(Story story) {
    Item item = new Item();
    item.setTitle(story.title() == null ? "(untitled)" : story.title());
    item.setLink(Hrefs.of(story.url()));
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
