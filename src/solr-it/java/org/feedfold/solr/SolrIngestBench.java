package org.feedfold.solr;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.GenericSolrRequest;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.embedded.JettySolrRunner;
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
 *
 * <p>{@code -Dfeedfold.bench.writers=1,2,4} runs SolrCloud once per listed W (default {@code 1}),
 * each on a fresh collection: W threads, each with its own {@link SolrStore} instance (as W daemons
 * would be), take the corpus round-robin (writer w adds articles w, w+W, ...) and each commits
 * every 100 of its own adds. Lucene runs once, with one writer: its store is single-writer.
 *
 * <p>Beside the Solr writers, a further instance runs the settle pass ({@link SolrStore#settle})
 * every 10 s and twice after the writers' last commits, as a group's leader would; {@code
 * -Dfeedfold.bench.settle=false} leaves it out. The score is taken after those passes.
 *
 * <p>Before anything is measured, a warm-up ingests other articles (the corpus's last {@code
 * -Dfeedfold.bench.warmup=N} originals and their copies, default 40; 0 for none) into a Lucene
 * index and, with one writer, into a collection of its own that is deleted afterwards, so that the
 * measured parts do not carry the JVM's JIT compilation of the store and the in-process Solr nodes.
 *
 * <p>Besides rate, latency and score, each Solr row gives the requests per article: as the writers'
 * clients sent them ({@link SolrStore#requests()}), and as the nodes' request handlers counted them
 * (every core's {@code QUERY.*.requests} and {@code UPDATE.*.requests} metrics: shard sub-requests
 * and forwards to replicas included, the settle pass's too when it runs; the test cluster keeps
 * metrics only with {@code -DmetricsEnabled=true}).
 */
@Tag("slow")
@ExtendWith(SolrCluster.class)
class SolrIngestBench {
  private static final int N = Integer.getInteger("feedfold.bench.articles", 1_000);
  private static final int COMMIT_EVERY = 100;

  /** Originals (from the corpus's end) the warm-up ingests before anything is measured. */
  private static final int WARMUP = Integer.getInteger("feedfold.bench.warmup", 40);

  /** Runs the settle pass alongside the writers, as a group's leader does (default on). */
  private static final boolean SETTLE =
      Boolean.parseBoolean(System.getProperty("feedfold.bench.settle", "true"));

  /** The settle pass's limit of articles, as {@code cluster.settle-articles}' default. */
  private static final int SETTLE_LIMIT = 1_000;

  /** Pause between settle passes: longer than a writer's commit interval here (100 adds). */
  private static final long SETTLE_PAUSE_MS = 10_000;

  @TempDir Path dir;

  @Test
  void measuresSolrAgainstLucene(SolrCluster.Running solr) throws Exception {
    List<ClusterCorpus.Item> items = ClusterCorpus.generate(ClusterCorpus.wikinews(), N, 7);
    InstantSource clock = InstantSource.fixed(Instant.parse("2026-12-01T00:00:00Z"));
    StringBuilder report = new StringBuilder();
    warmUp(solr, clock, report);
    Result lucene;
    try (ArticleIndex index =
        ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), clock)) {
      lucene = run("lucene", List.of(index), items, null, null);
    }
    report.append(lucene).append('\n');
    System.out.print(report);
    for (int w : writers()) {
      String collection = solr.newCollection("bench" + w);
      SolrSettings settings = SolrSettings.parse(solr.zkHost(), collection);
      List<SolrStore> stores = new ArrayList<>();
      Result cloud;
      try {
        for (int i = 0; i < w; i++) {
          stores.add(SolrStore.open(settings, ClusterSettings.defaults(), clock, false));
        }
        // The settle pass on an instance of its own, as the group's leader would run it.
        SolrStore settler =
            SETTLE ? SolrStore.open(settings, ClusterSettings.defaults(), clock, false) : null;
        if (settler != null) {
          stores.add(settler);
        }
        cloud = run("solr w=" + w, stores.subList(0, w), items, settler, solr);
      } finally {
        for (SolrStore s : stores) {
          s.close();
        }
      }
      String line =
          String.format(
              Locale.ROOT,
              "%s%nratio solr w=%d / lucene: rate %.3f, p50 %.1fx, p95 %.1fx, p99 %.1fx%n",
              cloud,
              w,
              cloud.rate() / lucene.rate(),
              cloud.p50() / lucene.p50(),
              cloud.p95() / lucene.p95(),
              cloud.p99() / lucene.p99());
      System.out.print(line);
      report.append(line);
    }
    Files.writeString(Path.of("target/solr-bench.txt"), report);
  }

  /**
   * Ingests other articles than the measured ones into Lucene and, with one writer, into a Solr
   * collection of their own (deleted after), so that JIT compilation happens before measuring.
   */
  private void warmUp(SolrCluster.Running solr, InstantSource clock, StringBuilder report)
      throws Exception {
    if (WARMUP <= 0) {
      return;
    }
    List<ClusterCorpus.Original> all = ClusterCorpus.wikinews();
    List<ClusterCorpus.Original> other = all.subList(Math.max(0, all.size() - WARMUP), all.size());
    List<ClusterCorpus.Item> items = ClusterCorpus.generate(other, WARMUP, 11);
    try (ArticleIndex index =
        ArticleIndex.open(dir.resolve("warm-up"), ClusterSettings.defaults(), clock)) {
      report.append("warm-up ").append(run("lucene", List.of(index), items, null, null));
    }
    String collection = solr.newCollection("warmup");
    try (SolrStore store =
        SolrStore.open(
            SolrSettings.parse(solr.zkHost(), collection),
            ClusterSettings.defaults(),
            clock,
            false)) {
      report.append("\nwarm-up ").append(run("solr w=1", List.of(store), items, null, solr));
    }
    try (CloudSolrClient client = solr.client()) {
      CollectionAdminRequest.deleteCollection(collection).process(client);
    }
    report.append("\n");
  }

  /**
   * Returns how many requests the nodes' request handlers have counted so far: the sum over every
   * core of the cluster of its {@code QUERY.<handler>.requests} and {@code
   * UPDATE.<handler>.requests} counters (shard sub-requests and forwards to replicas included).
   */
  private static long clusterRequests(SolrCluster.Running solr) throws Exception {
    long total = 0;
    for (JettySolrRunner node : solr.cluster().getJettySolrRunners()) {
      try (Http2SolrClient http =
          new Http2SolrClient.Builder(node.getBaseUrl().toString()).build()) {
        ModifiableSolrParams p = new ModifiableSolrParams();
        p.set("group", "core");
        p.set("regex", "^(QUERY|UPDATE)\\./[^.]*\\.requests$");
        NamedList<Object> r =
            http.request(new GenericSolrRequest(SolrRequest.METHOD.GET, "/admin/metrics", p));
        NamedList<?> metrics = (NamedList<?>) r.get("metrics");
        for (int i = 0; metrics != null && i < metrics.size(); i++) {
          NamedList<?> core = (NamedList<?>) metrics.getVal(i);
          for (int j = 0; j < core.size(); j++) {
            if (core.getVal(j) instanceof Number n) {
              total += n.longValue();
            }
          }
        }
      }
    }
    return total;
  }

  private static void count(long[] settled, SolrStore.Settled s) {
    settled[0]++;
    settled[1] += s.merged();
    settled[2] += s.skipped();
  }

  private static List<Integer> writers() {
    List<Integer> ws = new ArrayList<>();
    for (String s : System.getProperty("feedfold.bench.writers", "1").split(",")) {
      int w = Integer.parseInt(s.trim());
      if (w < 1 || w > 64) {
        throw new IllegalArgumentException("feedfold.bench.writers: 1..64 each, got " + w);
      }
      ws.add(w);
    }
    return ws;
  }

  private record Result(
      String store,
      int n,
      double seconds,
      double cpuSeconds,
      double p50,
      double p95,
      double p99,
      String score,
      String conflicts,
      String requests) {
    double rate() {
      return n / seconds;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-10s %d articles in %.1f s = %.1f/s (process CPU %.1f s, %.1f ms/article); add"
              + " latency p50 %.2f ms p95 %.2f ms p99 %.2f ms; %s%s%s",
          store,
          n,
          seconds,
          rate(),
          cpuSeconds,
          cpuSeconds * 1000 / n,
          p50,
          p95,
          p99,
          score,
          conflicts,
          requests);
    }
  }

  /**
   * Adds {@code items} through {@code stores}, one thread per store, store w taking items w, w+W,
   * ...; each store commits every {@link #COMMIT_EVERY} of its adds and once at its end.
   */
  private static Result run(
      String name,
      List<? extends Store> stores,
      List<ClusterCorpus.Item> items,
      SolrStore settler,
      SolrCluster.Running solr)
      throws Exception {
    int w = stores.size();
    double[] ms = new double[items.size()];
    String[] assigned = new String[items.size()];
    ExecutorService pool =
        new ThreadPoolExecutor(
            w + 1,
            w + 1,
            1,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> new Thread(r, "bench-writer-" + System.identityHashCode(r)));
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Void>> done = new ArrayList<>();
    for (int k = 0; k < w; k++) {
      int first = k;
      Store store = stores.get(k);
      done.add(
          pool.submit(
              () -> {
                go.await();
                int mine = 0;
                for (int i = first; i < items.size(); i += w) {
                  long t = System.nanoTime();
                  Assignment a = store.add(items.get(i).article());
                  ms[i] = (System.nanoTime() - t) / 1e6;
                  assigned[i] = a.storyId();
                  if (++mine % COMMIT_EVERY == 0) {
                    store.commit();
                  }
                }
                store.commit();
                return null;
              }));
    }
    CountDownLatch writing = new CountDownLatch(1);
    long[] settled = new long[3]; // passes, merges, articles skipped over the limit
    Future<Void> settling = null;
    if (settler != null) {
      settling =
          pool.submit(
              () -> {
                go.await();
                while (!writing.await(SETTLE_PAUSE_MS, TimeUnit.MILLISECONDS)) {
                  count(settled, settler.settle(SETTLE_LIMIT));
                }
                return null;
              });
    }
    long clusterStart = solr == null ? 0 : clusterRequests(solr);
    long clientStart = clientRequests(stores);
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    long end = start;
    long cpuEnd = cpuStart;
    long clientEnd = clientStart;
    long clusterEnd = clusterStart;
    go.countDown();
    try {
      for (Future<Void> f : done) {
        f.get();
      }
      end = System.nanoTime();
      cpuEnd = processCpuNanos();
      clientEnd = clientRequests(stores);
      clusterEnd = solr == null ? 0 : clusterRequests(solr);
      writing.countDown();
      if (settling != null) {
        settling.get();
        // Once every writer has committed: the two passes that look at the last adds.
        count(settled, settler.settle(SETTLE_LIMIT));
        count(settled, settler.settle(SETTLE_LIMIT));
        settler.commit();
      }
    } catch (ExecutionException e) {
      throw new IOException(name + ": a writer failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    double seconds = (end - start) / 1e9; // the writers' time; the last settle passes after it
    Store reader = stores.get(0);
    Map<String, String> resolved = new HashMap<>();
    List<String> predicted = new ArrayList<>();
    for (String s : assigned) {
      predicted.add(
          resolved.computeIfAbsent(
              s,
              x -> {
                try {
                  return reader.story(x).map(st -> st.id()).orElse(x);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }));
    }
    long conflicts = 0;
    long claimLosses = 0;
    long facets = 0;
    long local = 0;
    boolean counted = false;
    for (Store s : stores) {
      if (s instanceof SolrStore cloud) {
        conflicts += cloud.conflicts();
        claimLosses += cloud.claimLosses();
        facets += cloud.spreadCounts()[0];
        local += cloud.spreadCounts()[1];
        counted = true;
      }
    }
    Arrays.sort(ms);
    return new Result(
        name,
        items.size(),
        seconds,
        (cpuEnd - cpuStart) / 1e9,
        ms[ms.length / 2],
        ms[(int) (ms.length * 0.95)],
        ms[(int) (ms.length * 0.99)],
        ClusterCorpus.score(items, predicted).toString(),
        (counted
                ? String.format(
                    Locale.ROOT,
                    "; retried attempts %d (claim losses %d); spreads by facet %d, counted %d",
                    conflicts,
                    claimLosses,
                    facets,
                    local)
                : "")
            + (settler != null
                ? String.format(
                    Locale.ROOT,
                    "; settle passes %d, stories merged %d, articles over the limit %d",
                    settled[0],
                    settled[1],
                    settled[2])
                : ""),
        solr == null
            ? ""
            : String.format(
                Locale.ROOT,
                "; requests per article: %.1f sent by the writers, %s",
                (clientEnd - clientStart) / (double) items.size(),
                clusterEnd == clusterStart
                    ? "none counted by the nodes (run with -DmetricsEnabled=true)"
                    : String.format(
                        Locale.ROOT,
                        "%.1f counted by the nodes",
                        (clusterEnd - clusterStart) / (double) items.size())));
  }

  /** Returns how many requests the Solr stores among {@code stores} have sent so far. */
  private static long clientRequests(List<? extends Store> stores) {
    long n = 0;
    for (Store s : stores) {
      if (s instanceof SolrStore solr) {
        n += solr.requests();
      }
    }
    return n;
  }

  /**
   * CPU time of the whole process (the writers, the settle pass and the in-process Solr nodes),
   * from {@code /proc/self/stat} (user plus system, in clock ticks of 10 ms), or 0 where there is
   * none: less noisy than wall time on a shared machine.
   */
  private static long processCpuNanos() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
