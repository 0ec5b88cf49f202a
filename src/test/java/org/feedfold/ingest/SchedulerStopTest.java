package org.feedfold.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerStopTest {
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
    // Each feed answers after a while, so that one fetch is surely running when close() comes.
    http.stubFor(
        WireMock.get(urlPathMatching("/slow/.*"))
            .willReturn(aResponse().withStatus(500).withFixedDelay(1500)));
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

  @Test
  void closeLetsTheRunningFetchCommitAndDropsTheQueuedOnes() throws Exception {
    List<Subscription> feeds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      feeds.add(new Subscription(URI.create(http.baseUrl() + "/slow/" + i + ".xml"), null, null));
    }
    Scheduler scheduler =
        new Scheduler(
            () -> feeds, ingester, index, 1, CLOCK, Duration.ofHours(1), Duration.ofSeconds(60));
    scheduler.start();
    awaitRequests(1);

    scheduler.close();

    assertEquals(
        1,
        http.countRequestsMatching(getRequestedFor(urlPathMatching("/slow/.*")).build()).getCount(),
        "only the fetch that was running when the daemon stopped was made");
    long committed = index.feedStates().stream().filter(s -> s.errors() == 1).count();
    assertEquals(1, committed, "the running fetch recorded its outcome");
  }

  private void awaitRequests(int n) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (http.countRequestsMatching(getRequestedFor(urlPathMatching("/slow/.*")).build())
              .getCount()
          >= n) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no fetch started");
  }
}
