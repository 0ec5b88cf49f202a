package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Republishes real Wikinews articles and checks each original and its copies form one story. */
class SyndicationClusteringTest {
  @TempDir Path dir;

  @Test
  void clustersRepublicationsOfSixtyArticles() throws Exception {
    ClusterCorpus.Score s = run(60, 7);
    System.out.println("60-article syndication corpus: " + s);
    assertTrue(s.precision() >= 0.99, s.toString());
    assertTrue(s.recall() >= 0.97, s.toString());
  }

  @Test
  @Tag("slow")
  void clustersRepublicationsOfWholeCorpus() throws Exception {
    ClusterCorpus.Score s = run(Integer.MAX_VALUE, 11);
    System.out.println("full syndication corpus: " + s);
    assertTrue(s.precision() >= 0.99, s.toString());
    assertTrue(s.recall() >= 0.97, s.toString());
  }

  private ClusterCorpus.Score run(int originals, long seed) throws Exception {
    List<ClusterCorpus.Item> items =
        ClusterCorpus.generate(ClusterCorpus.wikinews(), originals, seed);
    InstantSource clock = InstantSource.fixed(Instant.parse("2021-01-01T00:00:00Z"));
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock)) {
      for (ClusterCorpus.Item i : items) {
        index.add(i.article());
      }
      index.commit();
      List<String> predicted = new ArrayList<>();
      java.util.Map<String, String> byId = new java.util.HashMap<>();
      index.forEachArticle(a -> byId.put(a.id(), a.story()));
      for (ClusterCorpus.Item i : items) {
        predicted.add(byId.get(i.article().id()));
      }
      ClusterCorpus.Score s = ClusterCorpus.score(items, predicted);
      if (s.precision() < 0.99 || s.recall() < 0.97) {
        report(items, predicted);
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (String st : predicted) {
          if (shown.add(st)) {
            index
                .explain(st)
                .ifPresent(
                    e -> {
                      if (e.members().stream()
                              .map(
                                  m ->
                                      m.articleId()
                                          .replaceAll(
                                              "-(verbatim|edited|teaser|excerpt|update\\d|wire)$",
                                              ""))
                              .distinct()
                              .count()
                          > 1) {
                        e.members()
                            .forEach(
                                m ->
                                    System.out.println(
                                        "  "
                                            + m.articleId()
                                            + " "
                                            + m.reason()
                                            + " "
                                            + m.matchedId()
                                            + " "
                                            + m.evidence()
                                            + " "
                                            + m.sharedPassages()));
                      }
                    });
          }
        }
      }
      return s;
    }
  }

  private static void report(List<ClusterCorpus.Item> items, List<String> predicted) {
    java.util.Map<String, String> goldStory = new java.util.HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).kind().equals("original")) {
        goldStory.put(items.get(i).gold(), predicted.get(i));
      }
    }
    java.util.Map<String, Integer> misses = new java.util.TreeMap<>();
    for (int i = 0; i < items.size(); i++) {
      if (!predicted.get(i).equals(goldStory.get(items.get(i).gold()))) {
        misses.merge(items.get(i).kind(), 1, Integer::sum);
      }
    }
    System.out.println("split from their original, by kind: " + misses);
    java.util.Map<String, java.util.Set<String>> golds = new java.util.HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      golds
          .computeIfAbsent(predicted.get(i), k -> new java.util.TreeSet<>())
          .add(items.get(i).gold());
    }
    golds.forEach(
        (story, g) -> {
          if (g.size() > 1) {
            System.out.println("story " + story + " mixes " + g);
          }
        });
  }
}
