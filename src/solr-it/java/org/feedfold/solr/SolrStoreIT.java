package org.feedfold.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.Assignment;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.FeedState;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Story;
import org.feedfold.model.StoryStamp;
import org.feedfold.store.SavedStories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SolrCluster.class)
class SolrStoreIT {
  private static final Instant T = Instant.parse("2026-11-30T06:00:00Z");

  private SolrStore open(SolrCluster.Running solr, String collection) throws Exception {
    return open(solr, collection, InstantSource.fixed(T.plus(Duration.ofHours(1))));
  }

  private SolrStore open(SolrCluster.Running solr, String collection, InstantSource clock)
      throws Exception {
    return SolrStore.open(
        SolrSettings.parse(solr.zkHost(), collection), ClusterSettings.defaults(), clock, false);
  }

  /** Is a clock a test moves. */
  private static final class Clock implements InstantSource {
    volatile Instant now = T.plus(Duration.ofHours(1));

    @Override
    public Instant instant() {
      return now;
    }
  }

  /**
   * A saved feed runs its query once per generation of the collection (asked at most once a
   * second), not on every request: a hundred saved feeds polled by readers do not each query Solr.
   */
  @Test
  void answersASavedFeedFromTheGenerationItRead(SolrCluster.Running solr) throws Exception {
    String c = solr.newCollection("saved");
    Copies gen = new Copies(3);
    Clock clock = new Clock();
    try (SolrStore reader = open(solr, c, clock);
        SolrStore writer = open(solr, c, clock)) {
      clock.now = T;
      writer.add(Copies.article("w-1", "wire", "Harbour reopens", gen.story(), T));
      writer.commit();
      clock.now = T.plus(Duration.ofHours(1));
      SavedStories saved = reader.savedQueries(Map.of("harbour", "title:harbour"));
      assertEquals(1, saved.stories("harbour", "title:harbour", null, 10).size());

      writer.add(
          Copies.article("w-2", "wire", "Harbour closes again", gen.story(), T.plusSeconds(60)));
      writer.commit();
      assertEquals(
          1,
          saved.stories("harbour", "title:harbour", null, 10).size(),
          "within the second: the generation read before, and its answer");

      clock.now = clock.now.plusSeconds(1);
      List<Story> now = saved.stories("harbour", "title:harbour", null, 10);
      assertEquals(2, now.size(), "the generation moved: the query ran again");
      assertEquals(
          reader.stories("title:harbour", null, 10).stream().map(Story::id).toList(),
          now.stream().map(Story::id).toList());
      assertEquals(
          1,
          saved.stories("harbour", "title:harbour", T.plus(Duration.ofMinutes(30)), 10).size(),
          "since, from the same answer");
    }
  }

  @Test
  void foldsACopyIntoTheStoryOfItsOriginalAndFindsBoth(SolrCluster.Running solr) throws Exception {
    String c = solr.newCollection("store");
    Copies gen = new Copies(1);
    String text = gen.story();
    try (SolrStore store = open(solr, c)) {
      Assignment a = store.add(Copies.article("wire-1", "wire", "Harbour reopens", text, T));
      Assignment b =
          store.add(
              Copies.article(
                  "blog-1", "blog", "Harbour reopens", text + " Subscribe.", T.plusSeconds(60)));
      Assignment other =
          store.add(Copies.article("wire-2", "wire", "Other news", gen.story(), T.plusSeconds(90)));
      assertTrue(a.newStory());
      assertFalse(b.newStory(), "found by this instance's pending adds, before any commit");
      assertEquals(a.storyId(), b.storyId());
      assertTrue(other.newStory());
      assertTrue(store.contains("blog-1"), "real-time get sees it before the commit");
      store.commit();

      List<Story> stories = store.stories(null, null, 10);
      assertEquals(2, stories.size());
      Story folded = store.story(a.storyId()).orElseThrow();
      assertEquals(2, folded.size());
      assertEquals("wire-1", folded.articles().get(0).id());
      assertTrue(folded.articles().get(0).original());
      assertEquals("Harbour reopens", folded.title());

      List<SearchHit> hits = store.search("title:harbour", null, 10);
      assertEquals(2, hits.size());
      hits.forEach(h -> assertEquals(a.storyId(), h.story()));
      assertEquals(1, store.stories("source:blog.example", null, 10).size());

      // A re-fetch of the same content writes nothing.
      Assignment again =
          store.add(
              Copies.article(
                  "blog-1", "blog", "Harbour reopens", text + " Subscribe.", T.plusSeconds(60)));
      assertFalse(again.changed());
      assertEquals(3, store.stats().articles());
      assertEquals(2, store.stats().stories());
    }
  }

