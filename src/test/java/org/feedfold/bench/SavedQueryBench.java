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
 * against running each saved query on each request, and what the term filter saves over running
 * every saved query against every added article. For each count N of saved queries, builds three
 * indexes in a temporary directory from the Wikinews syndication corpus ({@link ClusterCorpus}):
 * the first two thirds of the articles, then the last third added to one index watched by N saved
 * queries matched through the term filter, to one watched by the same queries run one by one
 * ({@link SavedQueries.Matching#EVERY_QUERY}), and to one without; the differences in CPU time per
 * added article are the costs of matching. Then the first {@value #READ_FEEDS} saved feeds are read
 * (50 stories, as a feed page asks) both from the matched sets and by running their queries.
 * Queries are seeded title words of the corpus: a word, two words with {@code AND}, {@code
 * title:word}, or a two-word phrase with slop or a word. Usage: {@code SavedQueryBench
 * ARTICLES.jsonl [N[,N…] [ROUNDS [PAGE]]]}, N saved queries (300,1000), ROUNDS reads of each (5) of
 * PAGE stories (50; 1 measures the sorting of a feed's stories more than the building of its page).
 */
public final class SavedQueryBench {
  private static final int READ_FEEDS = 300;

  private SavedQueryBench() {}

  public static void main(String[] args) throws Exception {
    Path jsonl = Path.of(args[0]);
    int[] counts =
        Arrays.stream((args.length > 1 ? args[1] : "300,1000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int page = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    List<ClusterCorpus.Original> originals =
        ClusterCorpus.fromJsonl(jsonl, id -> id, Instant.parse("2024-01-01T00:00:00Z"));
    List<ClusterCorpus.Item> items = ClusterCorpus.generate(originals, originals.size(), 7);
    for (int n : counts) {
      run(items, queries(originals, n, new Random(42)), rounds, page);
    }
  }

  private static void run(
      List<ClusterCorpus.Item> items, Map<String, String> queries, int rounds, int page)
      throws Exception {
    int base = items.size() * 2 / 3;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    Path tmp = Files.createTempDirectory("saved-query-bench");
    try (ArticleIndex filtered = open(tmp.resolve("filtered"));
        ArticleIndex every = open(tmp.resolve("every"));
        ArticleIndex plain = open(tmp.resolve("plain"))) {
      List<ArticleIndex> indexes = List.of(filtered, every, plain);
      for (ClusterCorpus.Item i : items.subList(0, base)) {
        for (ArticleIndex x : indexes) {
          x.add(i.article());
        }
      }
      for (ArticleIndex x : indexes) {
        x.commit();
      }
      long t0 = cpu.getCurrentThreadCpuTime();
      SavedQueries saved = SavedQueries.open(filtered, queries);
      long seed = cpu.getCurrentThreadCpuTime() - t0;
      SavedQueries brute = SavedQueries.open(every, queries, SavedQueries.Matching.EVERY_QUERY);
      List<ArticleInput> tail =
          items.subList(base, items.size()).stream().map(i -> i.article()).toList();
      long[] add = new long[indexes.size()];
      for (ArticleInput a : tail) {
        for (int k = 0; k < indexes.size(); k++) {
          long s = cpu.getCurrentThreadCpuTime();
          indexes.get(k).add(a);
          add[k] += cpu.getCurrentThreadCpuTime() - s;
        }
      }
      for (ArticleIndex x : indexes) {
        x.commit();
      }
      double perPlain = add[2] / 1e6 / tail.size();
      System.out.printf(
          Locale.ROOT,
          "%d articles, %d saved queries; seeding %.0f ms; add one article: plain %.3f ms;"
              + " every query run %.3f ms (+%.3f matching, %.1f queries run);"
              + " term filter %.3f ms (+%.3f matching, %.1f queries run); over %d added%n",
          items.size(),
          queries.size(),
          seed / 1e6,
          perPlain,
          add[1] / 1e6 / tail.size(),
          add[1] / 1e6 / tail.size() - perPlain,
          (double) brute.checks() / tail.size(),
          add[0] / 1e6 / tail.size(),
          add[0] / 1e6 / tail.size() - perPlain,
          (double) saved.checks() / tail.size(),
          tail.size());
      List<Map.Entry<String, String>> read = queries.entrySet().stream().limit(READ_FEEDS).toList();
      for (int warm = 0; warm < 2; warm++) {
        long[] fromSets = new long[read.size() * rounds];
        long[] running = new long[read.size() * rounds];
        int k = 0;
        long stories = 0;
        for (int r = 0; r < rounds; r++) {
          for (Map.Entry<String, String> q : read) {
            long s = cpu.getCurrentThreadCpuTime();
            stories += saved.stories(q.getKey(), q.getValue(), null, page).size();
            fromSets[k] = cpu.getCurrentThreadCpuTime() - s;
            s = cpu.getCurrentThreadCpuTime();
            stories -= filtered.stories(q.getValue(), null, page).size();
            running[k++] = cpu.getCurrentThreadCpuTime() - s;
          }
        }
        if (warm == 1) {
          System.out.printf(
              Locale.ROOT,
              "per feed read (%d stories, CPU, %d feeds x %d): matched sets %s; running the query"
                  + " %s; story count difference %d%n",
              page,
              read.size(),
              rounds,
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
