package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.Story;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads stories together and one by one from a real index and compares them. */
class StoryBatchTest {
  static final List<ClusterCorpus.Original> WIKI = ClusterCorpus.wikinews();
  static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  @TempDir Path dir;

  static ArticleInput article(String id, String source, String title, String text, Instant at) {
    return new ArticleInput(
        id,
        "https://" + source + ".example/" + id,
        null,
        title,
        text,
        null,
        at,
        at,
        source,
        null,
        null,
        "en");
  }

  @Test
  void readsStoriesTogetherAsOneByOneMergedCopiedUpdatedAndMissingOnes() throws IOException {
    ArticleIndexTest.Clock clock = new ArticleIndexTest.Clock();
    clock.now = T0;
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock)) {
      List<String> ids = new ArrayList<>();
      for (int n = 0; n < 6; n++) {
        ClusterCorpus.Original o = WIKI.get(n);
        String text = String.join("\n", o.paragraphs());
        ids.add(index.add(article("o" + n, "wire", o.title(), text, T0)).storyId());
        // Copies arriving in another order than their times, some sharing a time.
        for (int c = 0; c < n; c++) {
          index.add(
              article(
                  "c" + n + "-" + c,
                  "outlet" + c,
                  o.title(),
                  "Republished.\n" + text,
                  T0.plusSeconds(600L * ((c * 7) % 3))));
        }
        if (n % 2 == 0) {
          index.add(article("o" + n, "wire", o.title(), "Update: more.\n" + text, T0));
        }
        if (n == 3) {
          index.commit();
        }
      }
      // Two halves of one article make two stories; the whole one merges them.
      List<String> p = WIKI.get(7).paragraphs();
      String title = WIKI.get(7).title();
      int half = p.size() / 2;
      String first =
          index.add(article("x", "a", title, String.join("\n", p.subList(0, half)), T0)).storyId();
      String second =
          index
              .add(
                  article(
                      "y",
                      "b",
                      title,
                      String.join("\n", p.subList(half, p.size())),
                      T0.plusSeconds(60)))
              .storyId();
      assertNotEquals(first, second);
      index.add(article("z", "c", title, String.join("\n", p), T0.plusSeconds(120)));
      index.commit();

      List<String> asked = new ArrayList<>(ids);
      asked.add(second);
      asked.add(first);
      asked.add("not-a-story-id");
      asked.add(ids.get(0).substring(0, ids.get(0).length() - 1) + "f");
      Map<String, Story> oneByOne = new LinkedHashMap<>();
      for (String id : asked) {
        index.story(id).ifPresent(s -> oneByOne.put(id, s));
      }

      Map<String, Story> together = index.storiesById(asked);

      assertEquals(new ArrayList<>(oneByOne.keySet()), new ArrayList<>(together.keySet()));
      assertEquals(oneByOne, together);
      assertEquals(first, together.get(second).id());
      assertEquals(6, together.get(ids.get(5)).articles().size());
    }
  }
}
