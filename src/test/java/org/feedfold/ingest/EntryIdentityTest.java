package org.feedfold.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which entries are one article: a changed guid alone does not make a new one; entries sharing a
 * guid (or having none) within one document are kept apart (issue 10). Against a real index.
 */
class EntryIdentityTest {
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-11-27T12:00:00Z"));

  @TempDir Path dir;
  private WireMockServer http;
  private HttpFetcher fetcher;
  private ArticleIndex index;
  private FeedIngester ingester;

  @BeforeEach
  void setUp() throws IOException {
    http = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    http.start();
    fetcher = new HttpFetcher(FetchSettings.defaults("test"));
    index = ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), CLOCK);
    ingester = TestIngesters.create(fetcher, index, CLOCK);
  }

  @AfterEach
  void tearDown() throws IOException {
    index.close();
    fetcher.close();
    http.stop();
  }

  private Subscription feed() {
    return new Subscription(URI.create(http.baseUrl() + "/feed.xml"), null, null);
  }

  private void serve(String items) {
    http.stubFor(
        get(urlPathEqualTo("/feed.xml"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/rss+xml")
                    .withBody(
                        "<rss version=\"2.0\"><channel><title>Town</title>"
                            + items
                            + "</channel></rss>")));
  }

  static String item(String guid, String link, String title, String date, String text) {
    return "<item>"
        + (guid == null ? "" : "<guid isPermaLink=\"false\">" + guid + "</guid>")
        + (link == null ? "" : "<link>" + link + "</link>")
        + "<title>"
        + title
        + "</title>"
        + (date == null ? "" : "<pubDate>" + date + "</pubDate>")
        + "<description>"
        + text
        + "</description></item>";
  }

  static String text(String topic) {
    return ("The council met on Tuesday to discuss the "
            + topic
            + ". Members debated the plan for two hours before a vote was taken. ")
        .repeat(8);
  }

  private long articles() throws IOException {
    return index.stats().articles();
  }

  @Test
  void aChangedGuidWithTheSameLinkTitleDateAndTextUpdatesTheArticle() throws IOException {
    String date = "Wed, 25 Nov 2026 10:00:00 GMT";
    serve(item("tag:town,1", "https://town.example/bridge", "Bridge", date, text("bridge")));
    ingester.ingest(feed());
    serve(item("tag:town,1-v2", "https://town.example/bridge", "Bridge", date, text("bridge")));

    FeedReport again = ingester.ingest(feed());

    assertEquals(0, again.added(), again.toString());
    assertEquals(1, articles());
  }

  @Test
  void aChangedGuidWithoutALinkButTheSameTitleDateAndTextUpdatesTheArticle() throws IOException {
    String date = "Wed, 25 Nov 2026 10:00:00 GMT";
    serve(item("cms-17", null, "Bridge", date, text("bridge")));
    ingester.ingest(feed());
    serve(item("cms-18", null, "Bridge", date, text("bridge")));

    FeedReport again = ingester.ingest(feed());

    assertEquals(0, again.added(), again.toString());
    assertEquals(1, articles());
  }

  @Test
  void aChangedGuidWithOtherTextIsANewArticle() throws IOException {
    String date = "Wed, 25 Nov 2026 10:00:00 GMT";
    serve(item("cms-17", null, "Council news", date, text("bridge")));
    ingester.ingest(feed());
    serve(item("cms-18", null, "Council news", date, text("library opening hours")));

    FeedReport again = ingester.ingest(feed());

    assertEquals(1, again.added(), again.toString());
    assertEquals(2, articles());
  }

  @Test
  void entriesSharingAGuidAreKeptApartAndStayStable() throws IOException {
    serve(
        item("1", "https://town.example/a", "Bridge", null, text("bridge"))
            + item("1", "https://town.example/b", "Library", null, text("library"))
            + item("1", "https://town.example/c", "Parking", null, text("parking")));

    FeedReport first = ingester.ingest(feed());
    FeedReport again = ingester.ingest(feed());

    assertEquals(3, first.added(), first.toString());
    assertEquals(3, articles());
    assertEquals(0, again.added() + again.changed(), again.toString());
  }

  @Test
  void entriesWithEmptyGuidsAndNoLinksAreKeptApart() throws IOException {
    serve(
        item("", null, "Notice", null, text("bridge"))
            + item("", null, "Notice", null, text("library"))
            + item(" ", null, "Notice", null, text("parking")));

    FeedReport first = ingester.ingest(feed());

    assertEquals(3, first.added(), first.toString());
    assertEquals(3, articles());
  }
}
