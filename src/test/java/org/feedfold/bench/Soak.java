package org.feedfold.bench;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the real daemon as a child process for a long time against {@link SoakWire} (many feeds with
 * faults) and checks from outside that its heap, threads and file descriptors stay flat.
 *
 * <p>Every sample interval it forces a GC and reads the heap used after it ({@code jcmd GC.run},
 * {@code GC.heap_info}), the threads and resident memory ({@code /proc/PID/status}), the open file
 * descriptors ({@code /proc/PID/fd}), the index counts ({@code feedfold stats --json}, read-only
 * while the daemon writes), the time of {@code /healthz} and {@code /feed.atom}, and the fetch
 * times the daemon logs for each feed. It writes {@code soak.csv} (one row per sample), {@code
 * soak.md} (the summary) and {@code daemon.log} into the output directory, stops the daemon with
 * SIGTERM, and exits 1 if heap, threads or descriptors grew beyond the tolerances below between the
 * window after warm-up and the last window (each a sixth of the run).
 *
 * <p>Linux only (reads {@code /proc}); needs a JDK ({@code jcmd}). On demand, never in the default
 * build:
 *
 * <pre>
 * ./mvnw -q -DskipTests package
 * java -cp target/test-classes org.feedfold.bench.Soak --minutes 30 --feeds 1000 --out target/soak
 * </pre>
 */
public final class Soak {
  private static final Pattern SERVING = Pattern.compile("serving (http://\\S+/)feed\\.atom");
  private static final Pattern FETCH =
      Pattern.compile("feed (\\S+): ([a-z-]+), (?:.*, )?(\\d+) ms$");
  private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
  private static final Pattern JSON_NUMBER = Pattern.compile("\"(articles|stories)\":(\\d+)");

  private final Options options;
  private final long t0 = System.nanoTime();
  private final List<Fetch> fetches = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Integer> polls = Collections.synchronizedMap(new HashMap<>());
  private final CountDownLatch serving = new CountDownLatch(1);
  private volatile URI base;

  private Soak(Options options) {
    this.options = options;
  }

  /** One fetch the daemon logged: when it ended (seconds into the run), outcome, milliseconds. */
  record Fetch(double at, String outcome, long millis) {}

  /** One sample. */
  record Sample(
      double at,
      long heapUsedKib,
      long rssKib,
      int threads,
      int fds,
      long articles,
      long stories,
      int fetches,
      int failures,
      long p50,
      long p99,
      long healthzMs,
      long feedMs) {
    static final String HEADER =
        "seconds,heap_used_after_gc_kib,rss_kib,threads,fds,articles,stories,fetches,failures,"
            + "fetch_p50_ms,fetch_p99_ms,healthz_ms,feed_atom_ms";

    String csv() {
      return String.format(
          Locale.ROOT,
          "%.0f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d",
          at,
          heapUsedKib,
          rssKib,
          threads,
          fds,
          articles,
          stories,
          fetches,
          failures,
          p50,
          p99,
          healthzMs,
          feedMs);
    }
  }

