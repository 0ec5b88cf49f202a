package org.feedfold.bench;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.index.IndexStats;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.feedfold.serve.ApiSource;
import org.feedfold.serve.FeedServer;
import org.feedfold.serve.ServeSettings;
import org.feedfold.serve.StoryLookup;
import org.feedfold.serve.StorySource;

/**
 * Measures the merged feed's first page ({@code /feed.atom}, 50 stories) on a large existing index,
 * over loopback with the daemon's render cache: the first request after a commit that changed a few
 * stories (two re-issued with an "Update" paragraph, one new), and a cold server (a new server on
 * the same warm JVM and index, so nothing rendered is kept). Also times the story listing alone
 * ({@code stories(null, null, 50)}). Prints p50 and p99 in milliseconds, wall clock and the CPU
 * time the server's request thread spent (steadier on a shared machine).
 *
 * <p>Uses only API that the jar before the entry cache had too, so the same class measures both:
 * {@code java -Xmx2g -cp target/test-classes:JAR org.feedfold.bench.FeedRenderBench COPY_OF_INDEX
 * [ROUNDS [WARM_UP_ROUNDS]]}. It writes to the index: run it on a copy. Also prints, for the first
 * request after a commit, the CPU of a background render of the page (builds that warm pages on
 * commit), of the whole process and of each thread, and a reader who comes 250 ms after a commit.
 */
