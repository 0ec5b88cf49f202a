package org.feedfold.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.index.ArticleIndex;
import org.feedfold.metrics.Metrics;
import org.feedfold.model.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the schedule once against a closed port and reads what the metrics counted. */
class FetchMetricsTest {
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-11-27T12:00:00Z"));

  @TempDir Path dir;

  static double sample(String series) {
    return new String(Metrics.scrape(), StandardCharsets.UTF_8)
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .map(l -> Double.parseDouble(l.substring(series.length() + 1).split(" ")[0]))
        .findFirst()
        .orElse(0.0);
  }

  @Test
  void countsEachFetchByOutcomeAndTimesIt() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Subscription down =
        new Subscription(URI.create("http://127.0.0.1:" + port + "/feed.xml"), null, null);
    String unreachable = "feedfold_fetches_total{outcome=\"unreachable\"}";
    double before = sample(unreachable);
    double fetchesBefore = sample("feedfold_fetch_duration_seconds_count");
    double ingestsBefore = sample("feedfold_ingest_duration_seconds_count");
    try (HttpFetcher fetcher = new HttpFetcher(FetchSettings.defaults("test"));
        ArticleIndex index =
            ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), CLOCK);
        Scheduler scheduler =
            new Scheduler(
                () -> List.of(down),
                TestIngesters.create(fetcher, index, CLOCK),
                index,
                1,
                CLOCK,
                Duration.ofMinutes(1),
                Duration.ofSeconds(10))) {
      scheduler.tickOnce();
      for (int i = 0; i < 400 && scheduler.inFlight() > 0; i++) {
        Thread.sleep(25);
      }
    }
    assertEquals(before + 1, sample(unreachable));
    assertEquals(fetchesBefore + 1, sample("feedfold_fetch_duration_seconds_count"));
    assertEquals(ingestsBefore + 1, sample("feedfold_ingest_duration_seconds_count"));
  }
}
