package org.feedfold.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.index.SavedQueries;
import org.feedfold.model.ArticleInput;

/**
 * Measures what saved feeds cost with {@link SavedQueries} (articles matched as they are added)
 * against running each saved query on each request. Builds two indexes in a temporary directory
 * from the Wikinews syndication corpus ({@link ClusterCorpus}): the first two thirds of the
 * articles, then the last third added to one index watched by N saved queries and to one without;
 * the difference in CPU time per added article is the cost of matching. Then every saved feed is
 * read (50 stories, as a feed page asks) both ways. Queries are seeded title words of the corpus: a
 * word, two words with {@code AND}, {@code title:word}, or a two-word phrase. Usage: {@code
 * SavedQueryBench ARTICLES.jsonl [N [ROUNDS]]}, N saved queries (300), ROUNDS reads of each (5).
 */
public final class SavedQueryBench {
  private SavedQueryBench() {}

  public static void main(String[] args) throws Exception {
    Path jsonl = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<ClusterCorpus.Original> originals =
        ClusterCorpus.fromJsonl(jsonl, id -> id, Instant.parse("2024-01-01T00:00:00Z"));
    List<ClusterCorpus.Item> items = ClusterCorpus.generate(originals, originals.size(), 7);
    Map<String, String> queries = queries(originals, n, new Random(42));
    int base = items.size() * 2 / 3;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    Path tmp = Files.createTempDirectory("saved-query-bench");
    try (ArticleIndex watched = open(tmp.resolve("watched"));
        ArticleIndex plain = open(tmp.resolve("plain"))) {
      for (ClusterCorpus.Item i : items.subList(0, base)) {
        watched.add(i.article());
        plain.add(i.article());
      }
      watched.commit();
      plain.commit();
      long t0 = cpu.getCurrentThreadCpuTime();
      SavedQueries saved = SavedQueries.open(watched, queries);
      long seed = cpu.getCurrentThreadCpuTime() - t0;
      List<ArticleInput> tail =
          items.subList(base, items.size()).stream().map(i -> i.article()).toList();
      long addWatched = 0;
      long addPlain = 0;
      for (ArticleInput a : tail) {
        long s = cpu.getCurrentThreadCpuTime();
        watched.add(a);
        addWatched += cpu.getCurrentThreadCpuTime() - s;
        s = cpu.getCurrentThreadCpuTime();
        plain.add(a);
        addPlain += cpu.getCurrentThreadCpuTime() - s;
      }
      watched.commit();
      plain.commit();
      System.out.printf(
          Locale.ROOT,
          "%d articles, %d saved queries; seeding %.0f ms; add %.3f ms/article watched vs %.3f"
              + " ms plain: matching %.3f ms/article (over %d added)%n",
          items.size(),
          queries.size(),
          seed / 1e6,
          addWatched / 1e6 / tail.size(),
          addPlain / 1e6 / tail.size(),
          (addWatched - addPlain) / 1e6 / tail.size(),
          tail.size());
      for (int warm = 0; warm < 2; warm++) {
        long[] fromSets = new long[queries.size() * rounds];
        long[] running = new long[queries.size() * rounds];
        int k = 0;
        long stories = 0;
        for (int r = 0; r < rounds; r++) {
          for (Map.Entry<String, String> q : queries.entrySet()) {
            long s = cpu.getCurrentThreadCpuTime();
            stories += saved.stories(q.getKey(), q.getValue(), null, 50).size();
            fromSets[k] = cpu.getCurrentThreadCpuTime() - s;
            s = cpu.getCurrentThreadCpuTime();
            stories -= watched.stories(q.getValue(), null, 50).size();
            running[k++] = cpu.getCurrentThreadCpuTime() - s;
          }
        }
        if (warm == 1) {
          System.out.printf(
              Locale.ROOT,
              "per feed read (50 stories, CPU): matched sets %s; running the query %s;"
                  + " story count difference %d%n",
              summary(fromSets),
              summary(running),
              stories);
        }
      }
    }
  }

  private static ArticleIndex open(Path dir) throws Exception {
    return ArticleIndex.open(dir, ClusterSettings.defaults(), InstantSource.system());
  }

  private static String summary(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    double mean = Arrays.stream(s).average().orElse(0);
    return String.format(
        Locale.ROOT,
        "mean %.2f ms, p50 %.2f ms, p99 %.2f ms",
        mean / 1e6,
        s[s.length / 2] / 1e6,
        s[s.length * 99 / 100] / 1e6);
  }

  private static Map<String, String> queries(
      List<ClusterCorpus.Original> originals, int n, Random random) {
    List<String> words = new ArrayList<>();
    for (ClusterCorpus.Original o : originals) {
      for (String w : o.title().toLowerCase(Locale.ROOT).split("[^a-z]+")) {
        if (w.length() >= 5) {
          words.add(w);
        }
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    while (out.size() < n) {
      String a = words.get(random.nextInt(words.size()));
      String b = words.get(random.nextInt(words.size()));
      String q =
          switch (out.size() % 4) {
            case 0 -> a;
            case 1 -> a + " AND " + b;
            case 2 -> "title:" + a;
            default -> "\"" + a + " " + b + "\"~3 OR " + b;
          };
      out.put("q" + out.size(), q);
    }
    return out;
  }
}
