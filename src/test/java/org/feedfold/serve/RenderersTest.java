package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.feedfold.model.Story;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/** Renders the fixture stories and parses the bytes back with Rome and Jackson. */
class RenderersTest {
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "2026-11-30T17:35:00.999Z",
        "1970-01-01T00:00:00Z",
        "2000-02-29T23:59:59.001Z",
        "1583-01-01T00:00:00Z",
        "1582-10-04T12:00:00Z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "+10000-01-01T00:00:00Z",
        "1969-12-31T23:59:59.500Z"
      })
  void writesAtomDatesAsRomeDoes(String at) {
    java.time.Instant t = java.time.Instant.parse(at);
    assertEquals(
        com.rometools.rome.io.impl.DateParser.formatW3CDateTime(Date.from(t), java.util.Locale.US),
        AtomRenderer.w3c(t));
  }

  static final FeedView ATOM =
      FeedView.of("Feedfold", URI.create("http://feeds.example/"), "feed.atom", Stories.all());
  static final FeedView RSS =
      FeedView.of("Feedfold", URI.create("http://feeds.example/"), "feed.rss", Stories.all());
  static final FeedView JSON_VIEW =
      FeedView.of("Feedfold", URI.create("http://feeds.example/"), "feed.json", Stories.all());

  static SyndFeed syndicate(byte[] bytes) throws FeedException {
    return new SyndFeedInput()
        .build(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
  }

  static <T> T wire(byte[] bytes, Class<T> type) throws FeedException {
    WireFeedInput input = new WireFeedInput();
    return type.cast(input.build(new InputSource(new ByteArrayInputStream(bytes))));
  }

  @Nested
  class Atom {
    @Test
    void rendersOneEntryPerStoryNewestFirst() throws FeedException {
      SyndFeed feed = syndicate(AtomRenderer.render(ATOM));

      assertEquals("atom_1.0", feed.getFeedType());
      assertEquals("Feedfold", feed.getTitle());
      List<SyndEntry> entries = feed.getEntries();
      assertEquals(
          List.of("urn:feedfold:story:s-bridge", "urn:feedfold:story:s-storm"),
          entries.stream().map(SyndEntry::getUri).toList());
      assertEquals(Date.from(Stories.bridge().updated()), entries.get(0).getUpdatedDate());
      assertEquals(Date.from(Stories.bridge().firstSeen()), entries.get(0).getPublishedDate());
    }

    @Test
    void linksEveryOutletAsRelatedAndNamesFirstAsSource() throws FeedException {
      Feed feed = wire(AtomRenderer.render(ATOM), Feed.class);
      Entry bridge = feed.getEntries().get(0);

      assertEquals("https://wire.example/bridge", bridge.getAlternateLinks().get(0).getHref());
      assertEquals(
          List.of(
              "https://wire.example/bridge",
              "https://daily.example/bridge",
              "https://gazette.example/b"),
          bridge.getOtherLinks().stream()
              .filter(l -> "related".equals(l.getRel()))
              .map(Link::getHref)
              .toList());
      assertEquals("Wire Service", bridge.getSource().getTitle());
      assertEquals("http://feeds.example/feed.atom", feed.getId());
    }

    @Test
    void sourceHasTheIdAndUpdatedRfc4287AsksFor() throws FeedException {
      Entry bridge = wire(AtomRenderer.render(ATOM), Feed.class).getEntries().get(0);

      assertEquals("urn:feedfold:outlet:Wire%20Service", bridge.getSource().getId());
      assertEquals(Date.from(Stories.T0), bridge.getSource().getUpdated());
    }

    @Test
    void entriesUpdatedInOneMillisecondStillDiffer() throws FeedException {
      Story a = Stories.bridge();
      Story b =
          new Story(
              "s-other",
              "Other",
              a.url(),
              a.html(),
              a.text(),
              a.firstSeen(),
              a.updated(),
              a.articles());
      byte[] atom =
          AtomRenderer.render(
              FeedView.of(
                  "Feedfold", URI.create("http://feeds.example/"), "feed.atom", List.of(a, b)));
      String xml = new String(atom, StandardCharsets.UTF_8);

      assertTrue(xml.contains("<updated>2026-11-26T10:00:00.000Z</updated>"), xml);
      assertTrue(xml.contains("<updated>2026-11-26T09:59:59.999Z</updated>"), xml);
    }

    @Test
    void contentCarriesArticleThenOutletListMarkingTheFirst() throws FeedException {
      Entry bridge = wire(AtomRenderer.render(ATOM), Feed.class).getEntries().get(0);
      String html = bridge.getContents().get(0).getValue();

      assertTrue(html.startsWith("<p>The council voted 7-2 to fund a <em>second</em>"), html);
      assertTrue(
          html.contains(
              "<a href=\"https://wire.example/bridge\">Wire Service</a>, 2026-11-26T08:00:00Z <strong>(first)</strong>"),
          html);
      assertTrue(html.contains(">Daily &amp; Co</a>"), html);
    }

    @Test
    void escapesPlainTextIntoParagraphs() throws FeedException {
      Entry storm = wire(AtomRenderer.render(ATOM), Feed.class).getEntries().get(1);
      String html = storm.getContents().get(0).getValue();

      assertEquals("Storm <warning> issued", storm.getTitleEx().getValue());
      assertTrue(
          html.startsWith(
              "<p>Winds up to 90 km/h.</p>\n<p>Schools close early &amp; buses stop.</p>"),
          html);
    }

    @Test
    void rendersEmptyFeed() throws FeedException {
      SyndFeed feed =
          syndicate(
              AtomRenderer.render(
                  FeedView.of(
                      "Empty", URI.create("http://feeds.example/"), "feed.atom", List.of())));

      assertTrue(feed.getEntries().isEmpty());
      assertEquals("Empty", feed.getTitle());
    }
  }

  @Nested
  class Rss {
    @Test
    void rendersItemsWithStableNonPermalinkGuids() throws FeedException {
      Channel channel = wire(RssRenderer.render(RSS), Channel.class);
      List<Item> items = channel.getItems();

      assertEquals("rss_2.0", channel.getFeedType());
      assertEquals(2, items.size());
      assertEquals("urn:feedfold:story:s-bridge", items.get(0).getGuid().getValue());
      assertFalse(items.get(0).getGuid().isPermaLink());
      assertEquals("https://wire.example/bridge", items.get(0).getLink());
      assertEquals(Date.from(Stories.bridge().firstSeen()), items.get(0).getPubDate());
      assertEquals(Date.from(Stories.bridge().updated()), channel.getLastBuildDate());
    }

    @Test
    void channelLinksItselfAsAtomSelf() {
      String xml = new String(RssRenderer.render(RSS), StandardCharsets.UTF_8);

      assertTrue(
          xml.contains(
              "<atom:link href=\"http://feeds.example/feed.rss\" rel=\"self\""
                  + " type=\"application/rss+xml\" />"),
          xml);
    }

    @Test
    void descriptionListsEveryOutlet() throws FeedException {
      SyndFeed feed = syndicate(RssRenderer.render(RSS));
      String html = feed.getEntries().get(0).getDescription().getValue();

      assertTrue(html.contains("Carried by 3 outlets"), html);
      assertTrue(html.contains("https://gazette.example/b"), html);
    }
  }

  @Nested
  class JsonFeed {
    @Test
    void rendersJsonFeedWithOutletExtension() throws IOException {
      JsonNode feed = new ObjectMapper().readTree(JsonFeedRenderer.render(JSON_VIEW));

      assertEquals("https://jsonfeed.org/version/1.1", feed.get("version").asText());
      assertEquals("http://feeds.example/feed.json", feed.get("feed_url").asText());
      JsonNode bridge = feed.get("items").get(0);
      assertEquals("urn:feedfold:story:s-bridge", bridge.get("id").asText());
      assertEquals("2026-11-26T08:00:00Z", bridge.get("date_published").asText());
      assertEquals("2026-11-26T10:00:00Z", bridge.get("date_modified").asText());
      JsonNode outlets = bridge.get("_feedfold").get("outlets");
      assertEquals(3, outlets.size());
      assertEquals("Wire Service", outlets.get(0).get("source").asText());
      assertTrue(outlets.get(0).get("original").asBoolean());
      assertFalse(outlets.get(1).get("original").asBoolean());
      assertEquals("https://daily.example/bridge", outlets.get(1).get("url").asText());
      assertEquals("s-storm", feed.get("items").get(1).get("_feedfold").get("story_id").asText());
    }
  }
}
