package org.feedfold.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.feedfold.LogCapture;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HostileServer;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.FeedState;
import org.feedfold.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs a pass of two feeds through {@link FeedIngester}: a hostile one, then a good one. Whatever
 * the first does (trickle, gigabyte, gzip bomb, entity tricks, deep nesting, NUL bytes, 100,000
 * entries, hostile article pages), its outcome is recorded with a reason naming the feed and the
 * limit, and the good feed's article is indexed. The {@code @Timeout} guards against a hang.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileFeedIngestTest {
  static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-30T12:00:00Z"));
  static final FetchSettings SETTINGS =
      new FetchSettings(
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          256 * 1024,
          "Feedfold/test",
          3,
          2,
          8,
          Duration.ofSeconds(2));

  @TempDir Path dir;
  HostileServer server;
  HttpFetcher fetcher;
  ArticleIndex index;
  FeedIngester ingester;

  @BeforeEach
  void setUp() throws IOException {
    server = new HostileServer();
    fetcher = new HttpFetcher(SETTINGS);
    index = ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), CLOCK);
    ingester = TestIngesters.create(fetcher, index, CLOCK);
    server.document(
        "/good.xml", "application/rss+xml", rss(item("good-1", "Quokka census", text())));
    server.document(
        "/deep.xml",
        "application/rss+xml",
        rss(
            item("deep-1", "Deep one", text())
                + "<item><guid>deep-2</guid><title>Deep two</title><description>"
                + "<x>".repeat(50_000)
                + "deep"
                + "</x>".repeat(50_000)
                + "</description></item>"));
    server.document(
        "/nul.xml",
        "application/rss+xml",
        rss(item("nul-1", "Nul\0 title", "Nul\0 body " + text())));
    server.document(
        "/laughs.xml",
        "application/rss+xml",
        ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
                + "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
                + "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">]>"
                + new String(rss(item("laughs-1", "Laughs &h;", text())), StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8));
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      many.append("<item><guid>m").append(i).append("</guid><title>Entry ").append(i);
      many.append("</title></item>");
    }
    server.document("/many.xml", "application/rss+xml", rss(many.toString()));
    server.document(
        "/pages.xml",
        "application/rss+xml",
        rss(
            "<item><guid>p1</guid><title>Bomb page</title><link>"
                + server.url("/gzip-bomb")
                + "</link></item><item><guid>p2</guid><title>Slow page</title><link>"
                + server.url("/trickle")
                + "</link></item><item><guid>p3</guid><title>Huge page</title><link>"
                + server.url("/gigabyte")
                + "</link></item>"));
  }

  @AfterEach
  void tearDown() throws IOException {
    index.close();
    fetcher.close();
    server.close();
  }

  static String text() {
    return "The annual quokka census on Rottnest Island counted more animals than last year. "
        + "Rangers walked the island's trails for a week and counted every quokka they met.";
  }

  static String item(String guid, String title, String description) {
    return "<item><guid>"
        + guid
        + "</guid><title>"
        + title
        + "</title><description>"
        + description
        + "</description></item>";
  }

  static byte[] rss(String items) {
    return ("<rss version=\"2.0\"><channel><title>Feed</title>" + items + "</channel></rss>")
        .getBytes(StandardCharsets.UTF_8);
  }

  Subscription feed(String path) {
    return new Subscription(server.url(path), null, null);
  }

  /** Ingests the hostile feed, then the good one, and checks the good one's article is indexed. */
  FeedReport passWith(String hostile) throws IOException {
    FeedReport report = ingester.ingest(feed(hostile));
    FeedReport good = ingester.ingest(feed("/good.xml"));
    assertEquals(1, good.added(), good.toString());
    assertEquals(1, index.search("quokka AND census AND title:quokka", null, 10).size());
    return report;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /trickle   | timed out: took longer than the 2s deadline (fetch.deadline)
          /gigabyte  | not a feed
          /chunked   | not a feed
          /gzip-bomb | not a feed
          """)
  void recordsTheFailureOfAHostileServerAndGoesOn(String path, String reason) throws IOException {
    FeedReport report;
    try (LogCapture log = LogCapture.of(FeedIngester.class)) {
      report = passWith(path);
      assertTrue(log.logged(server.url(path).toString(), reason), log.messages().toString());
    }
    assertEquals("failed", report.outcome());
    assertTrue(report.error().startsWith(reason), report.error());
    FeedState state = index.feedState(server.url(path).toString()).orElseThrow();
    assertEquals(1, state.errors());
    assertTrue(state.lastError().startsWith(reason), state.lastError());
  }

  @Test
  void indexesTheEntriesThatArrivedBeforeTheServerHungUpAndSaysSo() throws IOException {
    server.document(
        "/short.xml",
        "application/rss+xml",
        Arrays.copyOf(
            rss(item("short-1", "Wombat survey", text()) + item("short-2", "Lost", text())), 300));
    FeedReport report;
    try (LogCapture log = LogCapture.of(FeedIngester.class)) {
      report = passWith("/short.xml");
      assertTrue(
          log.logged(server.url("/short.xml").toString(), "closed the connection after 300 bytes"),
          log.messages().toString());
    }

    assertTrue(report.ok(), report.toString());
    assertEquals(1, index.search("title:wombat", null, 10).size());
    assertEquals(null, index.feedState(server.url("/short.xml").toString()).orElseThrow().etag());
  }

  @Test
  void logsWhyABodyWasCut() throws IOException {
    try (LogCapture log = LogCapture.of(FeedIngester.class)) {
      passWith("/gigabyte");
      assertTrue(
          log.logged(server.url("/gigabyte").toString(), "fetch.max-body"),
          log.messages().toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"/deep.xml, deep one", "/laughs.xml, laughs", "/nul.xml, nul"})
  void indexesWhatAHostileDocumentCarriesAndGoesOn(String path, String word) throws IOException {
    FeedReport report = passWith(path);

    assertTrue(report.ok(), report.toString());
    var hits = index.search("title:(" + word + ")", null, 10);
    assertFalse(hits.isEmpty(), path);
    for (var hit : hits) {
      assertTrue(hit.title().indexOf('\0') < 0, hit.title());
      assertTrue(hit.title().length() < 1000, "title of " + hit.title().length());
    }
  }

  @Test
  void takesTheFirstEntriesOfAHundredThousandAndLogsTheCut() throws IOException {
    FeedReport report;
    try (LogCapture log = LogCapture.of(FeedIngester.class)) {
      report = passWith("/many.xml");
      assertTrue(
          log.logged(server.url("/many.xml").toString(), "fetch.max-entries"),
          log.messages().toString());
    }
    assertEquals(200, report.added());
  }

  @Test
  void keepsTheFeedTextWhenArticlePagesAreHostile() throws IOException {
    FeedReport report = passWith("/pages.xml");

    assertTrue(report.ok(), report.toString());
    assertEquals(3, report.added());
    List<String> titles = new ArrayList<>();
    index.search("title:page", null, 10).forEach(h -> titles.add(h.title()));
    assertEquals(3, titles.size(), titles.toString());
  }
}
