package org.feedfold.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.index.Assignment;
import org.feedfold.model.ArticleInput;
import org.feedfold.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two store instances (two clients, as two daemons) add articles of one story within one commit
 * interval, so neither sees the other's adds; the settle pass, once both committed, merges what one
 * instance alone would have folded, and never what it would have kept apart.
 */
@ExtendWith(SolrCluster.class)
class SolrSettleIT {
  private static final List<ClusterCorpus.Original> WIKI = ClusterCorpus.wikinews();
  private static final Instant T = Instant.parse("2026-11-30T06:00:00Z");
  private static final InstantSource CLOCK = InstantSource.fixed(T.plus(Duration.ofDays(1)));
  private static final int LIMIT = 1_000;

  @TempDir Path dir;

  /**
   * Writer one adds the first half of an article, writer two the whole (it finds the half through
   * its claims and joins), writer one the second half: the second half sees neither the whole nor
   * any claim of it, and founds a story of its own, which the settle pass merges.
   */
  @Test
  void mergesHalvesBridgedByAnArticleAnotherInstanceAdded(SolrCluster.Running solr)
      throws Exception {
    List<String> p = WIKI.get(7).paragraphs();
    int half = p.size() / 2;
    String title = WIKI.get(7).title();
    String c = solr.newCollection("bridge");
    try (SolrStore one = open(solr, c);
        SolrStore two = open(solr, c)) {
      Assignment first = one.add(article("first-half", title, join(p.subList(0, half)), T));
      Assignment whole = two.add(article("whole", title, join(p), T.plusSeconds(60)));
      Assignment second =
          one.add(
              article("second-half", title, join(p.subList(half, p.size())), T.plusSeconds(120)));
      one.commit();
      two.commit();
      assertNotEquals(story(one, first), story(one, second), "the gap: two stories before");
      assertEquals(story(one, first), story(one, whole));

      SolrStore.Settled settled = one.settle(LIMIT);
      one.commit();
      assertEquals(1, settled.merged(), settled.toString());
      assertEquals(story(one, first), story(one, second));
      assertEquals(3, one.story(story(one, first)).orElseThrow().size());
      assertEquals(1, one.stats().stories());
    }
  }

  /**
   * Writer two carries an excerpt of an article writer one added but not committed; the article had
   * joined a story (so it claimed no shingle), and writer two founds a story for the excerpt. After
   * the settle pass the excerpt is in writer one's story, which was seen first.
   */
  @Test
  void foldsACopyAnotherInstanceFoundedIntoTheStoryItCopies(SolrCluster.Running solr)
      throws Exception {
    List<String> p = WIKI.get(12).paragraphs();
    int half = p.size() / 2;
    String title = WIKI.get(12).title();
    String c = solr.newCollection("copy");
    try (SolrStore one = open(solr, c);
        SolrStore two = open(solr, c)) {
      Assignment lead = one.add(article("lead", title, join(p.subList(0, half)), T));
      one.commit();
      Assignment full = one.add(article("full", title, join(p), T.plusSeconds(60)));
      Assignment excerpt =
          two.add(article("excerpt", title, join(p.subList(half, p.size())), T.plusSeconds(90)));
      assertTrue(excerpt.newStory(), "writer two founded its own: " + excerpt);
      one.commit();
      two.commit();

      one.settle(LIMIT);
      one.commit();
      String story = story(one, lead);
      assertEquals(story, story(one, full));
      assertEquals(story, story(two, excerpt), "the excerpt ends in writer one's story");
      assertEquals(1, one.stats().stories());
    }
  }