public final class FeedRenderBench {
  private FeedRenderBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    // Commits and requests before measuring: with 10, the JIT is still compiling the render path
    // during the measured requests (half the JVM's CPU while they run, on 2 cores).
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    try (ArticleIndex index =
        ArticleIndex.open(dir, ClusterSettings.defaults(), InstantSource.system())) {
      IndexStats st = index.stats();
      System.out.printf(
          Locale.ROOT,
          "index: %,d articles, %,d stories, %d MB%n",
          st.articles(),
          st.stories(),
          st.bytes() >> 20);
      StorySource source = source(index);
      System.out.println(
          "story source: "
              + (source.getClass().getName().contains("StorySource")
                  ? "StorySource.of(index), with archive links"
                  : "index::stories"));
      HttpClient client = HttpClient.newHttpClient();
      long[] listing = new long[rounds];
      for (int i = 0; i < 10; i++) {
        index.stories(null, null, 50);
      }
      for (int i = 0; i < rounds; i++) {
        long t = System.nanoTime();
        index.stories(null, null, 50);
        listing[i] = System.nanoTime() - t;
      }
      report("stories(null, null, 50), warm", listing);

      long[] afterCommit = new long[rounds];
      long[] afterCommitCpu = new long[rounds];
      long[] afterCommitWarm = new long[rounds];
      long[] afterCommitProcess = new long[rounds];
      long[] afterCommitGc = new long[rounds];
      long[] cached = new long[rounds];
      java.util.Map<String, Long> byThread = new java.util.TreeMap<>();
      long[] later = new long[rounds];
      long[] laterCpu = new long[rounds];
      long[] commitWall = new long[rounds];
      long[] jitMillis = new long[rounds];
      long[] jitThreads = new long[rounds];
      long[] startedAt = new long[rounds];
      try (FeedServer server = server(index, source)) {
        server.start();
        URI feed = server.address().resolve("feed.atom");
        for (int i = 0; i < warmUp; i++) {
          change(index, 1000 + i);
          send(client, feed);
          send(client, feed);
        }
        for (int i = 0; i < rounds; i++) {
          // Server CPU counted from before the commit: a build that renders the page for the new
          // generation in the background starts when the commit is made visible.
          long c = serverCpu("feedfold-http-\\d+");
          long w = serverCpu("feedfold-render-warm.*");
          long j = jitMillis();
          long g = gcMillis();
          java.util.Map<String, Long> tasksBefore = taskCpu();
          startedAt[i] = InstantSource.system().millis();
          long ct = System.nanoTime();
          change(index, i);
          commitWall[i] = System.nanoTime() - ct;
          long p = processCpu();
          java.util.Map<String, Long> before = taskCpu();
          long t = System.nanoTime();
          send(client, feed);
          afterCommit[i] = System.nanoTime() - t;
          afterCommitProcess[i] = processCpu() - p;
          taskCpu().forEach((k, v) -> byThread.merge(k, v - before.getOrDefault(k, 0L), Long::sum));
          afterCommitGc[i] = (gcMillis() - g) * 1_000_000;
          afterCommitCpu[i] = serverCpu("feedfold-http-\\d+") - c;
          afterCommitWarm[i] = serverCpu("feedfold-render-warm.*") - w;
          jitMillis[i] = (jitMillis() - j) * 1_000_000;
          jitThreads[i] =
              taskCpu().entrySet().stream()
                  .filter(e -> e.getKey().contains("CompilerThre"))
                  .mapToLong(e -> e.getValue() - tasksBefore.getOrDefault(e.getKey(), 0L))
                  .sum();
          t = System.nanoTime();
          send(client, feed);
          cached[i] = System.nanoTime() - t;
        }
        for (int i = 0; i < rounds; i++) {
          // A reader who comes a moment after the commit, as most do: the daemon commits once
          // per fetched feed, readers poll on their own schedule.
          long c = serverCpu("feedfold-http-\\d+|feedfold-render-warm.*");
          change(index, 100 + i);
          Thread.sleep(250);
          long t = System.nanoTime();
          send(client, feed);
          later[i] = System.nanoTime() - t;
          laterCpu[i] = serverCpu("feedfold-http-\\d+|feedfold-render-warm.*") - c;
        }
      }
      // One line a round, to tell what the slow rounds are (their start times match -Xlog:gc's
      // and a JFR recording's): wall, the background render's CPU, GC and JIT meanwhile.
      System.out.println(
          "  round  start(ms since epoch)  commit  wall  render-CPU  GC  JIT-time  JIT-CPU (ms)");
      for (int i = 0; i < rounds; i++) {
        System.out.printf(
            Locale.ROOT,
            "  %5d  %d  %6.1f %6.1f %6.1f %6.1f %6.1f %6.0f%n",
            i,
            startedAt[i],
            commitWall[i] / 1e6,
            afterCommit[i] / 1e6,
            afterCommitWarm[i] / 1e6,
            afterCommitGc[i] / 1e6,
            jitMillis[i] / 1e6,
            jitThreads[i] / 1e6);
      }
      report("commit of 3 changes (adds, commit, reopen)", commitWall);
      report("first /feed.atom after a commit of 3 changes", afterCommit);
      report("  server CPU of that request", afterCommitCpu);
      report("  CPU of the background render (warm)", afterCommitWarm);
      report("  process CPU during that request", afterCommitProcess);
      report("  GC time during that request", afterCommitGc);
      System.out.println("  process CPU during those requests by thread (ms, all rounds):");
      byThread.entrySet().stream()
          .filter(e -> e.getValue() > 0)
          .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(10)
          .forEach(
              e ->
                  System.out.printf(
                      Locale.ROOT, "    %-28s %8.0f%n", e.getKey(), e.getValue() / 1e6));
      report("second /feed.atom (page kept)", cached);
      report("first /feed.atom 250 ms after a commit", later);
      report("  server CPU (request + warm) for that page", laterCpu);

      long[] cold = new long[rounds];
      long[] coldCpu = new long[rounds];
      for (int i = 0; i < rounds; i++) {
        // A new source too: nothing read before is kept.
        try (FeedServer server = server(index, source(index))) {
          server.start();
          URI feed = server.address().resolve("feed.atom");
          long c = serverCpu("feedfold-http-\\d+");
          long t = System.nanoTime();
          send(client, feed);
          cold[i] = System.nanoTime() - t;
          coldCpu[i] = serverCpu("feedfold-http-\\d+") - c;
        }
      }
      report("first /feed.atom of a new server (cold)", cold);
      report("  server CPU of that request", coldCpu);
    }
  }

  /** The daemon's source: with its archive where this build has one. */
  private static StorySource source(ArticleIndex index) {
    // StorySource.of took an ArticleIndex, and takes the Store it implements since the storage
    // seam (issue 13): look for either, so that jars of both ages serve as their daemon does.
    for (Method of : StorySource.class.getMethods()) {
      if (of.getName().equals("of")
          && of.getParameterCount() == 1
          && of.getParameterTypes()[0].isInstance(index)) {
        try {
          return (StorySource) of.invoke(null, index);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return index::stories;
  }

  private static FeedServer server(ArticleIndex index, StorySource source) {
    return new FeedServer(
        new ServeSettings("127.0.0.1", 0, 50, 500, "Bench", null),
        source,
        StoryLookup.NONE,
        api(index),
        InstantSource.system());
  }

  /**
   * Re-issues the originals of two stories from the middle of the first page with an update
   * paragraph and adds one new article, then commits: a daemon's commit after one fetch.
   */
  private static void change(ArticleIndex index, int round) throws Exception {
    List<Story> page = index.stories(null, null, 50);
    for (Story s : page.subList(20, 22)) {
      StoryMember m = s.articles().get(0);
      index.add(
          new ArticleInput(
              m.id(),
              m.url(),
              null,
              m.title(),
              "Update " + round + ": officials gave new figures.\n" + s.text(),
              null,
              m.published(),
              m.published() == null ? Instant.EPOCH : m.published(),
              m.source(),
              null,
              null,
              "en"));
    }
    Story base = page.get(30);
    index.add(
        new ArticleInput(
            "bench-new-" + round + "-" + System.nanoTime(),
            "https://bench.example/" + round,
            null,
            "Bench story " + round + " " + base.title(),
            "Entirely new text number " + round + " about nothing in particular at all.",
            null,
            null,
            InstantSource.system().instant(),
            "Bench",
            null,
            null,
            "en"));
    index.commit();
  }

  private static ApiSource api(ArticleIndex index) {
    return new ApiSource() {
      @Override
      public List<SearchHit> search(String q, Instant since, int limit) throws java.io.IOException {
        return index.search(q, since, limit);
      }

      @Override
      public List<FeedStatus> feeds() {
        return List.of();
      }

      @Override
      public IndexStats stats() throws java.io.IOException {
        return index.stats();
      }

      @Override
      public Runnable onGeneration(Runnable listener) {
        // Called only by builds that warm pages; older jars never link it.
        return index.onGeneration(listener);
      }

      @Override
      public long generation() {
        try {
          return index.generation();
        } catch (java.io.IOException e) {
          return -1;
        }
      }
    };
  }

  /**
   * CPU time of the server's threads named by {@code names} (a regular expression: the request
   * threads, or the background render), summed; nanoseconds.
   */
  private static long serverCpu(String names) {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t != null && t.getThreadName().matches(names)) {
        sum += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
      }
    }
    return sum;
  }

  /**
   * CPU time of the whole JVM (every thread, GC and JIT included) from {@code /proc/self/stat}
   * (Linux; clock ticks of 10 ms); nanoseconds, 0 where there is none.
   */
  private static long processCpu() {
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * CPU time of each of this JVM's threads (native ones too: GC, JIT) by name with digits folded,
   * from {@code /proc/self/task} (Linux; clock ticks of 10 ms); nanoseconds, empty where there is
   * none.
   */
  private static java.util.Map<String, Long> taskCpu() {
    java.util.Map<String, Long> out = new java.util.HashMap<>();
    try (var tasks = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = java.nio.file.Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ns = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
          out.merge(name.replaceAll("\\d+", "N"), ns, Long::sum);
        } catch (java.io.IOException | RuntimeException e) {
          // the thread ended while listed
        }
      }
    } catch (java.io.IOException e) {
      return out;
    }
    return out;
  }

  /** Time the JIT compilers report having spent, summed; milliseconds. */
  private static long jitMillis() {
    var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : 0;
  }

  /** Time the collectors report having spent, summed; milliseconds. */
  private static long gcMillis() {
    long sum = 0;
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }

  private static void send(HttpClient client, URI uri) throws Exception {
    HttpResponse<byte[]> r =
        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(uri + ": " + r.statusCode());
    }
  }

  private static void report(String what, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf(
        Locale.ROOT,
        "%-46s p50 %7.1f ms  p99 %7.1f ms  (n=%d)%n",
        what,
        s[s.length / 2] / 1e6,
        s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.99) - 1)] / 1e6,
        s.length);
  }
}