  /** A site's section feeds list one page each under their own ids: one article, one outlet. */
  @Test
  void keepsOneArticleThatTwoFeedsOfItsOutletList(SolrCluster.Running solr) throws Exception {
    String c = solr.newCollection("pages");
    Copies gen = new Copies(4);
    String text = gen.story();
    String page = "https://daily.example/2026/harbour";
    try (SolrStore store = open(solr, c)) {
      Assignment world = store.add(section("world", page, "Harbour reopens", text));
      Assignment top = store.add(section("top", page + "?utm_source=top", "Harbour reopens", text));
      assertFalse(top.created(), "found among this instance's pending adds");
      assertEquals(world.articleId(), top.articleId());
      assertTrue(store.containsPage(page, "harbour reopens"));
      assertFalse(store.containsPage(page, "Harbour closes"), "another headline on one page");
      store.commit();

      assertFalse(
          store.add(section("uk", page, "Harbour reopens", text)).created(),
          "found by a search after the commit");
      assertTrue(store.containsPage(page + "#top", "Harbour reopens"));
      store.commit();
      assertEquals(1, store.stats().articles());
      assertEquals(
          List.of("Daily world"),
          store.story(world.storyId()).orElseThrow().articles().stream()
              .map(m -> m.source())
              .toList());
    }
  }

  /**
   * Another instance's article is found by its canonical key and its page before any commit (read
   * by real-time get of the key documents, which see every acknowledged write): a re-issue of it
   * under a new id updates it, another feed of its outlet listing its page adds nothing.
   */
  @Test
  void findsAnotherInstancesUncommittedArticleByItsKeys(SolrCluster.Running solr) throws Exception {
    String c = solr.newCollection("keys");
    Copies gen = new Copies(5);
    String text = gen.story();
    String page = "https://daily.example/2026/storm";
    try (SolrStore one = open(solr, c);
        SolrStore two = open(solr, c)) {
      Assignment first = one.add(section("world", page, "Storm nears", text));
      ArticleInput reissued = reissue(section("world", page, "Storm nears", text), "world-2");
      Assignment again = two.add(reissued);
      assertEquals(first.articleId(), again.articleId(), "by its canonical key: " + again);
      assertFalse(again.created(), again.toString());
      assertTrue(two.containsPage(page, "Storm nears"), "by its page key");
      Assignment carried = two.add(section("top", page, "Storm nears", text + " Updated."));
      assertFalse(carried.created(), "by its page key: " + carried);
      assertEquals(first.articleId(), carried.articleId());
      one.commit();
      assertEquals(1, two.stats().articles());
    }
  }

  /**
   * A collection written before key documents existed (no marker) still finds its articles by
   * canonical key and page through a search; a store writes key documents there from then on.
   */
  @Test
  void findsArticlesOfACollectionWrittenBeforeKeyDocumentsBySearch(SolrCluster.Running solr)
      throws Exception {
    String c = solr.newCollection("oldkeys");
    Copies gen = new Copies(6);
    String text = gen.story();
    String page = "https://daily.example/2026/flood";
    try (SolrStore old = open(solr, c)) {
      old.add(section("world", page, "Flood warning", text));
      old.commit();
    }
    try (org.apache.solr.client.solrj.impl.CloudSolrClient client = solr.client()) {
      // As an older version left it: the article, neither key documents nor the marker.
      client.deleteByQuery(c, "type:" + SolrDocs.KEY);
      client.deleteById(c, SolrDocs.KEYS_MARKER);
      client.commit(c);
    }
    try (SolrStore store = open(solr, c)) {
      assertTrue(store.containsPage(page, "Flood warning"));
      Assignment carried = store.add(section("top", page, "Flood warning", text));
      assertFalse(carried.created(), carried.toString());
      ArticleInput reissued = reissue(section("world", page, "Flood warning", text), "world-2");
      assertEquals("world-1", store.add(reissued).articleId());
      store.commit();
      assertEquals(1, store.stats().articles());
    }
  }

