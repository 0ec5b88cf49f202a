package org.feedfold.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
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
 * measured queries after a warm-up. Usage: {@code SearchBench INDEX_DIR ARTICLES.jsonl [N
 * [--all]]}; {@code --all} measures 20 hits per article instead.
 */
public final class SearchBench {
  private SearchBench() {}

  public static void main(String[] args) throws Exception {
    Path index = Path.of(args[0]);
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    boolean collapse = args.length <= 3 || !args[3].equals("--all");
    List<String> words = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader in = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
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
    Random random = new Random(42);
    try (ArticleIndex ix =
        ArticleIndex.openReadOnly(index, ClusterSettings.defaults(), InstantSource.system())) {
      run(ix, words, random, 500, collapse);
      long[] nanos = run(ix, words, random, n, collapse);
      Arrays.sort(nanos);
      System.out.printf(
          Locale.ROOT,
          "%d queries: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          n,
          nanos[n / 2] / 1e6,
          nanos[n * 9 / 10] / 1e6,
          nanos[n * 99 / 100] / 1e6,
          nanos[n - 1] / 1e6);
    }
  }

  private static long[] run(
      ArticleIndex ix, List<String> words, Random random, int n, boolean collapse)
      throws Exception {
    long[] out = new long[n];
    long hits = 0;
    for (int i = 0; i < n; i++) {
      String w = words.get(random.nextInt(words.size()));
      int kind = random.nextInt(10);
      String q =
          kind < 5
              ? w
              : kind < 8 ? w + " " + words.get(random.nextInt(words.size())) : "title:" + w;
      long t = System.nanoTime();
      hits +=
          ix.search(new SearchRequest(q, null, 20, SearchRequest.Order.RELEVANCE, collapse)).size();
      out[i] = System.nanoTime() - t;
    }
    if (hits == 0) {
      throw new IllegalStateException("no query matched: wrong index or articles file?");
    }
    return out;
  }
}
