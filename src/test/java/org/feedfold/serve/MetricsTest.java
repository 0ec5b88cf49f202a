package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.metrics.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scrapes {@code /metrics} of a loopback server over a real index. */
class MetricsTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  @TempDir Path dir;

  /** Returns the value of the sample line that starts with {@code series} (name and labels). */
  static double sample(String exposition, String series) {
    return exposition
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .map(l -> Double.parseDouble(l.substring(series.length() + 1).split(" ")[0]))
        .findFirst()
        .orElse(0.0);
  }

  static HttpResponse<String> scrape(FeedServer server) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(server.address().resolve("metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void exposesFetchesIndexGaugesAndLatencyHistogramsInPrometheusText() throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), () -> NOW)) {
      for (ClusterCorpus.Item item : ClusterCorpus.generate(ClusterCorpus.wikinews(), 2, 5)) {
        index.add(item.article());
      }
      index.commit();
      Metrics.watchIndex(index::stats);
      Metrics.watchQueue(() -> 3);
      FeedServer server =
          new FeedServer(
              new ServeSettings("127.0.0.1", 0, 10, 20, "T", null),
              (q, s, l) -> List.of(),
              InstantSource.fixed(NOW));
      server.start();
      try {
        String before = scrape(server).body();
        Metrics.ingested("fetched", Duration.ofMillis(1200));
        Metrics.ingested("failed", Duration.ofMillis(30));
        Metrics.timeFetch(() -> "a feed");

        HttpResponse<String> r = scrape(server);
        String after = r.body();

        assertEquals(200, r.statusCode());
        assertTrue(
            r.headers()
                .firstValue("Content-Type")
                .orElseThrow()
                .startsWith("text/plain; version=0.0.4"));
        String fetched = "feedfold_fetches_total{outcome=\"fetched\"}";
        assertEquals(sample(before, fetched) + 1, sample(after, fetched));
        String failed = "feedfold_fetches_total{outcome=\"failed\"}";
        assertEquals(sample(before, failed) + 1, sample(after, failed));
        String ingest = "feedfold_ingest_duration_seconds_count";
        assertEquals(sample(before, ingest) + 2, sample(after, ingest));
        assertTrue(after.contains("feedfold_ingest_duration_seconds_bucket{le=\"2.5\"}"), after);
        String fetch = "feedfold_fetch_duration_seconds_count";
        assertEquals(sample(before, fetch) + 1, sample(after, fetch));
        assertEquals(index.stats().articles(), sample(after, "feedfold_articles"));
        assertEquals(index.stats().stories(), sample(after, "feedfold_stories"));
        assertEquals(index.stats().bytes(), sample(after, "feedfold_index_size_bytes"));
        assertEquals(3, sample(after, "feedfold_fetch_queue_depth"));
      } finally {
        server.close();
        Metrics.watchIndex(null);
        Metrics.watchQueue(null);
      }
    }
  }
}
