package org.feedfold.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;

/**
 * Compares two builds' search in one JVM, query by query: each build's jar and test classes are
 * loaded by a class loader of their own, each opens the index read-only, and every query of {@link
 * SearchBench}'s mix runs on both, in alternating order, timed by the searching thread's CPU. On a
 * shared machine that compares the builds under the same load, where separate runs differ by a
 * third. Usage: {@code SearchBenchAB INDEX_DIR ARTICLES.jsonl N CLASSPATH_A CLASSPATH_B}, each
 * classpath a jar and a test-classes directory joined by {@code :}. Prints {@link SearchBench}'s
 * percentiles for each build and the ratio of their medians.
 */
public final class SearchBenchAB {
  private SearchBenchAB() {}

  /** Is one build's index, opened through its own class loader. */
  private static final class Build {
    final Object index;
    final Method search;
    final Method request;

    Build(String classpath, Path dir) throws Exception {
      String[] parts = classpath.split(":");
      URL[] urls = new URL[parts.length];
      for (int i = 0; i < parts.length; i++) {
        urls[i] = Path.of(parts[i]).toUri().toURL();
      }
      @SuppressWarnings("resource") // lives as long as the JVM
      ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
      Class<?> settings = loader.loadClass("org.feedfold.cluster.ClusterSettings");
      Class<?> ix = loader.loadClass("org.feedfold.index.ArticleIndex");
      Class<?> req = loader.loadClass("org.feedfold.index.SearchRequest");
      index =
          ix.getMethod("openReadOnly", Path.class, settings, InstantSource.class)
              .invoke(
                  null, dir, settings.getMethod("defaults").invoke(null), InstantSource.system());
      search = ix.getMethod("search", req);
      Class<?> bench = loader.loadClass("org.feedfold.bench.SearchBench");
      request = bench.getDeclaredMethod("request", String.class, boolean.class);
      request.setAccessible(true);
    }

    int run(String query) throws Exception {
      return ((List<?>) search.invoke(index, request.invoke(null, query, true))).size();
    }
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<String> words = SearchBench.titleWords(Path.of(args[1]));
    int n = Integer.parseInt(args[2]);
    Build[] builds = {new Build(args[3], dir), new Build(args[4], dir)};
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Random random = new Random(42);
    int warm = 500;
    long[][] cpu = new long[2][n];
    for (int i = 0; i < warm + n; i++) {
      String q = SearchBench.query(words, random);
      for (int k = 0; k < 2; k++) {
        int b = (i + k) % 2;
        long c = threads.getCurrentThreadCpuTime();
        builds[b].run(q);
        long used = threads.getCurrentThreadCpuTime() - c;
        if (i >= warm) {
          cpu[b][i - warm] = used;
        }
      }
    }
    long a = median(cpu[0]);
    long b = median(cpu[1]);
    System.out.println(SearchBench.percentiles(n + " queries: CPU A", cpu[0]));
    System.out.println(SearchBench.percentiles(n + " queries: CPU B", cpu[1]));
    System.out.printf(java.util.Locale.ROOT, "B / A at the median: %.3f%n", (double) b / a);
  }

  private static long median(long[] v) {
    long[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[s.length / 2];
  }
}
