package org.feedfold.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.ArticleInput;
import org.feedfold.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assigns the same articles with one writer on the Solr store and on the Lucene store, with commits
 * between them, and expects the same stories: the Solr store must find committed articles by search
 * (not only through its own pending adds and the claims of new stories).
 */
@ExtendWith(SolrCluster.class)
class SolrAssignmentIT {
  private static final List<ClusterCorpus.Original> WIKI = ClusterCorpus.wikinews();
  private static final Instant T = Instant.parse("2026-11-30T06:00:00Z");
  private static final InstantSource CLOCK = InstantSource.fixed(T.plus(Duration.ofDays(1)));

  @TempDir Path dir;

  /**
   * The second half of an article joins the whole one's story although the whole one joined a story
   * it did not found (so it claimed no shingle) and was committed before: only a search finds it.
   */
  @Test
  void findsACommittedArticleThatClaimedNothing(SolrCluster.Running solr) throws Exception {
    List<String> p = WIKI.get(7).paragraphs();
    int half = p.size() / 2;
    String title = WIKI.get(7).title();
    List<ArticleInput> articles =
        List.of(
            article("first-half", title, String.join("\n", p.subList(0, half)), T),
            article("whole", title, String.join("\n", p), T.plusSeconds(60)),
            article(
                "second-half",
                title,
                String.join("\n", p.subList(half, p.size())),
                T.plusSeconds(120)));
    List<Set<String>> lucene;
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), CLOCK)) {
      lucene = stories(index, articles);
    }
    assertEquals(1, lucene.size(), "the Lucene store folds all three: " + lucene);
    try (SolrStore store = open(solr, solr.newCollection("committed"))) {
      assertEquals(lucene, stories(store, articles));
    }
  }

  /**
   * Articles of different stories carried in one site's template stay apart with commits between
   * them: the template's shingles are known as boilerplate from the committed articles.
   */
  @Test
  void keepsASiteTemplateFromGluingCommittedStories(SolrCluster.Running solr) throws Exception {
    String header = "Valley Tribune | Home | World | Politics | Business | Science | Sport";
    String footer =
        "Related stories:\nCouncil approves new budget after long debate\nLocal team wins the"
            + " regional final in extra time\nCopyright Valley Tribune Media Group. All rights"
            + " reserved. This material may not be published, broadcast, rewritten or"
            + " redistributed. Sign up for our newsletter to get the top stories every morning.";
    List<ArticleInput> articles = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      articles.add(
          article(
              "site" + i,
              WIKI.get(10 + i).title(),
              header + "\n" + WIKI.get(10 + i).paragraphs().get(0) + "\n" + footer,
              T.plusSeconds(60L * i)));
    }
    try (SolrStore store = open(solr, solr.newCollection("template"))) {
      assertEquals(6, stories(store, articles).size());
    }
  }

  private static SolrStore open(SolrCluster.Running solr, String collection) throws Exception {
    return SolrStore.open(
        SolrSettings.parse(solr.zkHost(), collection), ClusterSettings.defaults(), CLOCK, false);
  }

  /** Adds each article and commits after it; returns the stories as sets of article ids. */
  private static List<Set<String>> stories(Store store, List<ArticleInput> articles)
      throws Exception {
    List<String> ids = new ArrayList<>();
    for (ArticleInput a : articles) {
      ids.add(store.add(a).storyId());
      store.commit();
    }
    List<Set<String>> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      String resolved = store.story(id).orElseThrow().id();
      if (seen.add(resolved)) {
        Set<String> members = new HashSet<>();
        store.story(resolved).orElseThrow().articles().forEach(m -> members.add(m.id()));
        out.add(members);
      }
    }
    return out;
  }

  private static ArticleInput article(String id, String title, String text, Instant at) {
    return new ArticleInput(
        id, "https://a.example/" + id, null, title, text, null, at, at, "Test", null, null, "en");
  }
}
