package org.feedfold.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.feedfold.demo.Newsroom.Item;

/**
 * Writes an outlet's feed document: RSS 2.0 and Atom 1.0 through Rome, JSON Feed 1.1 through
 * Jackson. Links are absolute, on {@code base}. Pure and thread-safe.
 */
final class FeedDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FeedDocuments() {}

  /** Returns the UTF-8 feed document of {@code outlet} holding {@code items}. */
  static byte[] render(Outlet outlet, List<Item> items, URI base) {
    URI home = base.resolve("/" + outlet.slug() + "/");
    URI self = home.resolve(outlet.format().file);
    Instant updated =
        items.stream().map(Item::updated).max(Instant::compareTo).orElse(Instant.EPOCH);
    return switch (outlet.format()) {
      case RSS -> xml(rss(outlet, items, home, updated));
      case ATOM -> xml(atom(outlet, items, home, self, updated));
      case JSON -> json(outlet, items, home, self);
    };
  }

  private static Channel rss(Outlet outlet, List<Item> items, URI home, Instant updated) {
    Channel c = new Channel("rss_2.0");
    c.setEncoding("UTF-8");
    c.setTitle(outlet.name());
    c.setLink(home.toString());
    c.setDescription("Latest stories from " + outlet.name());
    c.setLanguage("en");
    c.setLastBuildDate(Date.from(updated));
    List<com.rometools.rome.feed.rss.Item> entries = new ArrayList<>();
    for (Item i : items) {
      com.rometools.rome.feed.rss.Item e = new com.rometools.rome.feed.rss.Item();
      e.setTitle(i.title());
      e.setLink(home.resolve(i.path()).toString());
      Guid guid = new Guid();
      guid.setPermaLink(false);
      guid.setValue(i.guid());
      e.setGuid(guid);
      e.setPubDate(Date.from(i.published()));
      Description d = new Description();
      d.setType("text/html");
      d.setValue(lead(i.feedHtml()));
      e.setDescription(d);
      com.rometools.rome.feed.rss.Content content = new com.rometools.rome.feed.rss.Content();
      content.setType(com.rometools.rome.feed.rss.Content.HTML);
      content.setValue(i.feedHtml());
      e.setContent(content);
      entries.add(e);
    }
    c.setItems(entries);
    return c;
  }

  private static Feed atom(Outlet outlet, List<Item> items, URI home, URI self, Instant updated) {
    Feed f = new Feed("atom_1.0");
    f.setEncoding("UTF-8");
    f.setId("urn:demo:" + outlet.slug());
    f.setTitle(outlet.name());
    f.setUpdated(Date.from(updated));
    f.setAlternateLinks(List.of(link("alternate", home)));
    f.setOtherLinks(List.of(link("self", self)));
    List<Entry> entries = new ArrayList<>();
    for (Item i : items) {
      Entry e = new Entry();
      e.setId(i.guid());
      e.setTitle(i.title());
      e.setAlternateLinks(List.of(link("alternate", home.resolve(i.path()))));
      e.setPublished(Date.from(i.published()));
      e.setUpdated(Date.from(i.updated()));
      Content c = new Content();
      c.setType("html");
      c.setValue(i.feedHtml());
      if (outlet.style() == Outlet.Style.TEASER) {
        e.setSummary(c);
      } else {
        e.setContents(List.of(c));
      }
      entries.add(e);
    }
    f.setEntries(entries);
    return f;
  }

  private static byte[] json(Outlet outlet, List<Item> items, URI home, URI self) {
    ObjectNode feed = JSON.createObjectNode();
    feed.put("version", "https://jsonfeed.org/version/1.1");
    feed.put("title", outlet.name());
    feed.put("home_page_url", home.toString());
    feed.put("feed_url", self.toString());
    ArrayNode list = feed.putArray("items");
    for (Item i : items) {
      ObjectNode n = list.addObject();
      n.put("id", i.guid());
      n.put("url", home.resolve(i.path()).toString());
      n.put("title", i.title());
      n.put("content_html", i.feedHtml());
      n.put("date_published", DateTimeFormatter.ISO_INSTANT.format(i.published()));
      n.put("date_modified", DateTimeFormatter.ISO_INSTANT.format(i.updated()));
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(feed);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the first paragraph of {@code html}, the item's description beside its content. */
  private static String lead(String html) {
    int end = html.indexOf("</p>");
    return end < 0 ? html : html.substring(0, end + 4);
  }

  private static Link link(String rel, URI href) {
    Link l = new Link();
    l.setRel(rel);
    l.setHref(href.toString());
    return l;
  }

  private static byte[] xml(WireFeed feed) {
    try {
      return new WireFeedOutput().outputString(feed, true).getBytes(StandardCharsets.UTF_8);
    } catch (FeedException e) {
      throw new IllegalStateException("feed rendering failed", e);
    }
  }
}
