package org.feedfold.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.e2e.Fixtures;
import org.feedfold.extract.ArticleExtractor;
import org.feedfold.fetch.FetchOutcome;
import org.feedfold.fetch.FetchRequest;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HostGate;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.fetch.RefreshPolicy;
import org.feedfold.fetch.RefreshSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.Subscription;
import org.feedfold.parse.FeedParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the scheduler and ingester against WireMock for what publishers police (issue 10): the
 * connections one host sees, the scope of a {@code Retry-After}, a restart that resumes.
 */
class PolitenessTest {
  private static final Instant START = Instant.parse("2026-11-27T12:00:00Z");

  /**
   * Counts the requests a WireMock server is serving at the same time, from matching to just before
   * the response is sent, and holds each request {@link #holdMillis} there: an interval inside the
   * client's, long enough to overlap, so a client that waits for a response before its next request
   * is never counted twice (counting until completion did, the server still finishing while the
   * client, already answered, sent the next one; and a delay applied after this point made the
   * counted intervals too short to overlap).
   */
  static final class Concurrency implements ServeEventListener {
    final AtomicInteger now = new AtomicInteger();
    final AtomicInteger max = new AtomicInteger();
    volatile long holdMillis;

    @Override
    public void beforeMatch(ServeEvent event, Parameters parameters) {
      max.accumulateAndGet(now.incrementAndGet(), Math::max);
    }

    @Override
    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
      try {
        Thread.sleep(holdMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      now.decrementAndGet();
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }

    @Override
    public String getName() {
      return "concurrency";
    }
  }

  @TempDir Path dir;
  private final TestClock clock = new TestClock(START);
  private final Concurrency seen = new Concurrency();
  private WireMockServer bridge;
  private WireMockServer own;
  private HttpFetcher feeds;
  private HttpFetcher pages;
  private ArticleIndex index;
  private FeedIngester ingester;

