package org.feedfold.solr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.index.Assignment;
import org.feedfold.store.Store;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures ingest rate and story-assignment latency on the 2-node test SolrCloud against the
 * embedded Lucene index, on the same generated corpus in the same JVM, and the clustering score of
 * each (docs/SCALING.md). Not a test: tagged slow, so only {@code -DexcludedGroups=} runs it;
 * {@code -Dfeedfold.bench.articles=N} sets the corpus size (default 1,000), commits every 100 adds
 * as the ingester's grouped commits would.
 */
@Tag("slow")
@ExtendWith(SolrCluster.class)
class SolrIngestBench {
  private static final int N = Integer.getInteger("feedfold.bench.articles", 1_000);
  private static final int COMMIT_EVERY = 100;

  @TempDir Path dir;

  @Test
  void measuresSolrAgainstLucene(SolrCluster.Running solr) throws Exception {
    List<ClusterCorpus.Item> items = ClusterCorpus.generate(ClusterCorpus.wikinews(), N, 7);
    InstantSource clock = InstantSource.fixed(Instant.parse("2026-12-01T00:00:00Z"));
    StringBuilder report = new StringBuilder();
    Result lucene;
    try (ArticleIndex index =
        ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), clock)) {
      lucene = run("lucene", index, items);
    }
    Result cloud;
    try (SolrStore store =
        SolrStore.open(
            SolrSettings.parse(solr.zkHost(), solr.newCollection("bench")),
            ClusterSettings.defaults(),
            clock,
            false)) {
      cloud = run("solr", store, items);
    }
    report.append(lucene).append('\n').append(cloud).append('\n');
    report.append(
        String.format(
            Locale.ROOT,
            "ratio solr/lucene: rate %.3f, p50 %.1fx, p95 %.1fx%n",
            cloud.rate() / lucene.rate(),
            cloud.p50() / lucene.p50(),
            cloud.p95() / lucene.p95()));
    System.out.print(report);
    Files.writeString(Path.of("target/solr-bench.txt"), report);
  }

  private record Result(
      String store, int n, double seconds, double p50, double p95, double p99, String score) {
    double rate() {
      return n / seconds;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-6s %d articles in %.1f s = %.1f/s; add latency p50 %.2f ms p95 %.2f ms p99 %.2f ms; %s",
          store,
          n,
          seconds,
          rate(),
          p50,
          p95,
          p99,
          score);
    }
  }

  private static Result run(String name, Store store, List<ClusterCorpus.Item> items)
      throws IOException {
    double[] ms = new double[items.size()];
    List<String> assigned = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < items.size(); i++) {
      long t = System.nanoTime();
      Assignment a = store.add(items.get(i).article());
      ms[i] = (System.nanoTime() - t) / 1e6;
      assigned.add(a.storyId());
      if ((i + 1) % COMMIT_EVERY == 0) {
        store.commit();
      }
    }
    store.commit();
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, String> resolved = new HashMap<>();
    List<String> predicted = new ArrayList<>();
    for (String s : assigned) {
      predicted.add(
          resolved.computeIfAbsent(
              s,
              x -> {
                try {
                  return store.story(x).map(st -> st.id()).orElse(x);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }));
    }
    Arrays.sort(ms);
    return new Result(
        name,
        items.size(),
        seconds,
        ms[ms.length / 2],
        ms[(int) (ms.length * 0.95)],
        ms[(int) (ms.length * 0.99)],
        ClusterCorpus.score(items, predicted).toString());
  }
}
