package org.feedfold.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.FeedState;
import org.feedfold.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A server that breaks the connection or sends what is no feed gives a clear failure, recorded in
 * the feed's state, and the next feed of the pass is fetched normally.
 */
class FetchFaultsTest {
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-11-27T12:00:00Z"));
  private static final String RSS =
      "<rss version=\"2.0\"><channel><title>Good</title><item><guid>g1</guid><title>Quokka"
          + " census</title><description>The annual quokka census on Rottnest Island counted more"
          + " animals than last year.</description></item></channel></rss>";

  @TempDir Path dir;
  private WireMockServer http;
  private HttpFetcher fetcher;
  private ArticleIndex index;
  private FeedIngester ingester;

  @BeforeEach
  void setUp() throws IOException {
    http = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    http.start();
    for (Fault f : Fault.values()) {
      http.stubFor(get(urlPathEqualTo("/" + f.name())).willReturn(aResponse().withFault(f)));
    }
    type("/png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0});
    type(
        "/html-as-rss",
        "application/rss+xml",
        "<!doctype html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>"
            .getBytes(StandardCharsets.UTF_8));
    type("/empty", "application/rss+xml", new byte[0]);
    type("/good.xml", "text/html; charset=utf-8", RSS.getBytes(StandardCharsets.UTF_8));
    fetcher =
        new HttpFetcher(
            new FetchSettings(
                Duration.ofSeconds(2), Duration.ofSeconds(2), 1 << 20, "Feedfold/test", 3, 2, 8));
    index = ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), CLOCK);
    ingester = TestIngesters.create(fetcher, index, CLOCK);
  }

  private void type(String path, String contentType, byte[] body) {
    http.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(aResponse().withHeader("Content-Type", contentType).withBody(body)));
  }

  @AfterEach
  void tearDown() throws IOException {
    index.close();
    fetcher.close();
    http.stop();
  }

  private Subscription feed(String path) {
    return new Subscription(URI.create(http.baseUrl() + path), null, null);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /CONNECTION_RESET_BY_PEER | connection reset by localhost
          /EMPTY_RESPONSE           | no response: localhost closed the connection without answering
          /MALFORMED_RESPONSE_CHUNK | broken response: malformed chunked encoding in the body
          /RANDOM_DATA_THEN_CLOSE   | no response: localhost closed the connection without answering
          /png                      | not a feed: no feed document found
          /html-as-rss              | not a feed: no RSS, Atom or JSON Feed document in it (application/rss+xml)
          /empty                    | not a feed: the body is empty
          """)
  void failsClearlyAndTheNextFeedIsFetched(String path, String reason) throws IOException {
    FeedReport broken = ingester.ingest(feed(path));
    FeedReport good = ingester.ingest(feed("/good.xml"));

    assertEquals("failed", broken.outcome(), broken.toString());
    assertTrue(broken.error().startsWith(reason), broken.error());
    FeedState state = index.feedState(feed(path).url().toString()).orElseThrow();
    assertEquals(1, state.errors());
    assertEquals(broken.error(), state.lastError());
    assertEquals(1, good.added(), "a feed served as text/html is still read: " + good);
  }
}