  @BeforeEach
  void setUp() throws IOException {
    bridge =
        new WireMockServer(
            wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(seen));
    bridge.start();
    own = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    own.start();
    // As the CLI builds them: two fetchers, one gate (2 per host, no delay to keep tests quick).
    HostGate gate = new HostGate(2, Duration.ZERO, clock, d -> {});
    feeds = new HttpFetcher(FetchSettings.defaults("test"), gate);
    pages = new HttpFetcher(FetchSettings.defaults("test"), gate);
    index = ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), clock);
    ingester = ingester(index);
  }

  private FeedIngester ingester(ArticleIndex into) {
    return new FeedIngester(
        new FeedIngester.Stages(
            feeds,
            pages,
            new FeedParser(),
            new ArticleExtractor(),
            new RefreshPolicy(RefreshSettings.defaults())),
        into,
        IngestSettings.defaults(),
        clock);
  }

  @AfterEach
  void tearDown() throws IOException {
    index.close();
    feeds.close();
    pages.close();
    bridge.stop();
    own.stop();
  }

  private static Subscription at(WireMockServer server, String path) {
    return new Subscription(URI.create(server.baseUrl() + path), null, null);
  }

  private Scheduler scheduler(List<Subscription> subs, int concurrency) {
    return new Scheduler(
        () -> subs,
        ingester,
        index,
        concurrency,
        clock,
        Duration.ofMinutes(1),
        Duration.ofSeconds(10));
  }

  /** Runs one tick and waits for the fetches it started (and those they started). */
  private static void tick(Scheduler scheduler) throws Exception {
    scheduler.tickOnce();
    for (int i = 0; i < 800 && scheduler.inFlight() > 0; i++) {
      Thread.sleep(25);
    }
    assertEquals(0, scheduler.inFlight(), "fetches finished");
  }

  @Nested
  class PerHostLimit {
    /**
     * Feeds on the own server and on the bridge all link their pages to the bridge: the bridge sees
     * feed fetches and page fetches from different fetch threads at once, and still no more than
     * two requests at a time.
     */
    @Test
    void neverOpensMoreThanTwoRequestsToOneHostAcrossFeedsAndPages() throws Exception {
      List<Subscription> subs = new ArrayList<>();
      String teaser = Fixtures.text(bridge, "teaser.xml");
      for (int i = 0; i < 4; i++) {
        for (WireMockServer server : List.of(bridge, own)) {
          server.stubFor(
              get(urlPathEqualTo("/teaser/" + i + ".xml"))
                  .willReturn(
                      aResponse()
                          .withHeader("Content-Type", "application/rss+xml")
                          // A page of its own per feed: one page in several feeds is fetched once.
                          .withBody(
                              teaser.replace(
                                  "/news/quake-toll.html",
                                  "/news/quake-toll.html?copy=" + subs.size()))));
          subs.add(at(server, "/teaser/" + i + ".xml"));
        }
      }
      Fixtures.serve(bridge, "/news/quake-toll.html", "quake-toll.html", "text/html");
      seen.holdMillis = 200;

      try (Scheduler scheduler = scheduler(subs, 8)) {
        tick(scheduler);
      }

      bridge.verify(4, getRequestedFor(urlPathMatching("/teaser/.*")));
      bridge.verify(8, getRequestedFor(urlPathEqualTo("/news/quake-toll.html")));
      assertTrue(seen.max.get() <= 2, () -> "the bridge saw " + seen.max.get() + " at once");
      assertEquals(2, seen.max.get(), "both connections were used");
    }
  }

  @Nested
  class RetryAfterScope {
    @Test
    void holdsOnlyTheRateLimitedFeedOnASharedHost() throws Exception {
      bridge.stubFor(
          get(urlPathEqualTo("/bridge/limited"))
              .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
      Fixtures.serve(bridge, "/bridge/other", "blog.xml", "application/atom+xml");
      Subscription limited = at(bridge, "/bridge/limited");
      Subscription other = at(bridge, "/bridge/other");
      ingester.subscriptions(List.of(limited, other));

      assertEquals("rate-limited", ingester.ingest(limited).outcome());
      assertTrue(ingester.ingest(other).ok());

      assertNull(feeds.gate().heldFor(HostGate.host(limited.url())));
      bridge.verify(1, getRequestedFor(urlPathEqualTo("/bridge/other")));
      Instant next = index.feedState(limited.url().toString()).orElseThrow().nextFetch();
      assertEquals(START.plus(Duration.ofHours(1)), next);
    }

    @Test
    void holdsTheWholeHostWhenItIsTheFeedsOwn() throws Exception {
      own.stubFor(
          get(urlPathEqualTo("/feed"))
              .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")));
      own.stubFor(get(urlPathEqualTo("/article")).willReturn(aResponse().withBody("<p>x</p>")));
      Subscription alone = at(own, "/feed");
      ingester.subscriptions(List.of(alone, at(bridge, "/bridge/other")));

      ingester.ingest(alone);
      FetchOutcome page = pages.fetch(FetchRequest.of(URI.create(own.baseUrl() + "/article")));

      assertEquals(Duration.ofHours(1), feeds.gate().heldFor(HostGate.host(alone.url())));
      assertTrue(page instanceof FetchOutcome.RateLimited, page::toString);
      own.verify(0, getRequestedFor(urlPathEqualTo("/article")));
      clock.advance(Duration.ofHours(1));
      assertTrue(
          pages.fetch(FetchRequest.of(URI.create(own.baseUrl() + "/article")))
              instanceof FetchOutcome.Fetched);
    }

    @Test
    void schedulerFetchesTheOtherFeedsOfASharedHostWhileOneIsRateLimited() throws Exception {
      bridge.stubFor(
          get(urlPathEqualTo("/bridge/limited"))
              .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7200")));
      Fixtures.serve(bridge, "/bridge/other", "blog.xml", "application/atom+xml");
      List<Subscription> subs = List.of(at(bridge, "/bridge/limited"), at(bridge, "/bridge/other"));

      // One fetch thread: the other feed runs after the limited one has answered 429.
      try (Scheduler scheduler = scheduler(subs, 1)) {
        tick(scheduler);
      }

      bridge.verify(1, getRequestedFor(urlPathEqualTo("/bridge/limited")));
      bridge.verify(1, getRequestedFor(urlPathEqualTo("/bridge/other")));
      assertTrue(index.feedState(subs.get(1).url().toString()).orElseThrow().status().equals("ok"));
    }
  }

  @Nested
  class Restart {
    @Test
    void resumesTheScheduleFromTheIndexInsteadOfFetchingEverythingAgain() throws Exception {
      Fixtures.serve(bridge, "/blog.xml", "blog.xml", "application/atom+xml");
      List<Subscription> subs = List.of(at(bridge, "/blog.xml"));
      try (Scheduler first = scheduler(subs, 2)) {
        tick(first);
      }
      Instant due = index.feedState(subs.get(0).url().toString()).orElseThrow().nextFetch();

      clock.advance(Duration.ofMinutes(5));
      try (Scheduler restarted = scheduler(subs, 2)) {
        tick(restarted);
        bridge.verify(1, getRequestedFor(urlPathEqualTo("/blog.xml")));
        clock.set(due);
        tick(restarted);
      }

      bridge.verify(2, getRequestedFor(urlPathEqualTo("/blog.xml")));
    }
  }
}
