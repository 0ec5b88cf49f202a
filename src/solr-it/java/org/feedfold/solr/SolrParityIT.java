package org.feedfold.solr;

import static org.feedfold.ArticleFixtures.article;
import static org.feedfold.ArticleFixtures.body;
import static org.feedfold.ArticleFixtures.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.index.ExportedArticle;
import org.feedfold.index.IndexStats;
import org.feedfold.index.SearchRequest;
import org.feedfold.index.StoryExplanation;
import org.feedfold.index.StoryHit;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.FeedState;
import org.feedfold.model.Story;
import org.feedfold.store.SavedStories;
import org.feedfold.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adds the same real fixture articles, at the same clock times, to the embedded Lucene index and to
 * the SolrCloud store, and asks both the questions the CLI and the API ask (issue 13: everything
 * above the store works unchanged on both): a live story re-issued three times with "Update"
 * paragraphs and quoted by a blog ({@code cluster/story-text/live}), an older story carried again
 * ({@code all-caps}), two halves of a Wikinews article bridged into one story by the whole one, and
 * a verbatim copy of another; and feeds in each status.
 */
@ExtendWith(SolrCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SolrParityIT {
  private static final Path FIXTURES = Path.of("src/test/resources/cluster/story-text");
  private static final List<ClusterCorpus.Original> WIKI = ClusterCorpus.wikinews();
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  private static final Map<String, String> SAVED =
      Map.of("hk", "title:hong", "storm", "bahamas OR dorian", "mars", "title:martian");

  /** Is a clock both stores read, moved by the scenario. */
  static final class Clock implements InstantSource {
    volatile Instant now = T0;

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final Clock clock = new Clock();
  private ArticleIndex lucene;
  private SolrStore solr;
  private SavedStories luceneSaved;
  private SavedStories solrSaved;
  private String live;

  @BeforeAll
  void addTheSameArticlesToBoth(SolrCluster.Running cluster, @TempDir Path dir) throws Exception {
    lucene = ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), clock);
    solr =
        SolrStore.open(
            SolrSettings.parse(cluster.zkHost(), collection(cluster)),
            ClusterSettings.defaults(),
            clock,
            false);
    luceneSaved = lucene.savedQueries(SAVED);
    solrSaved = solr.savedQueries(SAVED);
    for (Store store : List.of(lucene, solr)) {
      live = scenario(store);
    }
  }

  /** Returns the name of the Solr store to fill: a fresh collection of 2 shards × 2 replicas. */
  String collection(SolrCluster.Running cluster) throws Exception {
    return cluster.newCollection("parity");
  }

  @AfterAll
  void close() throws IOException {
    lucene.close();
    solr.close();
  }

  /** Adds the fixtures to {@code store}; returns the live story's id. */
  private String scenario(Store store) throws IOException {
    Path wireFile = FIXTURES.resolve("live/1-wire.txt");
    Map<String, String> wire = header(wireFile);
    List<String> full = List.of(body(wireFile).split("\n"));
    String id = null;
    for (int updates = 0; updates <= 3; updates++) {
      clock.now = T0.plus(Duration.ofHours(updates));
      String text = String.join("\n", full.subList(3 - updates, full.size()));
      id = store.add(article(wire, text, T0)).storyId();
      store.commit();
    }
    clock.now = T0.plus(Duration.ofHours(5));
    Path metro = FIXTURES.resolve("live/2-metro.txt");
    store.add(article(header(metro), body(metro), T0.plus(Duration.ofHours(5))));

    Instant twoDaysAgo = T0.minus(Duration.ofDays(2));
    clock.now = twoDaysAgo.plusSeconds(600);
    Path dorian = FIXTURES.resolve("all-caps/1-wire.txt");
    store.add(article(header(dorian), body(dorian), twoDaysAgo));
    store.commit();
    clock.now = T0.plus(Duration.ofHours(6));
    Path tribune = FIXTURES.resolve("all-caps/2-tribune.txt");
    store.add(article(header(tribune), body(tribune), twoDaysAgo.plusSeconds(2400)));

    // Two halves founded apart, then bridged by the whole article: one story, a redirect.
    List<String> p = WIKI.get(7).paragraphs();
    int half = p.size() / 2;
    String title = WIKI.get(7).title();
    Instant t = T0.plus(Duration.ofHours(7));
    clock.now = t;
    store.add(plain("half-1", title, String.join("\n", p.subList(0, half)), t));
    store.add(
        plain("half-2", title, String.join("\n", p.subList(half, p.size())), t.plusSeconds(60)));
    store.commit();
    clock.now = t.plusSeconds(120);
    store.add(plain("whole", title, String.join("\n", p), t.plusSeconds(120)));
    // A verbatim copy ten minutes later.
    clock.now = t.plusSeconds(600);
    String six = String.join("\n", WIKI.get(6).paragraphs());
    store.add(plain("orig", WIKI.get(6).title(), six, t.plusSeconds(300)));
    store.add(plain("copy", WIKI.get(6).title(), six, t.plusSeconds(900)));

    store.putFeedState(feed("https://ok.example/feed", 0, null, false));
    store.putFeedState(feed("https://down.example/feed", 3, "HTTP 500 Server Error", false));
    store.putFeedState(feed("https://gone.example/feed", 1, "HTTP 410 Gone", true));
    store.commit();
    return id;
  }

  @Test
  void keepsTheSameVersionsOfEveryStory() throws IOException {
    List<Story> stories = lucene.stories(null, null, 50);
    assertEquals(4, stories.size());
    assertEquals(
        4,
        lucene.story(live).orElseThrow().versions().stream()
            .filter(v -> v.articleId().equals("wire-hk"))
            .count(),
        "the fixture's wire story has four versions");
    for (Story s : stories) {
      Story other = solr.story(s.id()).orElseThrow();
      assertEquals(s.versions(), other.versions(), s.id());
      assertEquals(describe(s), describe(other));
    }
  }

  @Test
  void explainsEveryStoryAlike() throws IOException {
    List<String> reasons = new ArrayList<>();
    for (Story s : lucene.stories(null, null, 50)) {
      StoryExplanation e = lucene.explain(s.id()).orElseThrow();
      assertEquals(e, solr.explain(s.id()).orElseThrow(), s.id());
      e.members().forEach(m -> reasons.add(m.reason()));
    }
    assertTrue(reasons.containsAll(List.of("founded", "matched", "merged")), reasons.toString());
  }

  @Test
  void countsTheSameAndMeasuresTheCollectionOnDisk() throws IOException {
    IndexStats l = lucene.stats();
    IndexStats s = solr.stats();
    assertEquals(
        List.of(l.articles(), l.stories(), l.feeds(), l.feedsOk(), l.feedsFailing()),
        List.of(s.articles(), s.stories(), s.feeds(), s.feedsOk(), s.feedsFailing()));
    assertEquals(l.feedsDisabled(), s.feedsDisabled());
    assertEquals(l.lastFetch(), s.lastFetch());
    assertEquals(l.errorsByKind(), s.errorsByKind());
    assertEquals(List.of(1L, 1L, 1L), List.of(s.feedsOk(), s.feedsFailing(), s.feedsDisabled()));
    assertTrue(s.bytes() > 0, "size on disk: " + s.bytes());
  }

  @Test
  void answersTheSavedFeedsAlike() throws IOException {
    for (Map.Entry<String, String> f : SAVED.entrySet()) {
      List<Story> l = luceneSaved.stories(f.getKey(), f.getValue(), null, 10);
      assertFalse(l.isEmpty(), f.toString());
      assertEquals(
          describeAll(l), describeAll(solrSaved.stories(f.getKey(), f.getValue(), null, 10)));
      Instant since = T0.plus(Duration.ofHours(4));
      assertEquals(
          describeAll(luceneSaved.stories(f.getKey(), f.getValue(), since, 10)),
          describeAll(solrSaved.stories(f.getKey(), f.getValue(), since, 10)));
    }
  }

  @Test
  void listsTheSameStoriesSinceATime() throws IOException {
    for (Instant since :
        List.of(
            T0.minus(Duration.ofDays(3)),
            T0.plus(Duration.ofHours(2)),
            T0.plus(Duration.ofHours(6)))) {
      assertEquals(
          describeAll(lucene.stories(null, since, 50)), describeAll(solr.stories(null, since, 50)));
      assertEquals(
          describeAll(lucene.stories(null, since, null, 50)),
          describeAll(solr.stories(null, since, null, 50)));
      assertEquals(
          describeAll(lucene.stories("hong OR bahamas", since, 50)),
          describeAll(solr.stories("hong OR bahamas", since, 50)));
    }
  }

  @Test
  void findsTheSameHitsWithTheSameSnippets() throws IOException {
    List<String> queries =
        List.of(
            "hong kong",
            "title:bahamas",
            "extradition AND bill",
            "source:metro.example",
            "story:" + live,
            "lang:en AND trump",
            "published:[2026-11-24 TO 2026-11-24] AND hurricane",
            "martian OR emergency");
    for (String q : queries) {
      // Best match one per story, and newest first every article: both orders, both shapes.
      for (SearchRequest r :
          List.of(
              new SearchRequest(q, null, 20, SearchRequest.Order.RELEVANCE, true),
              new SearchRequest(q, null, 20, SearchRequest.Order.DATE, false))) {
        List<StoryHit> expected = lucene.search(r);
        List<StoryHit> actual = solr.search(r);
        if (r.collapse()) {
          // Which member heads a story is the best score within it: a reprint and its original
          // can score alike, and shard statistics (deleted documents) tip such ties either way.
          assertEquals(stories(expected), stories(actual), r.toString());
          for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i).best().id().equals(actual.get(i).best().id())) {
              assertEquals(hits(List.of(expected.get(i))), hits(List.of(actual.get(i))), r + "");
            }
          }
        } else {
          assertEquals(hits(expected), hits(actual), r.toString());
        }
      }
    }
  }

  private static List<String> stories(List<StoryHit> hits) {
    List<String> out = new ArrayList<>();
    for (StoryHit h : hits) {
      out.add(
          "story=" + h.best().story() + " more=" + h.moreHits() + " outlets=" + h.moreOutlets());
    }
    return out;
  }

  @Test
  void exportsTheSameArticles() throws IOException {
    assertEquals(exported(lucene), exported(solr));
  }

  private static List<String> hits(List<StoryHit> hits) {
    List<String> out = new ArrayList<>();
    for (StoryHit h : hits) {
      out.add(
          h.best().id()
              + " story="
              + h.best().story()
              + " more="
              + h.moreHits()
              + " outlets="
              + h.moreOutlets()
              + " "
              + h.best().snippet());
    }
    return out;
  }

  private static List<ExportedArticle> exported(Store store) throws IOException {
    List<ExportedArticle> out = new ArrayList<>();
    store.forEachArticle(out::add);
    out.sort(Comparator.comparing(ExportedArticle::id));
    return out;
  }

  private static List<String> describeAll(List<Story> stories) {
    return stories.stream().map(SolrParityIT::describe).toList();
  }

  private static String describe(Story s) {
    return s.id()
        + " "
        + s.title()
        + " "
        + s.url()
        + " "
        + s.firstSeen()
        + " "
        + s.updated()
        + " "
        + s.articles()
        + "\n"
        + s.text()
        + "\n"
        + (s.html() == null ? null : s.html().html());
  }

  private static ArticleInput plain(String id, String title, String text, Instant at) {
    return new ArticleInput(
        id, "https://a.example/" + id, null, title, text, null, at, at, "Test", null, null, "en");
  }

  private static FeedState feed(String url, int errors, String error, boolean disabled) {
    return new FeedState(
        url,
        "Feed",
        null,
        null,
        T0.plusSeconds(url.length()),
        T0.plus(Duration.ofHours(1)),
        errors,
        error,
        disabled,
        Duration.ofMinutes(30),
        errors > 0 ? T0 : null,
        null);
  }
}
