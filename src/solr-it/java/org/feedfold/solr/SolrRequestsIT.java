package org.feedfold.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.Assignment;
import org.feedfold.model.ArticleInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Counts the requests one add sends to the engine (issue 13: the Solr store's ingest rate is bound
 * by its requests per add, docs/SCALING.md), by handler, on a collection of its own.
 */
@ExtendWith(SolrCluster.class)
class SolrRequestsIT {
  private static final Instant T = Instant.parse("2026-11-30T06:00:00Z");
  private static final InstantSource CLOCK = InstantSource.fixed(T.plus(Duration.ofHours(1)));

  @Test
  void newStoryReadsItsArticleClaimsAndKeysInOneGetAndWritesItsClaimsInOneUpdate(
      SolrCluster.Running solr) throws Exception {
    String text = new Copies(21).story();
    try (SolrStore store = open(solr, "requests_new")) {
      SolrStories s = store.stories();
      Map<String, Long> before = counts(s);
      Assignment a = store.add(Copies.article("n-1", "wire", "A new story", text, T));
      Map<String, Long> sent = since(s, before);
      assertTrue(a.newStory(), a.toString());
      assertEquals(
          1, sent.get("/get"), "real-time gets of the article, its claims and its keys: " + sent);
      assertEquals(0, sent.get("/select"), "no search for its canonical key or page: " + sent);
      assertEquals(
          3, sent.get("/update"), "updates: the claims in one, the story, the article: " + sent);
    }
  }

  @Test
  void copyJoiningACommittedStoryReadsItsArticleClaimsAndKeysInOneGet(SolrCluster.Running solr)
      throws Exception {
    String text = new Copies(22).story();
    try (SolrStore store = open(solr, "requests_copy")) {
      store.add(Copies.article("o-1", "wire", "The original", text, T));
      store.commit();
      SolrStories s = store.stories();
      Map<String, Long> before = counts(s);
      ArticleInput copy =
          Copies.article("c-1", "blog", "The original", text + " Via the wire.", T.plusSeconds(60));
      Assignment a = store.add(copy);
      Map<String, Long> sent = since(s, before);
      assertFalse(a.newStory(), a.toString());
      // One for the article, its claims and keys, one for the matched story's redirect and record.
      assertEquals(2, sent.get("/get"), "real-time gets: " + sent);
      assertEquals(1, sent.get("/select"), "the candidate search only: " + sent);
      assertEquals(1, sent.get("/update"), "the story and the article in one update: " + sent);
    }
  }

