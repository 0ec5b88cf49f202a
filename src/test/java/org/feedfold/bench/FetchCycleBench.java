package org.feedfold.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.extract.ArticleExtractor;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.fetch.RefreshPolicy;
import org.feedfold.index.ArticleIndex;
import org.feedfold.ingest.FeedIngester;
import org.feedfold.ingest.Scheduler;
import org.feedfold.model.Subscription;
import org.feedfold.parse.FeedParser;

/**
 * Measures full fetch cycles of many feeds through the daemon's own path ({@link Scheduler}, {@link
 * FeedIngester}, {@link HttpFetcher}, {@link ArticleIndex}) against {@link CycleWire}, run as a
 * child process so this process's CPU, threads and file descriptors are the fetcher's alone.
 *
 * <p>Cycle 1 finds every feed new; at every later cycle one feed in ten has a new entry (a teaser
 * whose page is fetched) and the others answer 304. A cycle is started by moving the injected clock
 * two days on, past every feed's next fetch; it ends when no fetch is left running and the last
 * group is committed. Per cycle it prints wall time, process CPU, requests per second, polls per
 * CPU-second, Lucene commits, heap used after a full GC, threads, open file descriptors and sockets
 * ({@code /proc/self/fd}). Linux only. On demand, never in the default build:
 *
 * <pre>
 * ./mvnw -q -o -DskipTests package test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt
 * java -Xmx256m -cp target/classes:target/test-classes:$(cat target/test-cp.txt) \
 *   org.feedfold.bench.FetchCycleBench 10000 10 /tmp/fcb [key=value ...]
 * </pre>
 *
 * Arguments: feeds, cycles, a fresh working directory, then configuration lines (as in {@code
 * feedfold.properties}, e.g. {@code fetch.commit-feeds=1}) that override the defaults.
 */
public final class FetchCycleBench {
  private static final int HOSTS = 100;

  private FetchCycleBench() {}

  /** Runs the bench; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    int feeds = Integer.parseInt(args[0]);
    int cycles = Integer.parseInt(args[1]);
    Path work = Path.of(args[2]);
    Files.createDirectories(work);
    List<String> props = new ArrayList<>();
    props.add("data.dir=" + work.resolve("data"));
    for (int i = 3; i < args.length; i++) {
      props.add(args[i]);
    }
    Path file = work.resolve("feedfold.properties");
    Files.write(file, props);
    FeedfoldConfig config = FeedfoldConfig.load(file, work);
    PrintStream out = System.out;

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                CycleWire.class.getName(),
                String.valueOf(HOSTS))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader wireOut =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    PrintWriter wireIn = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
    String[] ports = wireOut.readLine().substring("ports ".length()).split(",");
    List<Subscription> subs = new ArrayList<>(feeds);
    for (int i = 0; i < feeds; i++) {
      subs.add(
          new Subscription(
              URI.create("http://127.0.0.1:" + ports[i % HOSTS] + "/f/" + i + ".xml"), null, null));
    }

    AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    InstantSource system = InstantSource.system();
    InstantSource clock = () -> system.instant().plus(offset.get());
    Path indexDir = config.dataDir().resolve("index");
    out.printf(
        Locale.ROOT,
        "%d feeds on %d hosts, fetch.concurrency=%d, fetch.commit-interval=%s,"
            + " fetch.commit-feeds=%d, -Xmx%dm, JDK %s%n",
        feeds,
        HOSTS,
        config.ingestSettings().concurrency(),
        config.ingestSettings().commitInterval(),
        config.ingestSettings().commitFeeds(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"));
    out.println(
        "| cycle | wall s | CPU s | feed polls | 304 | pages | requests/s | polls per CPU-s |"
            + " commits | heap after GC MB | threads | fds | sockets |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    try (ArticleIndex index = ArticleIndex.open(indexDir, config.clusterSettings(), clock);
        HttpFetcher feedFetcher = new HttpFetcher(config.feedFetchSettings("bench"));
        HttpFetcher pageFetcher = new HttpFetcher(config.pageFetchSettings("bench"))) {
      FeedIngester ingester =
          new FeedIngester(
              new FeedIngester.Stages(
                  feedFetcher,
                  pageFetcher,
                  new FeedParser(),
                  new ArticleExtractor(),
                  new RefreshPolicy(config.refreshSettings())),
              index,
              config.ingestSettings(),
              clock);
      index.commit();
      try (Scheduler scheduler =
          new Scheduler(
              () -> subs,
              ingester,
              index,
              config.ingestSettings().concurrency(),
              clock,
              Duration.ofMillis(200),
              Duration.ofSeconds(30))) {
        for (int c = 1; c <= cycles; c++) {
          if (c > 1) {
            wireIn.println("bump");
            wireOut.readLine();
          }
          long[] before = stats(wireIn, wireOut);
          long commits0 = generation(indexDir);
          long cpu0 = cpuNanos();
          long t0 = System.nanoTime();
          offset.set(Duration.ofDays(2L * c));
          if (c == 1) {
            scheduler.start();
          }
          while (scheduler.inFlight() == 0 && System.nanoTime() - t0 < 10_000_000_000L) {
            Thread.sleep(5);
          }
          while (scheduler.inFlight() > 0) {
            Thread.sleep(5);
          }
          ingester.flush();
          double wall = (System.nanoTime() - t0) / 1e9;
          double cpu = (cpuNanos() - cpu0) / 1e9;
          long[] after = stats(wireIn, wireOut);
          long polls = after[0] - before[0];
          long requests = polls + after[2] - before[2];
          System.gc();
          long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
          long[] fds = fds();
          out.printf(
              Locale.ROOT,
              "| %d | %.1f | %.1f | %d | %d | %d | %.0f | %.0f | %d | %d | %d | %d | %d |%n",
              c,
              wall,
              cpu,
              polls,
              after[1] - before[1],
              after[2] - before[2],
              requests / wall,
              polls / cpu,
              generation(indexDir) - commits0,
              heap,
              ManagementFactory.getThreadMXBean().getThreadCount(),
              fds[0],
              fds[1]);
          out.flush();
        }
      }
      out.printf(Locale.ROOT, "index: %s%n", index.stats());
    } finally {
      wireIn.close();
      child.waitFor();
    }
    long[] fds = fds();
    out.printf(
        Locale.ROOT,
        "after closing: %d threads, %d fds, %d sockets%n",
        ManagementFactory.getThreadMXBean().getThreadCount(),
        fds[0],
        fds[1]);
  }

  private static long[] stats(PrintWriter in, BufferedReader out) throws IOException {
    in.println("stats");
    String[] f = out.readLine().split(" ");
    return new long[] {Long.parseLong(f[1]), Long.parseLong(f[3]), Long.parseLong(f[5])};
  }

  private static long generation(Path dir) throws IOException {
    try (FSDirectory d = FSDirectory.open(dir)) {
      return SegmentInfos.readLatestCommit(d).getGeneration();
    }
  }

  /**
   * Returns this process's CPU time, user and system, from {@code /proc/self/stat} (10 ms ticks).
   */
  private static long cpuNanos() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // Fields 14 and 15 of proc(5), utime and stime, are the 12th and 13th after the name.
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
  }

  /** Returns the open file descriptors of this process and how many of them are sockets. */
  private static long[] fds() throws IOException {
    long all = 0;
    long sockets = 0;
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        all++;
        try {
          if (Files.readSymbolicLink(p).toString().startsWith("socket:")) {
            sockets++;
          }
        } catch (IOException e) {
          // closed while listed (the listing's own descriptor)
        }
      }
    }
    return new long[] {all, sockets};
  }
}
