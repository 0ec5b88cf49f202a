package org.feedfold.bench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.index.SearchRequest;
import org.feedfold.index.StoryHit;
import org.feedfold.model.SearchHit;

/**
 * Writes what {@code feedfold search} returns for a fixed set of queries, one line per result:
 * query, rank, story, article, more hits and outlets, score and snippet, so that two builds can be
 * compared with {@code diff} on the same index. The queries are {@link SearchBench}'s (the same
 * seed and mix: one word, two words, {@code title:word}), then phrases, {@code source:}, a {@code
 * since} filter, date order and {@code --all} over some of the same words. Usage: {@code
 * SearchCompare INDEX_DIR ARTICLES.jsonl OUT.txt [N]}, N queries of the mix (default 40).
 */
public final class SearchCompare {
  private SearchCompare() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 3 ? Integer.parseInt(args[3]) : 40;
    List<String> words = SearchBench.titleWords(Path.of(args[1]));
    Random random = new Random(42);
    List<SearchRequest> requests = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      requests.add(SearchBench.request(SearchBench.query(words, random), true));
    }
    for (int i = 0; i < 5; i++) {
      String a = words.get(random.nextInt(words.size()));
      String b = words.get(random.nextInt(words.size()));
      requests.add(SearchBench.request("\"" + a + " " + b + "\" " + a, true));
      requests.add(SearchBench.request(a + " source:reuters", true));
      requests.add(
          new SearchRequest(
              a, Instant.parse("2020-01-01T00:00:00Z"), 20, SearchRequest.Order.RELEVANCE, true));
      requests.add(new SearchRequest(a, null, 20, SearchRequest.Order.DATE, true));
      requests.add(SearchBench.request(a + " " + b, false));
      requests.add(SearchBench.request("-" + a, true));
    }
    try (ArticleIndex ix =
            ArticleIndex.openReadOnly(
                Path.of(args[0]), ClusterSettings.defaults(), InstantSource.system());
        PrintWriter out =
            new PrintWriter(Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8))) {
      for (SearchRequest r : requests) {
        List<StoryHit> hits = ix.search(r);
        out.printf(
            Locale.ROOT,
            "## %s since=%s order=%s collapse=%s: %d%n",
            r.query(),
            r.since(),
            r.order(),
            r.collapse(),
            hits.size());
        int rank = 0;
        for (StoryHit sh : hits) {
          SearchHit h = sh.best();
          out.printf(
              Locale.ROOT,
              "%d %s %s +%d/%d %.6f %s | %s%n",
              ++rank,
              h.story(),
              h.id(),
              sh.moreHits(),
              sh.moreOutlets(),
              h.score(),
              h.title(),
              h.snippet());
        }
      }
    }
  }
}
