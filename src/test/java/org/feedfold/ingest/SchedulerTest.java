package org.feedfold.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.e2e.Fixtures;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SchedulerTest {
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-11-27T12:00:00Z"));

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(Scheduler.class);
  private HttpFetcher fetcher;
  private ArticleIndex index;
  private FeedIngester ingester;

  @BeforeEach
  void setUp() throws IOException {
    logged.start();
    logger.addAppender(logged);
    fetcher = new HttpFetcher(FetchSettings.defaults("test"));
    index = ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), CLOCK);
    ingester = TestIngesters.create(fetcher, index, CLOCK);
  }

  @AfterEach
  void tearDown() throws IOException {
    logger.detachAppender(logged);
    index.close();
    fetcher.close();
  }

  @Test
  void saysOnceThatNoSubscriptionAnsweredAndPointsAtTheDemo() throws Exception {
    List<Subscription> subs = List.of(closedPort(), closedPort());
    try (Scheduler scheduler = scheduler(subs)) {
      tick(scheduler);
      tick(scheduler);
    }
    List<String> notices = notices();
    assertEquals(1, notices.size(), String.valueOf(notices));
    assertTrue(notices.get(0).contains("none of the 2 subscriptions answered"), notices.get(0));
    assertTrue(notices.get(0).contains("bin/feedfold demo"), notices.get(0));
  }

  @Test
  void saysNothingWhenOneSubscriptionAnswers() throws Exception {
    WireMockServer http =
        new WireMockServer(
            WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    http.start();
    try {
      Fixtures.serve(http, "/teaser/rss.xml", "teaser.xml", "application/rss+xml");
      Subscription up =
          new Subscription(URI.create(http.baseUrl() + "/teaser/rss.xml"), null, null);
      try (Scheduler scheduler = scheduler(List.of(closedPort(), up))) {
        tick(scheduler);
      }
    } finally {
      http.stop();
    }
    assertEquals(List.of(), notices());
  }

  @Test
  void fetchNowOfAFeedBeingFetchedFetchesItAgainOnceThatFetchEnds() throws Exception {
    WireMockServer http =
        new WireMockServer(
            WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    http.start();
    try {
      http.stubFor(
          get(urlPathEqualTo("/slow.xml"))
              .willReturn(
                  aResponse()
                      .withFixedDelay(300)
                      .withHeader("Content-Type", "application/rss+xml")
                      .withBody(Fixtures.text(http, "teaser.xml"))));
      Fixtures.serve(http, "/news/quake-toll.html", "quake-toll.html", "text/html");
      Subscription slow = new Subscription(URI.create(http.baseUrl() + "/slow.xml"), null, null);
      try (Scheduler scheduler = scheduler(List.of(slow))) {
        CompletableFuture<FeedReport> first = scheduler.fetchNow(slow);
        CompletableFuture<FeedReport> second = scheduler.fetchNow(slow);
        assertEquals("fetched", first.get(30, TimeUnit.SECONDS).outcome());
        assertEquals("fetched", second.get(30, TimeUnit.SECONDS).outcome());
      }
      http.verify(2, getRequestedFor(urlPathEqualTo("/slow.xml")));
    } finally {
      http.stop();
    }
  }

  private Scheduler scheduler(List<Subscription> subs) {
    return new Scheduler(
        () -> subs, ingester, index, 2, CLOCK, Duration.ofMinutes(1), Duration.ofSeconds(10));
  }

  /** Runs one tick and waits for the fetches it started. */
  private static void tick(Scheduler scheduler) throws Exception {
    scheduler.tickOnce();
    for (int i = 0; i < 400 && scheduler.inFlight() > 0; i++) {
      Thread.sleep(25);
    }
    assertEquals(0, scheduler.inFlight(), "fetches finished");
  }

  private List<String> notices() {
    List<String> out = new ArrayList<>();
    for (ILoggingEvent e : logged.list) {
      if (e.getLevel() == Level.WARN && e.getFormattedMessage().contains("bin/feedfold demo")) {
        out.add(e.getFormattedMessage());
      }
    }
    return out;
  }

  /** Returns a subscription on a loopback port nothing listens on. */
  private static Subscription closedPort() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return new Subscription(URI.create("http://127.0.0.1:" + port + "/feed.xml"), null, null);
  }
}