  /** Command-line options with the defaults of the recorded run. */
  record Options(
      Duration length,
      int feeds,
      Path out,
      Path jar,
      String heap,
      Duration interval,
      Duration sampleEvery,
      int entries,
      Duration period,
      int window) {
    static Options parse(String[] args) {
      Duration length = Duration.ofMinutes(30);
      int feeds = 1000;
      Path out = Path.of("target/soak");
      Path jar = Path.of("target/feedfold.jar");
      String heap = "1g";
      Duration interval = Duration.ofMinutes(2);
      Duration sample = Duration.ofSeconds(30);
      int entries = 3;
      Duration period = Duration.ofMinutes(15);
      int window = 2000;
      for (int i = 0; i + 1 < args.length; i += 2) {
        String v = args[i + 1];
        switch (args[i]) {
          case "--minutes" -> length = Duration.ofSeconds((long) (Double.parseDouble(v) * 60));
          case "--feeds" -> feeds = Integer.parseInt(v);
          case "--out" -> out = Path.of(v);
          case "--jar" -> jar = Path.of(v);
          case "--heap" -> heap = v;
          case "--interval" -> interval = Duration.ofSeconds(Long.parseLong(v));
          case "--sample" -> sample = Duration.ofSeconds(Long.parseLong(v));
          case "--entries" -> entries = Integer.parseInt(v);
          case "--period" -> period = Duration.ofSeconds(Long.parseLong(v));
          case "--window" -> window = Integer.parseInt(v);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Options(length, feeds, out, jar, heap, interval, sample, entries, period, window);
    }
  }

  public static void main(String[] args) throws Exception {
    System.exit(new Soak(Options.parse(args)).run());
  }

  private int run() throws Exception {
    Path out = options.out().toAbsolutePath();
    Files.createDirectories(out);
    Path home = out.resolve("home");
    Path data = out.resolve("data");
    if (Files.exists(data)) {
      try (Stream<Path> walk = Files.walk(data)) {
        walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(home.resolve("config"));
    // A copy, so that rebuilding the project during the run does not pull the jar from under it.
    Path jar = Files.copy(options.jar(), out.resolve("feedfold.jar"), REPLACE_EXISTING);
    Files.writeString(home.resolve("config/logback.xml"), LOGBACK);
    Path config = home.resolve("config/feedfold.properties");
    try (SoakWire wire =
        new SoakWire(
            options.feeds(),
            options.entries(),
            options.period(),
            20,
            InstantSource.system(),
            Duration.ofSeconds(60),
            Duration.ofSeconds(3))) {
      writeOpml(home.resolve("config/feeds.opml"), wire.feedUrls());
      Files.writeString(config, config(data, home.resolve("config/feeds.opml")));
      Process daemon =
          new ProcessBuilder(
                  java("java"),
                  "-Xmx" + options.heap(),
                  "-Dfeedfold.home=" + home,
                  "-jar",
                  jar.toString(),
                  "--config",
                  config.toString(),
                  "daemon",
                  "--port",
                  "0")
              .redirectErrorStream(true)
              .start();
      Thread reader = new Thread(() -> readLog(daemon, out.resolve("daemon.log")), "soak-log");
      reader.setDaemon(true);
      reader.start();
      if (!serving.await(120, TimeUnit.SECONDS)) {
        daemon.destroyForcibly();
        throw new IllegalStateException("the daemon did not start; see " + out + "/daemon.log");
      }
      List<Sample> samples = new ArrayList<>();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String started = InstantSource.system().instant().toString();
      try (PrintWriter csv =
          new PrintWriter(
              Files.newBufferedWriter(out.resolve("soak.csv"), StandardCharsets.UTF_8))) {
        csv.println(Sample.HEADER);
        int done = 0;
        long endNanos = t0 + options.length().toNanos();
        while (daemon.isAlive()) {
          long next = t0 + options.sampleEvery().toNanos() * (samples.size() + 1);
          long wait = Math.min(next, endNanos) - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          Sample s = sample(daemon.pid(), jar, config, http, done);
          done = fetches.size();
          samples.add(s);
          csv.println(s.csv());
          csv.flush();
          System.out.println(s.csv());
          if (System.nanoTime() >= endNanos) {
            break;
          }
        }
      }
      boolean alive = daemon.isAlive();
      long stopStart = System.nanoTime();
      daemon.destroy();
      boolean exited = daemon.waitFor(90, TimeUnit.SECONDS);
      long stopMs = (System.nanoTime() - stopStart) / 1_000_000;
      if (!exited) {
        daemon.destroyForcibly();
      }
      reader.join(5_000);
      String ended = InstantSource.system().instant().toString();
      SoakReport report =
          new SoakReport(
              samples,
              List.copyOf(fetches),
              Map.copyOf(polls),
              options,
              started,
              ended,
              alive,
              exited ? daemon.exitValue() : -1,
              stopMs,
              wire.counts());
      String md = report.markdown();
      Files.writeString(out.resolve("soak.md"), md);
      System.out.println(md);
      return report.flat() && alive && exited ? 0 : 1;
    }
  }

  private Sample sample(long pid, Path jar, Path config, HttpClient http, int from)
      throws Exception {
    double at = (System.nanoTime() - t0) / 1e9;
    run(java("jcmd"), Long.toString(pid), "GC.run");
    Matcher heap = HEAP_USED.matcher(run(java("jcmd"), Long.toString(pid), "GC.heap_info"));
    long heapKib = heap.find() ? Long.parseLong(heap.group(1)) : -1;
    Map<String, Long> status = procStatus(pid);
    int fds;
    try (Stream<Path> list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      fds = (int) list.count();
    }
    String stats =
        run(
            java("java"),
            "-Xmx256m",
            "-jar",
            jar.toString(),
            "--config",
            config.toString(),
            "stats",
            "--json");
    Map<String, Long> counts = new HashMap<>();
    Matcher m = JSON_NUMBER.matcher(stats);
    while (m.find()) {
      counts.put(m.group(1), Long.parseLong(m.group(2)));
    }
    if (counts.isEmpty()) {
      Files.writeString(
          options.out().resolve("stats-errors.log"),
          String.format(Locale.ROOT, "at %.0f s:%n%s%n", at, stats),
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    }
    List<Fetch> window;
    synchronized (fetches) {
      window = List.copyOf(fetches.subList(from, fetches.size()));
    }
    List<Long> ms = window.stream().map(Fetch::millis).sorted().toList();
    int failures = (int) window.stream().filter(f -> !isOk(f.outcome())).count();
    return new Sample(
        at,
        heapKib,
        status.getOrDefault("VmRSS", -1L),
        status.getOrDefault("Threads", -1L).intValue(),
        fds,
        counts.getOrDefault("articles", -1L),
        counts.getOrDefault("stories", -1L),
        window.size(),
        failures,
        SoakReport.percentile(ms, 50),
        SoakReport.percentile(ms, 99),
        time(http, base.resolve("healthz")),
        time(http, base.resolve("feed.atom")));
  }

  static boolean isOk(String outcome) {
    return outcome.equals("fetched") || outcome.equals("not-modified");
  }

  private static long time(HttpClient http, URI uri) {
    long start = System.nanoTime();
    try {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return r.statusCode() == 200 ? (System.nanoTime() - start) / 1_000_000 : -r.statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static Map<String, Long> procStatus(long pid) throws IOException {
    Map<String, Long> m = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      String[] kv = line.split(":\\s+", 2);
      if (kv.length == 2 && (kv[0].equals("VmRSS") || kv[0].equals("Threads"))) {
        m.put(kv[0], Long.parseLong(kv[1].replace(" kB", "").strip()));
      }
    }
    return m;
  }

  private void readLog(Process daemon, Path file) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
        BufferedWriter log = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        log.write(line);
        log.newLine();
        Matcher s = SERVING.matcher(line);
        if (base == null && s.find()) {
          base = URI.create(s.group(1));
          serving.countDown();
        }
        Matcher f = FETCH.matcher(line);
        if (f.find()) {
          fetches.add(
              new Fetch((System.nanoTime() - t0) / 1e9, f.group(2), Long.parseLong(f.group(3))));
          polls.merge(f.group(1), 1, Integer::sum);
        }
      }
    } catch (IOException e) {
      System.err.println("soak: reading the daemon log failed: " + e);
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    p.waitFor(60, TimeUnit.SECONDS);
    return new String(out, StandardCharsets.UTF_8);
  }

  private static String java(String tool) {
    return Path.of(System.getProperty("java.home"), "bin", tool).toString();
  }

  private String config(Path data, Path opml) {
    return String.join(
        "\n",
        "data.dir=" + data,
        "feeds.file=" + opml,
        "fetch.interval=" + options.interval().toSeconds() + "s",
        "fetch.min-interval=" + Math.min(30, options.interval().toSeconds()) + "s",
        "fetch.max-interval=" + options.interval().multipliedBy(3).toSeconds() + "s",
        "fetch.concurrency=8",
        "fetch.host-delay=0",
        "fetch.connect-timeout=2s",
        "fetch.read-timeout=5s",
        "cluster.window-articles=" + options.window(),
        "");
  }

  private static void writeOpml(Path file, List<URI> urls) throws IOException {
    StringBuilder b =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<opml version=\"2.0\"><head><title>soak</title></head><body>\n");
    for (int i = 0; i < urls.size(); i++) {
      b.append("<outline type=\"rss\" text=\"Outlet ")
          .append(i)
          .append("\" xmlUrl=\"")
          .append(urls.get(i))
          .append("\"/>\n");
    }
    Files.writeString(file, b.append("</body></opml>\n").toString());
  }

  /** Console only, with every fetch's time (the scheduler logs failed fetches at DEBUG). */
  private static final String LOGBACK =
      """
      <configuration>
        <statusListener class="ch.qos.logback.core.status.NopStatusListener"/>
        <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
          <target>System.err</target>
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n</pattern></encoder>
        </appender>
        <logger name="org.feedfold.ingest.Scheduler" level="DEBUG"/>
        <logger name="org.apache.hc" level="WARN"/>
        <logger name="org.apache.lucene" level="WARN"/>
        <root level="INFO"><appender-ref ref="CONSOLE"/></root>
      </configuration>
      """;
}
