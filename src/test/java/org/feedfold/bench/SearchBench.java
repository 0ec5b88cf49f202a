package org.feedfold.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.index.SearchRequest;

/**
 * Measures in-process search latency as {@code feedfold search} runs it: collapsed to one result
 * per story, 20 stories, snippets highlighted. Queries are words of the indexed titles (seeded
 * random): one word, two words, or {@code title:word}. Prints p50, p90, p99 and max over the
 * measured queries after a warm-up, of wall time and of the searching thread's CPU time (the
 * steadier figure on a shared machine), and the load average before and after. Usage: {@code
 * SearchBench INDEX_DIR ARTICLES.jsonl [N [--all]]}; {@code --all} measures 20 hits per article
 * instead.
 */
public final class SearchBench {
  private SearchBench() {}

  public static void main(String[] args) throws Exception {
    Path index = Path.of(args[0]);
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    boolean collapse = args.length <= 3 || !args[3].equals("--all");
    List<String> words = titleWords(Path.of(args[1]));
    Random random = new Random(42);
    try (ArticleIndex ix =
        ArticleIndex.openReadOnly(index, ClusterSettings.defaults(), InstantSource.system())) {
      run(ix, words, random, 500, collapse, new long[500]);
      String before = load();
      long[] cpu = new long[n];
      long[] nanos = run(ix, words, random, n, collapse, cpu);
      System.out.println(percentiles(n + " queries: wall", nanos));
      System.out.println(percentiles(n + " queries: CPU ", cpu));
      System.out.println("load average before: " + before + "; after: " + load());
    }
  }

  /** Returns the words of five letters or more in the titles of the first 5,000 articles. */
  static List<String> titleWords(Path articles) throws java.io.IOException {
    List<String> words = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader in = Files.newBufferedReader(articles, StandardCharsets.UTF_8)) {
      String line;
      for (int i = 0; i < 5_000 && (line = in.readLine()) != null; i++) {
        JsonNode node = json.readTree(line);
        for (String w : node.path("title").asText().toLowerCase(Locale.ROOT).split("[^a-z]+")) {
          if (w.length() >= 5) {
            words.add(w);
          }
        }
      }
    }
    return words;
  }

  /** Returns the next query of the mix: one word (50%), two words (30%) or {@code title:word}. */
  static String query(List<String> words, Random random) {
    String w = words.get(random.nextInt(words.size()));
    int kind = random.nextInt(10);
    return kind < 5
        ? w
        : kind < 8 ? w + " " + words.get(random.nextInt(words.size())) : "title:" + w;
  }

  /** Returns a search of 20 results by relevance, as {@code feedfold search} runs it. */
  static SearchRequest request(String query, boolean collapse) {
    return new SearchRequest(query, null, 20, SearchRequest.Order.RELEVANCE, collapse);
  }

  static String percentiles(String what, long[] nanos) {
    int n = nanos.length;
    Arrays.sort(nanos);
    return String.format(
        Locale.ROOT,
        "%s p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
        what,
        nanos[n / 2] / 1e6,
        nanos[n * 9 / 10] / 1e6,
        nanos[n * 99 / 100] / 1e6,
        nanos[n - 1] / 1e6);
  }

  /** Returns the 1-, 5- and 15-minute load averages, or "?" where there are none. */
  private static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private static long[] run(
      ArticleIndex ix, List<String> words, Random random, int n, boolean collapse, long[] cpu)
      throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] out = new long[n];
    long hits = 0;
    for (int i = 0; i < n; i++) {
      SearchRequest r = request(query(words, random), collapse);
      long c = threads.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      hits += ix.search(r).size();
      out[i] = System.nanoTime() - t;
      cpu[i] = threads.getCurrentThreadCpuTime() - c;
    }
    if (hits == 0) {
      throw new IllegalStateException("no query matched: wrong index or articles file?");
    }
    return out;
  }
}
