package org.feedfold.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.feedfold.extract.ArticleExtractor;
import org.feedfold.extract.PageSource;

/**
 * Measures single-thread extraction throughput (pages per second, parse included) over a folder of
 * HTML pages held in memory, after a warm-up pass.
 *
 * <p>Run: {@code ./mvnw -q -o test-compile && java -cp target/test-classes:target/feedfold.jar
 * org.feedfold.bench.ExtractBenchmark DIR [SECONDS [MIN_KB [MAX_KB]]]}; the size bounds pick pages
 * of a typical size. Reads files only from {@code DIR}; no network. Not a test: numbers depend on
 * the machine.
 */
public final class ExtractBenchmark {
  private ExtractBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: ExtractBenchmark DIR [SECONDS [MIN_KB [MAX_KB]]]");
    }
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
    long minBytes = args.length > 2 ? Long.parseLong(args[2]) * 1024 : 0;
    long maxBytes = args.length > 3 ? Long.parseLong(args[3]) * 1024 : Long.MAX_VALUE;
    List<byte[]> pages = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(args[0]))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
        long size = Files.size(p);
        if (size >= minBytes && size <= maxBytes) {
          pages.add(Files.readAllBytes(p));
        }
      }
    }
    long bytes = pages.stream().mapToLong(b -> b.length).sum();
    ArticleExtractor extractor = new ArticleExtractor();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.printf(
        Locale.ROOT, "%d pages, mean %.0f KB%n", pages.size(), bytes / 1024.0 / pages.size());
    run(extractor, pages, seconds / 4, out, "warm-up");
    run(extractor, pages, seconds, out, "measured");
  }

  /**
   * Reads the whole JVM's CPU time (all threads, GC and JIT included) from Linux {@code
   * /proc/self/stat}, assuming the usual 100 clock ticks per second; NaN elsewhere.
   */
  private static double processCpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // Fields 14 and 15 of proc(5), utime and stime, are the 12th and 13th after the name.
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static void run(
      ArticleExtractor extractor, List<byte[]> pages, long seconds, PrintStream out, String label) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    double processStart = processCpuSeconds();
    long done = 0;
    long chars = 0;
    while (System.nanoTime() < deadline) {
      for (byte[] page : pages) {
        chars += extractor.extract(page, PageSource.UNKNOWN).text().length();
        done++;
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    double process = processCpuSeconds() - processStart;
    out.printf(
        Locale.ROOT,
        "%s: %d pages, %.1f s wall = %.1f pages/s; thread CPU %.1f s = %.1f pages/CPU-s;"
            + " process CPU incl. GC/JIT %.1f s = %.1f pages/CPU-s (%d text chars)%n",
        label,
        done,
        elapsed,
        done / elapsed,
        cpu,
        done / cpu,
        process,
        done / process,
        chars);
  }
}