  /**
   * Reports of different events on one topic (two hurricanes, two earthquakes, two endorsements in
   * one election...), each with a copy, and stories in one site's template, added alternately by
   * two writers without commits: the Lucene store keeps them apart, and so does the settle pass.
   */
  @Test
  void neverMergesDifferentStoriesOnOneTopic(SolrCluster.Running solr) throws Exception {
    List<ArticleInput> articles = new ArrayList<>();
    int[][] pairs = {{91, 95}, {107, 110}, {71, 148}, {219, 220}, {189, 206}};
    for (int i = 0; i < pairs.length; i++) {
      for (int k = 0; k < 2; k++) {
        ClusterCorpus.Original o = WIKI.get(pairs[i][k]);
        Instant at = T.plus(Duration.ofHours(i)).plusSeconds(600L * k);
        articles.add(article("topic" + pairs[i][k], o.title(), join(o.paragraphs()), at));
        articles.add(
            article(
                "topic" + pairs[i][k] + "-copy",
                o.title(),
                join(o.paragraphs()) + "\nVia the wire.",
                at.plusSeconds(30)));
      }
    }
    String header = "Valley Tribune | Home | World | Politics | Business | Science | Sport";
    String footer =
        "Related stories:\nCouncil approves new budget after long debate\nLocal team wins the"
            + " regional final in extra time\nCopyright Valley Tribune Media Group. All rights"
            + " reserved. This material may not be published, broadcast, rewritten or"
            + " redistributed. Sign up for our newsletter to get the top stories every morning.";
    for (int i = 0; i < 6; i++) {
      articles.add(
          article(
              "site" + i,
              WIKI.get(10 + i).title(),
              header + "\n" + WIKI.get(10 + i).paragraphs().get(0) + "\n" + footer,
              T.plusSeconds(60L * i)));
    }
    int expected = pairs.length * 2 + 6;
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), CLOCK)) {
      for (ArticleInput a : articles) {
        index.add(a);
      }
      index.commit();
      assertEquals(expected, index.stats().stories(), "the Lucene store keeps them apart");
    }
    String c = solr.newCollection("apart");
    try (SolrStore one = open(solr, c);
        SolrStore two = open(solr, c)) {
      for (int i = 0; i < articles.size(); i++) {
        (i % 2 == 0 ? one : two).add(articles.get(i));
      }
      one.commit();
      two.commit();
      SolrStore.Settled settled = one.settle(LIMIT);
      one.commit();
      assertEquals(articles.size(), settled.examined());
      assertEquals(0, settled.merged(), settled.toString());
      assertEquals(expected, one.stats().stories());
    }
  }

  /**
   * A pass looks at most at its limit of articles, the newest, and says how many it left out; each
   * article is looked at by the two passes after its add, not by later ones.
   */
  @Test
  void looksAtMostAtItsLimitOfArticles(SolrCluster.Running solr) throws Exception {
    String c = solr.newCollection("limit");
    try (SolrStore one = open(solr, c)) {
      for (int i = 0; i < 5; i++) {
        ClusterCorpus.Original o = WIKI.get(30 + i);
        one.add(article("a" + i, o.title(), join(o.paragraphs()), T.plusSeconds(i)));
      }
      one.commit();
      SolrStore.Settled settled = one.settle(3);
      assertEquals(3, settled.examined());
      assertEquals(2, settled.skipped());
      assertEquals(3, one.settle(3).examined(), "the next pass looks at them again");
      assertEquals(0, one.settle(3).examined(), "the one after looks only at newer adds");
      one.add(article("late", "Late", join(WIKI.get(40).paragraphs()), T.plusSeconds(9)));
      one.commit();
      assertEquals(1, one.settle(3).examined());
    }
  }

  private static String story(Store store, Assignment a) throws Exception {
    return store.story(a.storyId()).orElseThrow().id();
  }

  private static SolrStore open(SolrCluster.Running solr, String collection) throws Exception {
    return SolrStore.open(
        SolrSettings.parse(solr.zkHost(), collection), ClusterSettings.defaults(), CLOCK, false);
  }

  private static String join(List<String> paragraphs) {
    return String.join("\n", paragraphs);
  }

  private static ArticleInput article(String id, String title, String text, Instant at) {
    return new ArticleInput(
        id, "https://a.example/" + id, null, title, text, null, at, at, "Test", null, null, "en");
  }
}
