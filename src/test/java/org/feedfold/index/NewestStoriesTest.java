package org.feedfold.index;

import static org.feedfold.index.ArticleIndexTest.text;
import static org.feedfold.index.StoryBatchTest.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.model.StoryStamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lists the newest stories of a real index after commits of every kind, from the listing kept
 * before the commit ({@link NewestStories}), and compares each with a listing made anew.
 */
class NewestStoriesTest {
  static final List<ClusterCorpus.Original> WIKI = ClusterCorpus.wikinews();
  static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  static final Instant NEWEST = Instant.ofEpochMilli(Long.MAX_VALUE);
  static final int[] LIMITS = {1, 3, 8, 50};
  @TempDir Path dir;
  final ArticleIndexTest.Clock clock = new ArticleIndexTest.Clock();

  /** Asserts that every limit's listing, from the kept one, is the one listed anew. */
  static void assertListedAsAnew(ArticleIndex index, String after) throws IOException {
    for (int limit : LIMITS) {
      List<StoryStamp> kept = index.stamps(null, null, limit);
      assertEquals(index.stampsListedAnew(limit), kept, after + ", limit " + limit);
    }
    assertEquals(
        index.newestFirstSeenAnew(),
        index.storyFirstSeen(NEWEST, true).map(Instant::toEpochMilli).stream()
            .mapToLong(t -> t)
            .findFirst(),
        after + ": the newest first-seen time");
  }

  @Test
  void listsTheNewestStoriesAfterEachKindOfCommitAsAListingAnewDoes() throws IOException {
    clock.now = T0;
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock)) {
      for (int n = 0; n < 10; n++) {
        clock.now = T0.plusSeconds(60L * n);
        index.add(article("o" + n, "wire", WIKI.get(n).title(), text(n), clock.now));
        if (n % 3 == 2) {
          index.commit();
        }
      }
      index.commit();
      assertListedAsAnew(index, "first listing");
      long[] before = index.newestListings();

      clock.now = T0.plusSeconds(3_600);
      index.add(article("o10", "wire", WIKI.get(10).title(), text(10), clock.now));
      index.commit();
      assertListedAsAnew(index, "a new story");

      clock.now = clock.now.plusSeconds(60);
      index.add(article("c4", "outlet", WIKI.get(4).title(), "Republished.\n" + text(4), T0));
      index.commit();
      assertListedAsAnew(index, "a story gains a member");

      clock.now = clock.now.plusSeconds(60);
      index.add(article("o2", "wire", WIKI.get(2).title(), "Update: more.\n" + text(2), T0));
      index.commit();
      assertListedAsAnew(index, "a member re-issued");

      // Two halves of one article make two stories; the whole one merges them.
      List<String> p = WIKI.get(11).paragraphs();
      String title = WIKI.get(11).title();
      int half = p.size() / 2;
      clock.now = clock.now.plusSeconds(60);
      String first =
          index
              .add(article("x", "a", title, String.join("\n", p.subList(0, half)), clock.now))
              .storyId();
      clock.now = clock.now.plusSeconds(60);
      String second =
          index
              .add(
                  article("y", "b", title, String.join("\n", p.subList(half, p.size())), clock.now))
              .storyId();
      assertNotEquals(first, second);
      index.commit();
      assertListedAsAnew(index, "two halves");
      clock.now = clock.now.plusSeconds(60);
      index.add(article("z", "c", title, String.join("\n", p), clock.now));
      index.commit();
      assertListedAsAnew(index, "two stories merged");

      // The clock set back: a changed story's update time falls below stories it was above.
      clock.now = T0.plusSeconds(90);
      index.add(article("o9", "wire", WIKI.get(9).title(), "Correction.\n" + text(9), T0));
      index.commit();
      assertListedAsAnew(index, "a story re-dated into the past");

      clock.now = T0.plusSeconds(7_200);
      for (int n = 12; n < 20; n++) {
        clock.now = clock.now.plusSeconds(1);
        index.add(article("o" + n, "wire", WIKI.get(n).title(), text(n), clock.now));
        index.commit();
        assertListedAsAnew(index, "commit of story " + n);
      }

      long[] after = index.newestListings();
      assertTrue(
          after[1] - before[1] > 40,
          "most listings after a commit come from the kept one: "
              + (after[1] - before[1])
              + " of "
              + (after[0] + after[1] - before[0] - before[1]));
    }
  }

  @Test
  void listsTheFirstPageAfterACommitWithoutCuttingTheUpdateTimesAgain() throws IOException {
    clock.now = T0;
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock)) {
      for (int n = 0; n < 8; n++) {
        clock.now = T0.plusSeconds(60L * n);
        index.add(article("o" + n, "wire", WIKI.get(n).title(), text(n), clock.now));
        index.commit();
      }
      List<StoryStamp> cold = index.stamps(null, null, 5);
      assertEquals(5, cold.size());
      assertEquals(Optional.of(T0.plusSeconds(420)), index.storyFirstSeen(NEWEST, true));

      clock.now = T0.plusSeconds(3_600);
      index.add(article("o8", "wire", WIKI.get(8).title(), text(8), clock.now));
      clock.now = clock.now.plusSeconds(1);
      index.add(article("o3", "wire", WIKI.get(3).title(), "Update: more.\n" + text(3), T0));
      index.commit();
      long walks = PointCut.walks();
      List<StoryStamp> page = index.stamps(null, null, 5);
      Optional<Instant> newest = index.storyFirstSeen(NEWEST, true);

      // Before: the listing cut the update times again, walking the new segment's tree, then
      // searched every segment and read the state of each of the five stories; the archive
      // link cut the first-seen times and searched every segment.
      assertEquals(0, PointCut.walks() - walks, "trees walked after the commit");
      assertEquals(Optional.of(T0.plusSeconds(3_600)), newest);
      List<String> ids = new ArrayList<>();
      page.forEach(s -> ids.add(s.id()));
      assertEquals(cold.get(0).id(), ids.get(2), ids.toString());
      assertEquals(index.stampsListedAnew(5), page);
    }
  }
}