  /**
   * The other side of writing a joining copy's story and article in one request: when the story
   * changed since it was read (another instance wrote it), the attempt starts again and the copy is
   * stored once and counted in its story, not left stored without being counted.
   */
  @Test
  void copyWhoseStoryChangedBeforeItsWriteIsAddedAgainAndCounted(SolrCluster.Running solr)
      throws Exception {
    String text = new Copies(24).story();
    String c = solr.newCollection("requests_race");
    try (SolrStore one =
            SolrStore.open(
                SolrSettings.parse(solr.zkHost(), c), ClusterSettings.defaults(), CLOCK, false);
        CloudSolrClient other = solr.client()) {
      Assignment original = one.add(Copies.article("o-1", "wire", "The original", text, T));
      one.commit();
      long story = SolrDocs.parseStoryId(original.storyId()).orElseThrow();
      SolrStories s = one.stories();
      s.beforeWrites =
          () -> {
            s.beforeWrites = () -> {};
            try {
              // Another instance's write of the story: same state, a new _version_.
              new UpdateRequest().add(SolrDocs.story(s.stored(story))).process(other, c);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          };
      Assignment copy =
          one.add(Copies.article("c-1", "site", "The original", text + " Via the wire.", T));
      assertEquals(original.storyId(), copy.storyId());
      assertTrue(copy.created(), copy.toString());
      assertEquals(1, one.conflicts(), "the story's version changed: one attempt again");
      one.commit();
      assertEquals(2, s.stored(story).size(), "the story record counts the copy");
      assertEquals(2, one.stats().articles());
    }
  }

  @Test
  void frequenciesReadInOneSearcherGenerationAreNotAskedAgain(SolrCluster.Running solr)
      throws Exception {
    String[] words = new Copies(23).story().split(" ");
    String whole = String.join(" ", words);
    String head = String.join(" ", java.util.Arrays.copyOfRange(words, 0, 180));
    String tail = String.join(" ", java.util.Arrays.copyOfRange(words, 70, words.length));
    try (SolrStore store = open(solr, "requests_terms")) {
      store.add(Copies.article("o-1", "wire", "The whole", whole, T));
      store.commit();
      SolrStories s = store.stories();
      // The head's candidate is the whole: its frequencies, and the whole's, are read here.
      Assignment first = store.add(Copies.article("h-1", "blog", "The head", head, T));
      Map<String, Long> before = counts(s);
      Assignment second = store.add(Copies.article("t-1", "site", "The tail", tail, T));
      Map<String, Long> sent = since(s, before);
      assertFalse(first.newStory(), first.toString());
      assertEquals(first.storyId(), second.storyId());
      // Every shingle of the tail and of its candidates was measured in this generation: one
      // request only, to learn whether another instance committed since.
      assertEquals(1, sent.get("/terms"), "terms requests: " + sent);
    }
  }

  /**
   * The engine's side of sending a new story's claims in one request: the shard's leader applies
   * them in order and stops at the first that exists, so a claim after a lost one is never made.
   */
  @Test
  void aBatchOfClaimsIsAppliedInOrderUpToItsFirstConflict(SolrCluster.Running solr)
      throws Exception {
    String c = solr.newCollection("requests_batch");
    try (CloudSolrClient client = solr.client()) {
      new UpdateRequest().add(claim(2, "theirs")).process(client, c);
      UpdateRequest batch = new UpdateRequest();
      for (int h = 1; h <= 3; h++) {
        batch.add(claim(h, "mine"));
      }
      SolrException e = assertThrows(SolrException.class, () -> batch.process(client, c));
      assertEquals(409, e.code(), e.getMessage());
      Map<String, String> holders = new TreeMap<>();
      for (SolrDocument d :
          client.getById(
              c, List.of(SolrDocs.claimKey(1), SolrDocs.claimKey(2), SolrDocs.claimKey(3)))) {
        holders.put(SolrDocs.string(d, SolrDocs.ID), SolrDocs.string(d, SolrDocs.ARTICLE_ID));
      }
      assertEquals(Map.of(SolrDocs.claimKey(1), "mine", SolrDocs.claimKey(2), "theirs"), holders);
    }
  }

  private static SolrInputDocument claim(int h, String article) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField(SolrDocs.ID, SolrDocs.claimKey(h));
    d.setField(SolrDocs.TYPE, SolrDocs.CLAIM);
    d.setField(SolrDocs.ARTICLE_ID, article);
    d.setField(SolrDocs.VERSION, -1L);
    return d;
  }

  private static SolrStore open(SolrCluster.Running solr, String prefix) throws Exception {
    return SolrStore.open(
        SolrSettings.parse(solr.zkHost(), solr.newCollection(prefix)),
        ClusterSettings.defaults(),
        CLOCK,
        false);
  }

  private static final String[] PATHS = {"/get", "/select", "/terms", "/update"};

  private static Map<String, Long> counts(SolrStories s) {
    Map<String, Long> out = new TreeMap<>();
    for (String p : PATHS) {
      out.put(p, s.requests(p));
    }
    out.put("all", s.requests());
    return out;
  }

  private static Map<String, Long> since(SolrStories s, Map<String, Long> before) {
    Map<String, Long> now = counts(s);
    now.replaceAll((k, v) -> v - before.get(k));
    return now;
  }
}
