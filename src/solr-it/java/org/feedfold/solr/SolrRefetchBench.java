package org.feedfold.solr;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Locale;
import org.feedfold.cluster.ClusterSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Measures one re-fetch of a feed document whose entries are all known (docs/SCALING.md,
 * "Re-fetched documents: one lookup"), on the 2-node test SolrCloud: with the batched lookup
 * ({@code Store.known} in one real-time get, unchanged entries not added) and as before it (the
 * single lookups, an add per entry), alternated round by round in one JVM so that both see the same
 * load. Per re-fetch: requests, wall time, and CPU time of the ingesting thread and of the whole
 * JVM (which runs the Solr nodes too); commits are left out (nothing changed). Not a test: tagged
 * slow, so only {@code -DexcludedGroups=} runs it; {@code -Dfeedfold.bench.entries=N} (default 30)
 * and {@code -Dfeedfold.bench.rounds=N} (default 60, after 15 of warm-up) set the sizes.
 */
@Tag("slow")
@ExtendWith(SolrCluster.class)
class SolrRefetchBench {
  private static final int ENTRIES = Integer.getInteger("feedfold.bench.entries", 30);
  private static final int ROUNDS = Integer.getInteger("feedfold.bench.rounds", 60);
  private static final int WARMUP = 15;

  @Test
  void reFetchOfKnownEntries(SolrCluster.Running solr) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    byte[] document = SolrKnownIT.rss(SolrKnownIT.items(ENTRIES, 41));
    try (SolrStore store =
            SolrStore.open(
                SolrSettings.parse(solr.zkHost(), solr.newCollection("refetch_bench")),
                ClusterSettings.defaults(),
                InstantSource.fixed(
                    java.time.Instant.parse("2026-11-30T07:00:00Z").plus(Duration.ZERO)),
                false);
        SolrKnownIT.Ingest batched = new SolrKnownIT.Ingest(store, false);
        SolrKnownIT.Ingest single = new SolrKnownIT.Ingest(store, true)) {
      batched.push(document);
      batched.counter.commits = false;
      single.counter.commits = false;
      long[][] wall = new long[2][ROUNDS];
      long[][] cpu = new long[2][ROUNDS];
      long[][] jvm = new long[2][ROUNDS];
      long[] requests = new long[2];
      for (int r = -WARMUP; r < ROUNDS; r++) {
        for (int k = 0; k < 2; k++) {
          // Alternate which goes first, so neither always follows the other.
          int which = (r & 1) == 0 ? k : 1 - k;
          SolrKnownIT.Ingest ingest = which == 0 ? single : batched;
          long q0 = store.requests();
          long c0 = threads.getCurrentThreadCpuTime();
          long j0 = allThreadsCpu(threads);
          long w0 = System.nanoTime();
          ingest.push(document);
          long w1 = System.nanoTime();
          if (r >= 0) {
            wall[which][r] = w1 - w0;
            cpu[which][r] = threads.getCurrentThreadCpuTime() - c0;
            jvm[which][r] = allThreadsCpu(threads) - j0;
            requests[which] += store.requests() - q0;
          }
        }
      }
      String[] names = {"before (single lookups, add per entry)", "after (Store.known)"};
      for (int k = 0; k < 2; k++) {
        System.out.printf(
            Locale.ROOT,
            "%-40s %d entries: %.1f requests; wall p50 %.2f p90 %.2f ms;"
                + " thread CPU p50 %.2f ms; all threads' CPU p50 %.2f ms%n",
            names[k],
            ENTRIES,
            requests[k] / (double) ROUNDS,
            ms(wall[k], 0.5),
            ms(wall[k], 0.9),
            ms(cpu[k], 0.5),
            ms(jvm[k], 0.5));
      }
    }
  }

  /** Returns the CPU time of every live thread of the JVM (the Solr nodes' included), ns. */
  private static long allThreadsCpu(ThreadMXBean threads) {
    long sum = 0;
    for (long id : threads.getAllThreadIds()) {
      sum += Math.max(0, threads.getThreadCpuTime(id));
    }
    return sum;
  }

  private static double ms(long[] nanos, double q) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.floor(q * s.length))] / 1e6;
  }
}
