package org.feedfold.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.feedfold.model.Enclosure;
import org.feedfold.model.FeedEntry;
import org.feedfold.model.ParsedFeed;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FeedParserTest {

  @Nested
  class Rss20 {
    private final ParsedFeed feed =
        Fixtures.parse("rss20-news.xml", "https://gazette.example/feed.xml");

    Rss20() throws FeedParseException {}

    @Test
    void readsChannelMetadataWithLinksResolvedAgainstTheDocumentUrl() {
      assertEquals("rss20", feed.version());
      assertEquals("utf-8", feed.encoding());
      assertFalse(feed.recovered());
      assertEquals("Harbour Town Gazette", feed.feed().title());
      assertEquals("https://gazette.example/news/", feed.feed().link());
      assertEquals("en-gb", feed.feed().language());
      assertEquals(Instant.parse("2026-03-03T08:30:00Z"), feed.feed().updated());
    }

    @Test
    void readsContentEncodedDublinCoreAndResolvesUrlsInsideHtml() {
      FeedEntry e = feed.entries().get(0);
      assertEquals("gazette-1001", e.id());
      assertEquals("https://gazette.example/news/ferry-timetable", e.link());
      assertEquals("Morag Innes", e.author());
      assertEquals(List.of("Transport", "Harbour"), e.categories());
      assertEquals(Instant.parse("2026-03-03T08:00:00Z"), e.published());
      assertEquals("The <b>morning</b> ferry leaves earlier.", e.summary().html());
      assertEquals(
          "<p>The morning ferry <a href=\"https://gazette.example/timetable.pdf\">leaves</a>"
              + " at 6:40.</p><img src=\"https://gazette.example/img/ferry.jpg\" />",
          e.content().html());
      assertEquals(
          List.of(new Enclosure("https://gazette.example/audio/ferry.mp3", "audio/mpeg", 123456L)),
          e.enclosures());
    }

    @Test
    void fallsBackFromGuidToLinkToAHashOfTitleAndDate() throws FeedParseException {
      assertEquals("https://gazette.example/news/market", feed.entries().get(1).id());
      String hashed = feed.entries().get(2).id();
      assertTrue(hashed.startsWith("urn:sha256:"), hashed);
      ParsedFeed again = Fixtures.parse("rss20-news.xml", "https://gazette.example/feed.xml");
      assertEquals(hashed, again.entries().get(2).id());
    }

    @Test
    void mapsMediaRssContentAndThumbnailsAndItunesAuthor() {
      FeedEntry market = feed.entries().get(1);
      assertEquals("Desk", market.author());
      assertEquals(Instant.parse("2026-03-02T16:15:00Z"), market.updated());
      assertEquals(
          List.of(new Enclosure("https://cdn.example/market.jpg", "image/jpeg", 2048L)),
          market.enclosures());
      assertEquals("https://cdn.example/note.jpg", feed.entries().get(2).enclosures().get(0).url());
    }
  }

  @Nested
  class Atom10 {
    private final ParsedFeed feed = Fixtures.parse("atom10-xhtml.xml", null);

    Atom10() throws FeedParseException {}

    @Test
    void readsFeedMetadataAndHtmlSubtitle() {
      assertEquals("atom10", feed.version());
      assertEquals("Werkstatt & Garten", feed.feed().title());
      assertEquals("<em>Notes</em> from the shed", feed.feed().subtitle());
      assertEquals("https://blog.example/", feed.feed().link());
      assertEquals("de", feed.feed().language());
      assertEquals("Jo Weber", feed.feed().author());
    }

    @Test
    void resolvesLinksAgainstNestedXmlBase() {
      FeedEntry e = feed.entries().get(0);
      assertEquals("https://blog.example/posts/2026/chisels.html", e.link());
      assertEquals(
          List.of(new Enclosure("https://blog.example/posts/2026/chisels.ogg", "audio/ogg", 99L)),
          e.enclosures());
    }

    @Test
    void unwrapsXhtmlContentDivAndDropsScript() {
      FeedEntry e = feed.entries().get(0);
      assertEquals(
          "<p>Use a <a href=\"https://blog.example/posts/2026/stones.html\">fine stone</a>.</p>",
          e.content().html());
      assertEquals("Sharpening <i>chisels</i>", e.title());
      assertEquals("Plain &lt;summary&gt; text", e.summary().html());
    }

    @Test
    void convertsDatesToUtc() {
      FeedEntry e = feed.entries().get(0);
      assertEquals(Instant.parse("2026-01-31T13:00:00Z"), e.published());
      assertEquals(Instant.parse("2026-02-01T08:00:00Z"), e.updated());
      assertEquals(List.of("tools"), e.categories());
    }
  }

  @Nested
  class RelativeUrls {
    @Test
    void resolveAgainstContentLocationBeforeTheDocumentUrl() throws FeedParseException {
      String xml =
          "<rss version=\"2.0\"><channel><link>story</link><item><link>a/b</link>"
              + "<description>&lt;a href=\"../c\"&gt;c&lt;/a&gt;</description></item>"
              + "</channel></rss>";
      ParsedFeed feed =
          Fixtures.PARSER.parse(
              xml.getBytes(StandardCharsets.UTF_8),
              new FeedSource(
                  URI.create("https://cdn.example/feeds/1.xml"),
                  "application/rss+xml",
                  URI.create("https://news.example/world/")));
      assertEquals("https://news.example/world/story", feed.feed().link());
      assertEquals("https://news.example/world/a/b", feed.entries().get(0).link());
      assertEquals(
          "<a href=\"https://news.example/c\">c</a>", feed.entries().get(0).summary().html());
    }

    @Test
    void keepRelativeUrlsWhenNothingIsKnownAboutTheDocument() throws FeedParseException {
      ParsedFeed feed =
          Fixtures.parseText("<rss version=\"2.0\"><channel><link>/home</link></channel></rss>");
      assertEquals("/home", feed.feed().link());
    }
  }

  @Nested
  class OtherDialects {
    @Test
    void readsRss10ItemsOutsideTheChannelWithRdfAboutAsId() throws FeedParseException {
      ParsedFeed feed = Fixtures.parse("rss10-rdf.xml", null);
      assertEquals("rss10", feed.version());
      assertEquals("Library additions", feed.feed().title());
      FeedEntry e = feed.entries().get(0);
      assertEquals("https://library.example/books/42", e.id());
      assertEquals(Instant.parse("2026-01-05T00:00:00Z"), e.updated());
    }

    @Test
    void mapsJsonFeedToTheSameRecords() throws FeedParseException {
      ParsedFeed feed = Fixtures.parse("jsonfeed11.json", "https://bakery.example/feed.json");
      assertEquals("json11", feed.version());
      assertEquals("Bakery <b>updates</b>", feed.feed().title(), "JSON Feed titles are plain text");
      assertEquals("Ana Ruiz", feed.feed().author());
      assertEquals(2, feed.entries().size(), "an item with an object id is dropped");
      FeedEntry rye = feed.entries().get(0);
      assertEquals("17", rye.id());
      assertEquals("https://bakery.example/loaves/rye", rye.link());
      assertEquals("<p>Fresh <b>rye</b></p>", rye.content().html());
      assertEquals(Instant.parse("2026-03-01T06:00:00Z"), rye.published());
      assertEquals(
          List.of(new Enclosure("https://bakery.example/rye.jpg", "image/jpeg", 500L)),
          rye.enclosures());
      assertEquals("https://bakery.example/cakes", feed.entries().get(1).id());
      assertEquals("Cheesecake &amp; more", feed.entries().get(1).content().html());
    }
  }

  @Nested
  class Concurrency {
    @Test
    void givesTheSameResultWhenOneParserServesManyThreads() throws Exception {
      byte[] rss = Fixtures.bytes("rss20-news.xml");
      byte[] broken = Fixtures.bytes("truncated.xml");
      FeedSource source = FeedSource.of(URI.create("https://gazette.example/feed.xml"), null);
      ParsedFeed expectedRss = Fixtures.PARSER.parse(rss, source);
      ParsedFeed expectedBroken = Fixtures.PARSER.parse(broken, source);
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(
              4, r -> new Thread(r, "parse-test-worker"));
      try {
        List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
          boolean even = i % 2 == 0;
          results.add(
              pool.submit(
                  () ->
                      even
                          ? Fixtures.PARSER.parse(rss, source).equals(expectedRss)
                          : Fixtures.PARSER.parse(broken, source).equals(expectedBroken)));
        }
        for (java.util.concurrent.Future<Boolean> r : results) {
          assertTrue(r.get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Nested
  class Quirks {
    @Test
    void readsCdfLinksFromHrefAttributesAndAbstractAsSubtitle() throws FeedParseException {
      ParsedFeed feed = Fixtures.parse("cdf-channel.xml", null);
      assertEquals("Harbour Radio", feed.feed().title());
      assertEquals("https://radio.example/", feed.feed().link());
      assertEquals("Shows and schedules", feed.feed().subtitle());
      assertEquals("https://radio.example/shows/tides", feed.entries().get(0).link());
    }

    @Test
    void readsRssWithBothDescriptionAndSummaryAsSummaryAndContent() throws FeedParseException {
      ParsedFeed feed = Fixtures.parse("rss-quirks.xml", null);
      assertEquals("rss20", feed.version(), "any 2.x version is RSS 2.0");
      assertEquals("Weekly audio from the port", feed.feed().subtitle());
      FeedEntry e = feed.entries().get(0);
      assertEquals("Short teaser", e.summary().html());
      assertEquals("The longer text of the episode", e.content().html());
    }

    @Test
    void readsMediaGroupTitleContentAndNestedItunesCategories() throws FeedParseException {
      FeedEntry e = Fixtures.parse("rss-quirks.xml", null).entries().get(0);
      assertEquals("Episode 12", e.title());
      assertEquals(List.of("News", "Local", "harbour"), e.categories());
      assertEquals(
          List.of(new Enclosure("https://cdn.example/ep12.mp3", "audio/mpeg", 1000L)),
          e.enclosures());
    }

    @Test
    void tellsNetscapeRss091ByItsDoctypeAndResolvesItsHtmlEntities() throws FeedParseException {
      ParsedFeed feed = Fixtures.parse("netscape-rss091.xml", null);
      assertEquals("rss091n", feed.version());
      assertEquals("Café © 1999", feed.feed().title());
      assertEquals("http://old.example/1", feed.entries().get(0).link());
    }

    @Test
    void decodesAtom03Base64ContentAndSanitisesIt() throws FeedParseException {
      ParsedFeed feed = Fixtures.parse("atom03-base64.xml", null);
      assertEquals("atom03", feed.version());
      FeedEntry e = feed.entries().get(0);
      assertEquals("https://port.example/log/1", e.link());
      assertEquals(Instant.parse("2026-03-01T10:00:00Z"), e.published());
      assertEquals(
          "<p>Tide tables <a href=\"https://port.example/tides\">here</a></p>", e.content().html());
    }
  }

  @Nested
  class Recovery {
    @Test
    void yieldsTheEntriesOfATruncatedDocumentWithJunkBeforeTheRoot() throws FeedParseException {
      ParsedFeed feed = Fixtures.parse("truncated.xml", null);
      assertTrue(feed.recovered());
      assertEquals("Café news & more", feed.feed().title());
      assertEquals(2, feed.entries().size());
      assertEquals("First \u00a0story", feed.entries().get(0).title());
      assertEquals("http://cafe.example/1?a=1&b=2", feed.entries().get(0).link());
      assertEquals("<p>cut off here", feed.entries().get(1).summary().html());
    }

    @Test
    void repairsUndeclaredEntitiesAndBareAmpersandsAndSaysSo() throws FeedParseException {
      ParsedFeed feed =
          Fixtures.parseText(
              "<rss version=\"2.0\"><channel><title>Fish &amp; chips &pound;5 & peas"
                  + "</title><link>http://x.example/?a=1&b=2&bogus;</link></channel></rss>");
      assertEquals("Fish & chips £5 & peas", feed.feed().title());
      assertEquals("http://x.example/?a=1&b=2&bogus;", feed.feed().link());
      assertTrue(feed.recovered());
    }

    @Test
    void leavesCdataUntouchedByEntityRepair() throws FeedParseException {
      ParsedFeed feed =
          Fixtures.parseText(
              "<rss version=\"2.0\"><channel><title><![CDATA[A &nbsp; B]]></title>"
                  + "</channel></rss>");
      assertEquals("A &nbsp; B", feed.feed().title());
      assertFalse(feed.recovered());
    }

    @Test
    void failsWithAPositionWhenNoDocumentIsThere() {
      FeedParseException e =
          assertThrows(FeedParseException.class, () -> Fixtures.parseText("just some text"));
      assertTrue(e.line() >= 0);
    }

    @Test
    void saysSoWhenTheBodyIsEmptyOrBlank() {
      for (String body : new String[] {"", " \r\n\t ", "\uFEFF\n"}) {
        FeedParseException e =
            assertThrows(FeedParseException.class, () -> Fixtures.parseText(body));
        assertEquals("the body is empty", e.getMessage(), () -> "'" + body + "'");
      }
    }
  }

  @Nested
  class Encodings {
    @Test
    void fallsBackToWindows1252ForUndeclaredLegacyBytes() throws FeedParseException {
      ParsedFeed feed = Fixtures.parse("cp1252-undeclared.xml", null);
      assertEquals("windows-1252", feed.encoding());
      assertEquals("Don\u2019t pay \u20ac20", feed.feed().title());
    }

    @Test
    void letsTheHttpCharsetOverrideTheXmlDeclaration() throws FeedParseException {
      ParsedFeed feed =
          Fixtures.PARSER.parse(
              Fixtures.bytes("http-charset-wins.xml"),
              FeedSource.of(URI.create("https://x.example/"), "application/xml; charset=UTF-8"));
      assertEquals("utf-8", feed.encoding());
      assertEquals("Grüße", feed.feed().title());
    }

    @Test
    void readsALatin1DeclarationAsWindows1252LikeBrowsers() throws FeedParseException {
      ParsedFeed feed = Fixtures.parse("http-charset-wins.xml", null);
      assertEquals("windows-1252", feed.encoding());
      assertEquals("Gr\u00c3\u00bc\u00c3\u0178e", feed.feed().title());
    }

    @Test
    void detectsUtf16FromItsByteOrderMark() throws FeedParseException {
      ParsedFeed feed = Fixtures.parse("utf16le-bom.xml", null);
      assertEquals("utf-16le", feed.encoding());
      assertEquals("Ελληνικά νέα", feed.feed().title());
    }

    @Test
    void mapsC1ControlCharacterReferencesToWindows1252() throws FeedParseException {
      ParsedFeed feed =
          Fixtures.parseText("<rss><channel><title>it&#146;s</title></channel></rss>");
      assertEquals("it\u2019s", feed.feed().title());
    }
  }

  @Nested
  class Security {
    @Test
    void neverLoadsExternalEntities() throws FeedParseException {
      ParsedFeed feed = Fixtures.parse("xxe.xml", null);
      String title = feed.feed().title();
      assertNotNull(title);
      assertTrue(title.startsWith("before") && title.endsWith("after"), title);
      assertTrue(title.length() <= "before&secret;after".length(), title);
    }

    @Test
    void refusesToExpandAnEntityBombButStillReadsTheEntries() throws FeedParseException {
      ParsedFeed feed = Fixtures.parse("entity-bomb.xml", null);
      assertTrue(feed.recovered());
      assertTrue(feed.feed().title().length() < 10_000, "entity expansion was bounded");
      assertEquals("still here", feed.entries().get(0).title());
    }

    @Test
    void boundsTheNumberOfEntries() throws FeedParseException {
      StringBuilder sb = new StringBuilder("<rss version=\"2.0\"><channel>");
      for (int i = 0; i < FeedMapper.MAX_ENTRIES + 5; i++) {
        sb.append("<item><guid>").append(i).append("</guid></item>");
      }
      sb.append("</channel></rss>");
      ParsedFeed feed =
          Fixtures.PARSER.parse(sb.toString().getBytes(StandardCharsets.UTF_8), FeedSource.UNKNOWN);
      assertEquals(FeedMapper.MAX_ENTRIES, feed.entries().size());
    }

    @Test
    void leavesAnUnparseableDateAbsentRatherThanWrong() throws FeedParseException {
      ParsedFeed feed =
          Fixtures.parseText(
              "<rss version=\"2.0\"><channel><item><title>t</title>"
                  + "<pubDate>Someday soon</pubDate></item></channel></rss>");
      assertNull(feed.entries().get(0).published());
    }
  }

  /** The publisher's word on how often polling is worth it (issue 10). */
  @Nested
  class RefreshHints {
    @Test
    void readsRssTtlInMinutes() throws FeedParseException {
      ParsedFeed feed = Fixtures.parse("rss20-ttl.xml", "https://tides.example/feed.xml");
      assertEquals(java.time.Duration.ofMinutes(90), feed.feed().refresh());
    }

    @Test
    void readsSyndicationModulePeriodDividedByFrequency() throws FeedParseException {
      ParsedFeed feed = Fixtures.parse("rss10-syndication.xml", "https://almanac.example/rss");
      assertEquals(java.time.Duration.ofHours(6), feed.feed().refresh());
    }

    @Test
    void hasNoHintWhenTheFeedGivesNone() throws FeedParseException {
      assertNull(
          Fixtures.parse("rss20-news.xml", "https://gazette.example/feed.xml").feed().refresh());
    }
  }
}
