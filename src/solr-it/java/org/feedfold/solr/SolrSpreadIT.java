package org.feedfold.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.model.ArticleInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The story spread of a shingle (how many stories hold it, which makes it boilerplate) counted from
 * the articles a candidate lookup has already read gives the verdicts the engine's facet gives, and
 * spares the facet for shingles only copies of one story hold (issue 13: a facet per shingle per
 * add made SolrCloud ingest 100 times slower than Lucene).
 */
@ExtendWith(SolrCluster.class)
class SolrSpreadIT {
  private static final List<ClusterCorpus.Original> WIKI = ClusterCorpus.wikinews();
  private static final Instant T = Instant.parse("2026-11-30T06:00:00Z");
  private static final InstantSource CLOCK = InstantSource.fixed(T.plus(Duration.ofDays(1)));
  private static final String TEMPLATE =
      "Copyright Valley Tribune Media Group. All rights reserved. This material may not be"
          + " published, broadcast, rewritten or redistributed. Sign up for our newsletter to get"
          + " the top stories every morning and the best of the weekend on Saturday.";

  @Test
  void spreadsCountedFromReadArticlesMatchTheFacetAndSpareItForCopies(SolrCluster.Running solr)
      throws Exception {
    List<ArticleInput> articles = new ArrayList<>();
    // Three stories in one site's template: its shingles are boilerplate (three stories).
    for (int i = 0; i < 3; i++) {
      articles.add(article("site" + i, "tribune", i, T.plusSeconds(60L * i)));
    }
    // Three copies of the first elsewhere: its own shingles are held by four articles of one
    // story, so they reach the frequency threshold but are not boilerplate.
    for (int i = 1; i <= 3; i++) {
      articles.add(article("copy" + i, "outlet" + i, 0, T.plusSeconds(600L * i)));
    }
    ArticleInput last = article("copy4", "outlet4", 0, T.plusSeconds(3_000));

    Measured facet = measure(solr, "spreadfacet", articles, last, false);
    Measured counted = measure(solr, "spreadcount", articles, last, true);

    assertEquals(facet.story(), counted.story(), "the same story either way");
    assertTrue(counted.members() >= 2, "the last copy joined earlier ones: " + counted.members());
    int limit = ClusterSettings.defaults().boilerplateStories();
    assertEquals(facet.spreads().keySet(), counted.spreads().keySet());
    int boilerplate = 0;
    int copiesOnly = 0;
    for (Map.Entry<Integer, Long> e : facet.spreads().entrySet()) {
      long byFacet = e.getValue();
      long byCount = counted.spreads().get(e.getKey());
      assertEquals(byFacet >= limit, byCount >= limit, "verdict on shingle " + e.getKey());
      if (byFacet < limit) {
        assertEquals(byFacet, byCount, "spread of shingle " + e.getKey());
        copiesOnly += byFacet == 1 ? 1 : 0;
      } else {
        boilerplate++;
      }
    }
    assertTrue(boilerplate > 0, "the template's shingles are boilerplate: " + facet.spreads());
    assertTrue(copiesOnly > 0, "the story's own shingles are not: " + facet.spreads());
    assertEquals(facet.spreads().size(), facet.byFacet(), "without counting, all by facet");
    assertTrue(
        counted.byFacet() <= boilerplate,
        "counted: only shingles held by articles the lookup did not read asked by facet, "
            + counted.byFacet()
            + " of "
            + counted.spreads().size());
    assertEquals(counted.spreads().size(), counted.byFacet() + counted.byCount());
  }

  /**
   * A story whose holders of a shingle are partly committed and partly this instance's pending adds
   * counts once in the shingle's spread, counted or asked by facet (issue 13: it counted twice, so
   * a site template in two stories read as boilerplate, as in three, once a commit split a story's
   * members; on SolrIngestBench's warm-up corpus a teaser then left its story).
   */
  @ParameterizedTest(name = "counted from the articles read: {0}")
  @ValueSource(booleans = {false, true})
  void aStoryWithCommittedAndPendingHoldersCountsOnceInASpread(
      boolean count, SolrCluster.Running solr) throws Exception {
    try (SolrStore store =
        SolrStore.open(
            SolrSettings.parse(solr.zkHost(), solr.newCollection("spreadonce")),
            ClusterSettings.defaults(),
            CLOCK,
            false)) {
      // Two stories in one site's template, committed; then a copy of the first, pending. Short
      // texts, so that the template's shingles are among those the candidate search asks for and
      // both stories are read (then the spread can be counted from them).
      store.add(lead("site0", "tribune", 0, T));
      store.add(lead("site1", "tribune", 1, T.plusSeconds(60)));
      store.commit();
      String story = store.add(lead("copy1", "outlet1", 0, T.plusSeconds(600))).storyId();
      store.stories().countSpreads = count;
      long[] before = store.spreadCounts();
      assertEquals(story, store.add(lead("copy2", "outlet2", 0, T.plusSeconds(1_200))).storyId());
      long[] after = store.spreadCounts();
      Map<Integer, Long> spreads = store.stories().lastSpreads;
      assertTrue(after[count ? 1 : 0] > before[count ? 1 : 0], "measured the way asked");
      assertTrue(
          spreads.values().stream().anyMatch(v -> v == 2),
          "the template's shingles were measured: " + spreads);
      assertTrue(
          spreads.values().stream().allMatch(v -> v <= 2),
          "two stories hold the template, no shingle is in more: " + spreads);
    }
  }

  private record Measured(
      String story, int members, Map<Integer, Long> spreads, long byFacet, long byCount) {}

  /** Adds {@code articles} with a commit after each, then {@code last}, and reports its lookup. */
  private static Measured measure(
      SolrCluster.Running solr,
      String collection,
      List<ArticleInput> articles,
      ArticleInput last,
      boolean count)
      throws Exception {
    try (SolrStore store =
        SolrStore.open(
            SolrSettings.parse(solr.zkHost(), solr.newCollection(collection)),
            ClusterSettings.defaults(),
            CLOCK,
            false)) {
      for (ArticleInput a : articles) {
        store.add(a);
        store.commit();
      }
      store.stories().countSpreads = count;
      long[] before = store.spreadCounts();
      String story = store.add(last).storyId();
      long[] after = store.spreadCounts();
      String resolved = store.story(story).orElseThrow().id();
      int members = store.story(resolved).orElseThrow().articles().size();
      return new Measured(
          resolved,
          members,
          new HashMap<>(store.stories().lastSpreads),
          after[0] - before[0],
          after[1] - before[1]);
    }
  }

  private static ArticleInput article(String id, String source, int original, Instant at) {
    ClusterCorpus.Original o = WIKI.get(original);
    String text = String.join("\n", o.paragraphs());
    if (source.equals("tribune") || id.startsWith("copy")) {
      text = text + "\n" + TEMPLATE;
    }
    return Copies.article(id, source, o.title(), text, at);
  }

  /** Returns an article of the first paragraph of original {@code original} in the template. */
  private static ArticleInput lead(String id, String source, int original, Instant at) {
    ClusterCorpus.Original o = WIKI.get(original);
    return Copies.article(id, source, o.title(), o.paragraphs().get(0) + "\n" + TEMPLATE, at);
  }
}
