package org.feedfold.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.config.ConfigException;
import org.feedfold.config.Subscriptions;
import org.feedfold.e2e.Fixtures;
import org.feedfold.extract.ArticleExtractor;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.fetch.RefreshPolicy;
import org.feedfold.fetch.RefreshSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.Subscription;
import org.feedfold.parse.FeedParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A feed led to one new URL by permanent redirects on two fetches in a row moves in the OPML file,
 * which keeps every other byte; temporary redirects never move it (issue 10).
 */
class PermanentRedirectTest {
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-11-27T12:00:00Z"));

  @TempDir Path dir;
  private WireMockServer http;
  private HttpFetcher fetcher;
  private ArticleIndex index;
  private FeedIngester ingester;
  private Path opml;
  private String before;

  @BeforeEach
  void setUp() throws IOException {
    http = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    http.start();
    Fixtures.serve(http, "/new/rss.xml", "wire-v1.xml", "application/rss+xml");
    fetcher = new HttpFetcher(FetchSettings.defaults("test"));
    index = ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), CLOCK);
    opml = dir.resolve("feeds.opml");
    before =
        "<?xml version=\"1.0\"?>\r\n<!-- mine -->\r\n<opml version=\"2.0\">\r\n  <body>\r\n"
            + "    <outline text=\"Wire\" xmlUrl=\""
            + old()
            + "\"/>\r\n  </body>\r\n</opml>\r\n";
    Files.writeString(opml, before);
    ingester =
        new FeedIngester(
            new FeedIngester.Stages(
                fetcher,
                fetcher,
                new FeedParser(),
                new ArticleExtractor(),
                new RefreshPolicy(RefreshSettings.defaults())),
            index,
            IngestSettings.defaults(),
            CLOCK,
            (from, to) -> {
              try {
                return Subscriptions.move(opml, from, to);
              } catch (ConfigException e) {
                throw new IOException(e);
              }
            });
  }

  @AfterEach
  void tearDown() throws IOException {
    index.close();
    fetcher.close();
    http.stop();
  }

  private URI old() {
    return URI.create(http.baseUrl() + "/old/rss.xml");
  }

  private URI moved() {
    return URI.create(http.baseUrl() + "/new/rss.xml");
  }

  private void redirect(int status) {
    http.stubFor(
        get("/old/rss.xml")
            .willReturn(aResponse().withStatus(status).withHeader("Location", "/new/rss.xml")));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {301, 308})
  void movesTheSubscriptionAfterTwoPermanentRedirectsInARow(int status) throws Exception {
    redirect(status);
    Subscription sub = new Subscription(old(), null, null);

    ingester.ingest(sub);
    assertEquals(before, Files.readString(opml), "one redirect is not yet a move");
    ingester.ingest(sub);

    assertEquals(before.replace(old().toString(), moved().toString()), Files.readString(opml));
    assertTrue(index.feedState(old().toString()).isEmpty(), "the state moves with the feed");
    assertTrue(index.feedState(moved().toString()).isPresent());
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {302, 307})
  void temporaryRedirectsKeepTheSubscription(int status) throws Exception {
    redirect(status);
    Subscription sub = new Subscription(old(), null, null);

    ingester.ingest(sub);
    ingester.ingest(sub);
    ingester.ingest(sub);

    assertEquals(before, Files.readString(opml));
  }

  @Test
  void aFetchWithoutTheRedirectInBetweenStartsCountingAgain() throws Exception {
    Subscription sub = new Subscription(old(), null, null);
    redirect(301);
    ingester.ingest(sub);
    Fixtures.serve(http, "/old/rss.xml", "wire-v1.xml", "application/rss+xml");
    ingester.ingest(sub);
    redirect(301);
    ingester.ingest(sub);

    assertEquals(before, Files.readString(opml));
  }
}
