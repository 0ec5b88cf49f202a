package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.FeedState;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Story;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleIndexTest {
  private static final List<ClusterCorpus.Original> WIKI = ClusterCorpus.wikinews();
  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

  @TempDir Path dir;
  private final Clock clock = new Clock();
  private ArticleIndex index;

  @BeforeEach
  void open() throws IOException {
    index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock);
  }

  @AfterEach
  void close() throws IOException {
    index.close();
  }

  /** Is a settable clock. */
  static final class Clock implements InstantSource {
    Instant now = T0;

    @Override
    public Instant instant() {
      return now;
    }
  }

  static ArticleInput article(String id, String url, String title, String text, Instant at) {
    return new ArticleInput(id, url, null, title, text, null, at, at, "Test", null, null, "en");
  }

  static ArticleInput wiki(int n, String id, Instant at) {
    ClusterCorpus.Original o = WIKI.get(n);
    return article(id, "https://a.example/" + id, o.title(), text(n), at);
  }

  static final java.util.function.IntFunction<String> WIKI_TITLE = n -> WIKI.get(n).title();

  static String text(int n) {
    return String.join("\n", WIKI.get(n).paragraphs());
  }

  @Nested
  class Upsert {
    @Test
    void reportsIdenticalRefetchAsUnchanged() throws IOException {
      Assignment first = index.add(wiki(0, "a", T0));
      Assignment again = index.add(wiki(0, "a", T0));
      assertTrue(first.created());
      assertFalse(again.created());
      assertFalse(again.changed());
      assertEquals(first.storyId(), again.storyId());
    }

    @Test
    void updatesArticleWithSameUrlInsteadOfCopying() throws IOException {
      index.add(article("a", "https://x.example/1", "Title", text(1), T0));
      Assignment b =
          index.add(article("b", "https://x.example/1", "Title", text(1) + "\nCorrection.", T0));
      assertEquals("a", b.articleId());
      assertTrue(b.changed());
      index.commit();
      assertEquals(1, index.stats().articles());
    }

    @Test
    void keepsLinklessArticlesOutsideAFeedThatShareAHeadlineApart() throws IOException {
      // Two outlets' copies of one wire story, imported with their own ids: one headline, no link.
      index.add(article("a", null, "Title", text(1), T0));
      Assignment b = index.add(article("b", null, "Title", text(1) + "\nCorrection.", T0));
      assertEquals("b", b.articleId());
      index.commit();
      assertEquals(2, index.stats().articles());
    }
  }

  @Nested
  class Clustering {
    @Test
    void clustersTeaserWithFullArticle() throws IOException {
      Assignment full = index.add(wiki(0, "full", T0));
      String teaser = String.join(" ", WIKI.get(0).paragraphs().get(0).split("(?<=\\.) ", 3));
      Assignment t =
          index.add(
              article("teaser", null, WIKI.get(0).title(), teaser, T0.plus(Duration.ofHours(2))));
      assertTrue(full.newStory());
      assertFalse(t.newStory());
      assertEquals(full.storyId(), t.storyId());
    }

    @Test
    void clustersEarlierVersionWithStackedUpdate() throws IOException {
      Assignment v1 = index.add(wiki(3, "v1", T0));
      String v2 = "Update (19:50 ET): " + WIKI.get(4).paragraphs().get(0) + "\n" + text(3);
      Assignment a = index.add(article("v2", null, WIKI.get(3).title(), v2, T0.plusSeconds(600)));
      assertEquals(v1.storyId(), a.storyId());
    }

    @Test
    void keepsDifferentArticlesApart() throws IOException {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ids.add(index.add(wiki(i, "w" + i, T0.plusSeconds(i))).storyId());
      }
      assertEquals(20, ids.stream().distinct().count());
    }

    @Test
    void keepsSiteTemplateFromGluingStories() throws IOException {
      String header = "Valley Tribune | Home | World | Politics | Business | Science | Sport";
      String footer =
          "Related stories:\nCouncil approves new budget after long debate\nLocal team wins the"
              + " regional final in extra time\nCopyright Valley Tribune Media Group. All rights"
              + " reserved. This material may not be published, broadcast, rewritten or"
              + " redistributed. Sign up for our newsletter to get the top stories every morning.";
      List<Instant> times = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        times.add(T0.plusSeconds(60L * i));
      }
      assertEquals(6, siteStories(header, footer, times));
    }

    @Test
    void knowsTheTemplateOfASiteThatPublishesLessThanOnceAWeek() throws IOException {
      // The last two stories share nothing but a long template; the site's earlier stories, which
      // show it is a template, are all outside their clustering window.
      String header = "Coastline News | Home | Local | Weather | Opinion | Events | Contact";
      String footer =
          "About Coastline News: we are an independent newsroom covering the coast since 1998 and"
              + " rely on readers like you. Subscribe today to get unlimited access to our"
              + " reporting, our morning briefing and the weekend magazine, and support local"
              + " journalism. Copyright Coastline News Media. All rights reserved. This material"
              + " may not be published, broadcast, rewritten or redistributed without written"
              + " permission. Comments are moderated and may take a day to appear; read our"
              + " community guidelines before posting. Follow us on social media for breaking"
              + " news alerts and updates from the newsroom.";
      Instant last = T0.plus(Duration.ofDays(40));
      List<Instant> times =
          List.of(
              T0,
              T0.plus(Duration.ofDays(10)),
              T0.plus(Duration.ofDays(20)),
              T0.plus(Duration.ofDays(30)),
              last,
              last.plus(Duration.ofHours(1)));
      assertEquals(6, siteStories(header, footer, times));
    }

    /** Adds a different lead wrapped in one site's template at each time; counts the stories. */
    private long siteStories(String header, String footer, List<Instant> times) throws IOException {
      List<String> stories = new ArrayList<>();
      for (int i = 0; i < times.size(); i++) {
        String lead = WIKI.get(10 + i).paragraphs().get(0);
        stories.add(
            index
                .add(
                    article(
                        "site" + i,
                        null,
                        WIKI.get(10 + i).title(),
                        header + "\n" + lead + "\n" + footer,
                        times.get(i)))
                .storyId());
      }
      return stories.stream().distinct().count();
    }

    @Test
    void keepsStoryIdAsItGainsMembers() throws IOException {
      String id = index.add(wiki(5, "o", T0)).storyId();
      for (int i = 0; i < 3; i++) {
        assertEquals(id, index.add(wiki(5, "copy" + i, T0.plusSeconds(3600L * i))).storyId());
      }
      index.commit();
      assertEquals(4, index.story(id).orElseThrow().size());
    }

    @Test
    void mergesStoriesBridgedByFullArticleAndRedirects() throws IOException {
      List<String> p = WIKI.get(7).paragraphs();
      int half = p.size() / 2;
      String title = WIKI.get(7).title();
      String first =
          index.add(article("x", null, title, String.join("\n", p.subList(0, half)), T0)).storyId();
      String second =
          index
              .add(
                  article(
                      "y",
                      null,
                      title,
                      String.join("\n", p.subList(half, p.size())),
                      T0.plusSeconds(60)))
              .storyId();
      assertNotEquals(first, second);
      Assignment z = index.add(article("z", null, title, text(7), T0.plusSeconds(120)));
      assertEquals(first, z.storyId(), "the story seen first keeps its id");
      index.commit();
      Story merged = index.story(second).orElseThrow();
      assertEquals(first, merged.id());
      assertEquals(3, merged.size());
      assertEquals(1, index.stats().stories());
    }
  }

  @Nested
  class Stories {
    /**
     * The merged feed links its newest archive document by the first-seen time of the story first
     * seen last; late copies of an older story, however many, must not hide it.
     */
    @Test
    void findsTheNearestFirstSeenStoryPastManyLateCopiesOfAnOlderOne() throws IOException {
      clock.now = T0.plus(Duration.ofDays(1));
      Assignment a = index.add(wiki(0, "a", T0));
      Assignment b = index.add(wiki(1, "b", T0.plusSeconds(3600)));
      for (int i = 0; i < 80; i++) {
        Assignment copy =
            index.add(
                article(
                    "copy-" + i,
                    "https://copy" + i + ".example/a",
                    WIKI_TITLE.apply(0),
                    text(0),
                    T0.plusSeconds(7200 + i)));
        assertEquals(a.storyId(), copy.storyId());
      }
      index.commit();
      assertNotEquals(a.storyId(), b.storyId());

      Instant later = T0.plus(Duration.ofDays(2));
      assertEquals(Optional.of(T0.plusSeconds(3600)), index.storyFirstSeen(later, true));
      assertEquals(Optional.of(T0), index.storyFirstSeen(T0.plusSeconds(3600), true));
      assertEquals(Optional.empty(), index.storyFirstSeen(T0, true));
      assertEquals(
          Optional.of(T0.plusSeconds(3600)), index.storyFirstSeen(T0.plusSeconds(1), false));
      assertEquals(Optional.empty(), index.storyFirstSeen(T0.plusSeconds(3601), false));
    }

    @Test
    void namesEarliestOriginalAndTakesTheFullTextsBodyAndLinkWhenTheOriginalHasNone()
        throws IOException {
      String teaser = WIKI.get(2).paragraphs().get(0);
      clock.now = T0.plusSeconds(5000);
      index.add(
          article(
              "late-full",
              "https://b.example/full",
              WIKI.get(2).title(),
              text(2),
              T0.plusSeconds(3600)));
      index.add(article("early-teaser", null, WIKI.get(2).title(), teaser, T0));
      index.commit();
      Story s = index.stories(null, null, 10).get(0);
      assertEquals("early-teaser", s.articles().get(0).id());
      assertTrue(s.articles().get(0).original());
      assertEquals("https://b.example/full", s.url());
      assertEquals(WIKI.get(2).title(), s.title());
      assertEquals(text(2), s.text());
      assertEquals(T0, s.firstSeen());
      assertEquals(T0.plusSeconds(5000), s.updated());
    }

    @Test
    void listsStoriesMostRecentlyUpdatedFirst() throws IOException {
      String a = index.add(wiki(0, "a", T0)).storyId();
      clock.now = T0.plusSeconds(10);
      String b = index.add(wiki(1, "b", T0)).storyId();
      clock.now = T0.plusSeconds(20);
      index.add(wiki(0, "a2", T0.plusSeconds(30)));
      index.commit();
      List<String> order = index.stories(null, null, 10).stream().map(Story::id).toList();
      assertEquals(List.of(a, b), order);
      assertEquals(
          List.of(b),
          index.stories(null, T0.plusSeconds(5), 10).stream()
              .filter(s -> s.id().equals(b))
              .map(Story::id)
              .toList());
    }

    @Test
    void explainsWhyEachMemberBelongs() throws IOException {
      String id = index.add(wiki(6, "orig", T0)).storyId();
      index.add(wiki(6, "copy", T0.plusSeconds(600)));
      StoryExplanation e = index.explain(id).orElseThrow();
      assertEquals("founded", e.members().get(0).reason());
      MemberExplanation copy = e.members().get(1);
      assertEquals("matched", copy.reason());
      assertEquals("orig", copy.matchedId());
      assertEquals(1.0, copy.evidence().containment());
      assertFalse(copy.sharedPassages().isEmpty());
    }

    @Test
    void searchesWithHighlightedSnippet() throws IOException {
      index.add(wiki(0, "m", T0));
      index.add(wiki(1, "n", T0));
      List<SearchHit> hits = index.search("Magnitogorsk", null, 5);
      assertEquals(1, hits.size());
      assertTrue(hits.get(0).snippet().contains("<b>Magnitogorsk</b>"), hits.get(0).snippet());
      assertEquals(0, index.search("Magnitogorsk", T0.plusSeconds(1), 5).size());
    }

    @Test
    void escapesTheArticlesTextInSnippets() throws IOException {
      index.add(
          article(
              "x",
              "https://a.example/x",
              "Markup in text",
              "The page said <script>alert(1)</script> & the zebra ran <b>fast</b>.",
              T0));
      String snippet = index.search("zebra", null, 5).get(0).snippet();
      assertTrue(snippet.contains("<b>zebra</b>"), snippet);
      assertTrue(snippet.contains("&lt;script&gt;alert(1)&lt;"), snippet);
      assertTrue(snippet.contains(" &amp; the"), snippet);
      assertFalse(snippet.contains("<script>"), snippet);
      assertFalse(snippet.contains("<b>fast</b>"), snippet);
    }
  }

  @Nested
  class FeedStates {
    private final FeedState state =
        new FeedState(
            "https://f.example/rss", "F", "\"e1\"", null, T0, T0.plusSeconds(900), 0, null, false);

    @Test
    void readsStagedStateBeforeCommit() throws IOException {
      index.putFeedState(state);
      assertEquals(state, index.feedState(state.url()).orElseThrow());
      index.removeFeedState(state.url());
      assertTrue(index.feedState(state.url()).isEmpty());
    }

    @Test
    void commitsFeedStateTogetherWithArticles() throws IOException {
      index.add(wiki(0, "a", T0));
      index.putFeedState(state);
      index.close(); // a crash before commit: both are lost together
      index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock);
      assertTrue(index.feedStates().isEmpty());
      assertEquals(0, index.stats().articles());
      index.add(wiki(0, "a", T0));
      index.putFeedState(state);
      index.commit();
      index.close();
      index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock);
      assertEquals(List.of(state), index.feedStates());
      assertEquals(1, index.stats().articles());
    }
  }

  @Nested
  class Access {
    @Test
    void refusesSecondWriterWithClearMessage() {
      IOException e =
          assertThrows(
              IOException.class, () -> ArticleIndex.open(dir, ClusterSettings.defaults(), clock));
      assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
    }

    @Test
    void readsCommittedArticlesWhileWriterHoldsIndex() throws IOException {
      String story = index.add(wiki(0, "a", T0)).storyId();
      index.commit();
      try (ArticleIndex reader =
          ArticleIndex.openReadOnly(dir, ClusterSettings.defaults(), clock)) {
        List<ExportedArticle> all = new ArrayList<>();
        reader.forEachArticle(all::add);
        assertEquals(1, all.size());
        assertEquals(story, all.get(0).story());
        assertThrows(IllegalStateException.class, () -> reader.add(wiki(1, "b", T0)));
      }
    }
  }

  @Nested
  class Window {
    @Test
    void clustersACopyAfterTheIndexIsReopened() throws IOException {
      Assignment original = index.add(wiki(5, "orig", T0));
      index.commit();
      index.close();
      index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock);
      Assignment copy =
          index.add(
              article(
                  "copy",
                  "https://b.example/copy",
                  "Copied: " + WIKI.get(5).title(),
                  "Home | News\n" + text(5) + "\n(c) b.example",
                  T0.plus(Duration.ofHours(3))));
      assertFalse(copy.newStory());
      assertEquals(original.storyId(), copy.storyId());
    }

    @Test
    void findsAnUncommittedOriginalAfterItWasDroppedFromMemory() throws IOException {
      ClusterSettings d = ClusterSettings.defaults();
      ClusterSettings small =
          new ClusterSettings(
              d.window(),
              d.minContainment(),
              d.strongContainment(),
              d.strongSharedShingles(),
              d.titleSupportedContainment(),
              d.minTitleSimilarity(),
              d.strongTitleSimilarity(),
              d.minSharedShingles(),
              d.shingleWords(),
              d.sampleModulus(),
              d.boilerplateStories(),
              d.maxCandidates(),
              1000);
      index.close();
      index = ArticleIndex.open(dir, small, clock);
      Assignment original = index.add(wiki(7, "orig", T0));
      // A month later, enough articles to push the original's days out of memory; nothing is
      // committed or refreshed, so the original is found again only through the pending adds.
      Instant later = T0.plus(Duration.ofDays(30));
      for (int i = 0; i < 1200; i++) {
        index.add(wiki(8 + i % 200, "later" + i, later.plus(Duration.ofMinutes(30L * i))));
      }
      Assignment teaser =
          index.add(
              article(
                  "teaser",
                  null,
                  WIKI.get(7).title(),
                  WIKI.get(7).paragraphs().get(0),
                  T0.plus(Duration.ofHours(1))));
      assertEquals(original.storyId(), teaser.storyId());
    }
  }

  @Nested
  class Lifecycle {
    @Test
    void readsWhileAnotherThreadIsInsideAdd() throws Exception {
      String story = index.add(wiki(0, "a", T0)).storyId();
      index.commit();
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      index.insideAdd =
          () -> {
            inside.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          };
      ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "lifecycle-test"));
      try {
        Future<Assignment> adding = pool.submit(() -> index.add(wiki(1, "b", T0)));
        assertTrue(inside.await(30, TimeUnit.SECONDS));
        Future<List<Story>> reading = pool.submit(() -> index.stories(null, null, 10));
        List<Story> read;
        try {
          read = reading.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          throw new AssertionError("a read waited for an add", e);
        } finally {
          release.countDown();
        }
        assertEquals(List.of(story), read.stream().map(Story::id).toList());
        assertEquals(1, index.story(story).orElseThrow().size());
        assertTrue(adding.get(30, TimeUnit.SECONDS).created());
      } finally {
        release.countDown();
        pool.shutdownNow();
      }
      index.insideAdd = () -> {};
      index.commit();
      assertEquals(2, index.stats().articles());
    }

    @Test
    void releasesTheIndexWhenItCannotBeLoaded() throws IOException {
      index.close();
      try (Directory d = FSDirectory.open(dir);
          IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
        Document bad = new Document();
        bad.add(new StringField(Fields.TYPE, Fields.REDIRECT, Field.Store.NO));
        bad.add(new StoredField(Fields.FROM, "not a story id"));
        w.addDocument(bad);
        w.commit();
      }
      IOException first =
          assertThrows(
              IOException.class, () -> ArticleIndex.open(dir, ClusterSettings.defaults(), clock));
      IOException second =
          assertThrows(
              IOException.class, () -> ArticleIndex.open(dir, ClusterSettings.defaults(), clock));
      assertEquals(first.getMessage(), second.getMessage());
      assertFalse(second.getMessage().contains("in use"), second.getMessage());
      assertTrue(second.getMessage().contains(dir.toString()), second.getMessage());
    }
  }
}
