package org.feedfold.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.index.MemberExplanation;
import org.feedfold.model.ArticleInput;
import org.feedfold.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer on the Solr store assigns a generated corpus exactly as the embedded Lucene store does
 * (issue 13: the same stories on both), article by article, with commits at the same points as
 * {@code SolrIngestBench}'s: the corpus is the bench's warm-up (the last 40 Wikinews originals and
 * their copies, seed 11, 360 articles), on which the Solr store once split a teaser from its story.
 */
@ExtendWith(SolrCluster.class)
class SolrSameStoriesIT {
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-12-01T00:00:00Z"));

  /** Commit every this many adds, as {@code SolrIngestBench} does. */
  private static final int COMMIT_EVERY = 100;

  @TempDir Path dir;

  /**
   * Each add returns the same story id from both stores (story ids derive from the founding
   * article's id, and merges keep the first seen, so equal ids mean equal decisions), the final
   * stories have the same members, and each member is explained alike (founded, or matched with the
   * same member and evidence: of equally good matches, both stores name the same one). The first
   * differing add is named in the failure.
   */
  @Test
  void oneWriterAssignsEveryArticleAsTheLuceneStoreDoes(SolrCluster.Running solr) throws Exception {
    List<ClusterCorpus.Original> all = ClusterCorpus.wikinews();
    List<ClusterCorpus.Item> items =
        ClusterCorpus.generate(all.subList(all.size() - 40, all.size()), 40, 11);
    assertEquals(360, items.size());
    List<String> differ = new ArrayList<>();
    List<String> byLucene = new ArrayList<>();
    List<String> bySolr = new ArrayList<>();
    Map<String, TreeSet<String>> lucene;
    Map<String, TreeSet<String>> cloud;
    Map<String, MemberExplanation> luceneWhy;
    Map<String, MemberExplanation> cloudWhy;
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), CLOCK);
        SolrStore store =
            SolrStore.open(
                SolrSettings.parse(solr.zkHost(), solr.newCollection("samestories")),
                ClusterSettings.defaults(),
                CLOCK,
                false)) {
      for (int i = 0; i < items.size(); i++) {
        ArticleInput a = items.get(i).article();
        String l = index.add(a).storyId();
        String s = store.add(a).storyId();
        byLucene.add(l);
        bySolr.add(s);
        if (!l.equals(s)) {
          differ.add("add " + i + " (" + a.id() + "): Lucene " + l + ", Solr " + s);
        }
        if ((i + 1) % COMMIT_EVERY == 0) {
          index.commit();
          store.commit();
        }
      }
      index.commit();
      store.commit();
      lucene = stories(index, items, byLucene);
      cloud = stories(store, items, bySolr);
      luceneWhy = explanations(index, byLucene);
      cloudWhy = explanations(store, bySolr);
    }
    assertEquals(List.of(), differ, "adds assigned differently, the first first");
    assertEquals(lucene, cloud, "the stories' members");
    List<String> explained = new ArrayList<>();
    luceneWhy.forEach(
        (id, why) -> {
          if (!why.equals(cloudWhy.get(id))) {
            explained.add(id + ": Lucene " + why + ", Solr " + cloudWhy.get(id));
          }
        });
    assertEquals(List.of(), explained, "why each article is in its story");
    int stories = new HashSet<>(lucene.values()).size();
    assertTrue(stories < items.size() / 4, "copies were folded: " + stories + " stories");
  }

  /**
   * Returns why each article is in its story ({@code story ID --explain}: founded, matched with
   * which member and how, or merged), by article id.
   */
  private static Map<String, MemberExplanation> explanations(Store store, List<String> assigned)
      throws Exception {
    Map<String, MemberExplanation> out = new TreeMap<>();
    for (String story : new TreeSet<>(assigned)) {
      String resolved = store.story(story).orElseThrow().id();
      for (MemberExplanation m : store.explain(resolved).orElseThrow().members()) {
        out.put(m.articleId(), m);
      }
    }
    return out;
  }

  /**
   * Returns each article's story members by article id, after every merge, given the story each add
   * was assigned to.
   */
  private static Map<String, TreeSet<String>> stories(
      Store store, List<ClusterCorpus.Item> items, List<String> assigned) throws Exception {
    Map<String, TreeSet<String>> byStory = new HashMap<>();
    Map<String, TreeSet<String>> out = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String id = items.get(i).article().id();
      String story = store.story(assigned.get(i)).orElseThrow().id();
      TreeSet<String> members = byStory.get(story);
      if (members == null) {
        members = new TreeSet<>();
        for (var m : store.story(story).orElseThrow().articles()) {
          members.add(m.id());
        }
        byStory.put(story, members);
      }
      out.put(id, members);
    }
    return out;
  }
}