  /** Returns {@code a} under another id, with a sentence more: an update of its feed's entry. */
  private static ArticleInput reissue(ArticleInput a, String id) {
    return new ArticleInput(
        id,
        a.url(),
        a.canonical(),
        a.title(),
        a.text() + " Updated.",
        a.html(),
        a.published(),
        a.seen(),
        a.source(),
        a.feedUrl(),
        a.author(),
        a.language());
  }

  private static ArticleInput section(String section, String url, String title, String text) {
    return new ArticleInput(
        section + "-1",
        url,
        null,
        title,
        text,
        null,
        T,
        T,
        "Daily " + section,
        "https://daily.example/" + section + ".rss",
        null,
        "en");
  }

  /** The merged feed's RFC 5005 archive documents place stories by their first-seen time. */
  @Test
  void listsStoriesByFirstSeenForTheArchive(SolrCluster.Running solr) throws Exception {
    String c = solr.newCollection("archive");
    Copies gen = new Copies(2);
    try (SolrStore store = open(solr, c)) {
      String text = gen.story();
      Assignment first = store.add(Copies.article("w-1", "wire", "First", text, T));
      store.add(Copies.article("b-1", "blog", "First", text, T.plus(Duration.ofHours(2))));
      Assignment second =
          store.add(Copies.article("w-2", "wire", "Second", gen.story(), T.plusSeconds(600)));
      store.commit();

      List<StoryStamp> day = store.firstSeen(null, T, T.plus(Duration.ofDays(1)));
      assertEquals(List.of(first.storyId(), second.storyId()), ids(day), "oldest first");
      assertEquals(T, day.get(0).firstSeen(), "a late copy does not move its story");
      assertEquals(
          List.of(second.storyId()),
          ids(store.firstSeen("title:second", T, T.plus(Duration.ofDays(1)))));
      assertEquals(
          List.of(),
          ids(store.firstSeen(null, T.plusSeconds(1), T.plusSeconds(600))),
          "[from, to)");

      assertEquals(
          Optional.of(T.plusSeconds(600)), store.storyFirstSeen(T.plus(Duration.ofDays(9)), true));
      assertEquals(Optional.of(T), store.storyFirstSeen(T.plusSeconds(600), true));
      assertEquals(Optional.of(T.plusSeconds(600)), store.storyFirstSeen(T.plusSeconds(1), false));
      assertEquals(Optional.empty(), store.storyFirstSeen(T, true));

      List<StoryStamp> stamps = store.stamps(null, null, 10);
      assertEquals(List.of(first.storyId(), second.storyId()), ids(stamps), "newest update first");
    }
  }

  private static List<String> ids(List<StoryStamp> stamps) {
    return stamps.stream().map(StoryStamp::id).toList();
  }

  @Test
  void keepsFeedStatesByUrl(SolrCluster.Running solr) throws Exception {
    String c = solr.newCollection("feeds");
    try (SolrStore store = open(solr, c)) {
      FeedState s =
          new FeedState(
              "https://wire.example/feed.xml",
              "Wire",
              "\"e1\"",
              null,
              T,
              T.plusSeconds(1800),
              0,
              null,
              false,
              Duration.ofMinutes(30),
              null,
              null);
      store.putFeedState(s);
      assertEquals(s, store.feedState(s.url()).orElseThrow(), "seen before the commit");
      store.commit();
      assertEquals(List.of(s), store.feedStates());
      store.removeFeedState(s.url());
      assertTrue(store.feedState(s.url()).isEmpty());
    }
  }
}
