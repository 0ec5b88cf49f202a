package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A canonical URL identifies an article within one feed, never across outlets. */
class CanonicalScopeTest {
  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
  private static final String ORIGINAL = "https://wire.example/2024/quake";

  @TempDir Path dir;
  private ArticleIndex index;

  @BeforeEach
  void open() throws IOException {
    index = ArticleIndex.open(dir, ClusterSettings.defaults(), InstantSource.fixed(T0));
  }

  @AfterEach
  void close() throws IOException {
    index.close();
  }

  private static ArticleInput from(
      String feed, String id, String url, String canonical, Instant at) {
    return new ArticleInput(
        id,
        url,
        canonical,
        "Quake",
        ArticleIndexTest.text(3),
        null,
        at,
        at,
        feed,
        "https://" + feed + ".example/feed",
        null,
        "en");
  }

  @Test
  void republicationNamingTheOriginalAsCanonicalStaysItsOwnArticle() throws IOException {
    Assignment wire = index.add(from("wire", "w1", ORIGINAL, ORIGINAL, T0));
    Assignment copy =
        index.add(from("blog", "b1", "https://blog.example/copy", ORIGINAL, T0.plusSeconds(60)));
    index.commit();
    assertTrue(copy.created(), "another outlet's copy is a new article");
    assertEquals(wire.storyId(), copy.storyId());
    Story story = index.story(wire.storyId()).orElseThrow();
    assertEquals(2, story.size(), "both outlets are listed");
  }

  @Test
  void sameFeedSameCanonicalUnderANewIdUpdatesTheArticle() throws IOException {
    index.add(from("wire", "w1", ORIGINAL + "?utm=rss", ORIGINAL, T0));
    Assignment again = index.add(from("wire", "w2", ORIGINAL + "?utm=x", ORIGINAL, T0));
    index.commit();
    assertFalse(again.created(), "a re-issued entry of the same feed updates its article");
    assertEquals(1, index.stats().articles());
  }

  /** A site's section feeds (world, top stories) list one article each under its own id. */
  @Nested
  class OnePageInSeveralFeeds {
    private static final String PAGE = "https://daily.example/2024/quake";

    private ArticleInput carried(String section, String url, String title, Instant at) {
      return new ArticleInput(
          section + "-1",
          url,
          null,
          title,
          ArticleIndexTest.text(3),
          null,
          at,
          at,
          "Daily " + section,
          "https://daily.example/" + section + ".rss",
          null,
          "en");
    }

    private List<String> sources(String storyId) throws IOException {
      return index.story(storyId).orElseThrow().articles().stream()
          .map(StoryMember::source)
          .toList();
    }

    @Test
    void isOneArticleListedUnderTheFeedThatBroughtItFirst() throws IOException {
      Assignment world = index.add(carried("world", PAGE, "Quake", T0));
      Assignment top =
          index.add(
              carried(
                  "top",
                  "HTTPS://Daily.example:443/2024/quake?utm_source=top&utm_medium=rss#comments",
                  " quake ",
                  T0.plusSeconds(60)));
      index.commit();

      assertFalse(top.created(), "no second article");
      assertFalse(top.changed(), "nor an update");
      assertEquals(world.storyId(), top.storyId());
      assertEquals(world.articleId(), top.articleId());
      assertEquals(1, index.stats().articles());
      assertEquals(List.of("Daily world"), sources(world.storyId()));
    }

    @Test
    void isOneArticleAcrossACommit() throws IOException {
      index.add(carried("world", PAGE, "Quake", T0));
      index.commit();
      assertTrue(index.containsPage(PAGE + "?utm_campaign=x", "QUAKE"));
      assertFalse(index.add(carried("top", PAGE, "Quake", T0)).created());
      index.commit();
      assertEquals(1, index.stats().articles());
    }

    @Test
    void keepsEntriesWithOtherHeadlinesOnOnePageApart() throws IOException {
      index.add(carried("world", PAGE, "Quake", T0));
      assertFalse(index.containsPage(PAGE, "Aftershocks"));
      assertTrue(index.add(carried("top", PAGE, "Aftershocks", T0)).created());
      index.commit();
      assertEquals(2, index.stats().articles(), "a front page or live page, not one article");
    }

    @Test
    void keepsOneHeadlineOnOtherPagesApart() throws IOException {
      Assignment world = index.add(carried("world", PAGE, "Quake", T0));
      Assignment copy =
          index.add(carried("top", "https://daily.example/2024/quake?id=2", "Quake", T0));
      index.commit();
      assertTrue(copy.created(), "wire copies share headlines; another page is another article");
      assertEquals(List.of("Daily top", "Daily world"), sorted(sources(world.storyId())));
    }

    private List<String> sorted(List<String> l) {
      return l.stream().sorted().toList();
    }
  }

  /** A misconfigured CMS: every page of one site declares the same canonical URL (issue 9). */
  @Nested
  class SharedCanonical {
    private static final String HOME = "https://rep.example/";

    private ArticleInput page(String id, int text, Instant at) {
      return new ArticleInput(
          id,
          "https://rep.example/" + id,
          HOME,
          ArticleIndexTest.WIKI_TITLE.apply(text),
          ArticleIndexTest.text(text),
          null,
          at,
          at,
          "Republisher",
          "https://rep.example/feed",
          null,
          "en");
    }

    @Test
    void keepsEveryDifferentArticleOfASiteWhosePagesShareOneCanonical() throws IOException {
      for (int i = 0; i < 7; i++) {
        Assignment a = index.add(page("r" + i, 20 + i, T0.plusSeconds(60L * i)));
        assertTrue(a.created(), "r" + i + " is an article of its own");
        assertEquals("r" + i, a.articleId());
      }
      index.commit();
      assertEquals(7, index.stats().articles());
      assertEquals(7, index.stats().stories());
    }

    @Test
    void keepsTheWireAsOriginalWhenARepublisherSharesOneCanonical() throws IOException {
      index.add(page("r0", 21, T0.minusSeconds(3600)));
      index.commit();
      Assignment wire = index.add(from("wire", "w1", ORIGINAL, ORIGINAL, T0));
      Assignment copy = index.add(page("r1", 3, T0.plusSeconds(600)));
      index.commit();
      assertTrue(copy.created(), "the copy does not replace the republisher's earlier article");
      assertEquals(wire.storyId(), copy.storyId());
      Story story = index.story(wire.storyId()).orElseThrow();
      assertEquals(List.of("w1", "r1"), story.articles().stream().map(m -> m.id()).toList());
      assertTrue(story.articles().get(0).original(), "the wire published first");
      assertEquals(T0, story.firstSeen(), "no time of the republisher's other article");
      assertEquals(2, index.stats().stories());
    }

    @Test
    void keepsASameTextReissueUnderANewLinkAsOneArticle() throws IOException {
      index.add(page("r0", 22, T0));
      ArticleInput reissue =
          new ArticleInput(
              "r0-again",
              "https://rep.example/r0?amp",
              HOME,
              ArticleIndexTest.WIKI_TITLE.apply(22),
              ArticleIndexTest.text(22),
              null,
              T0,
              T0,
              "Republisher",
              "https://rep.example/feed",
              null,
              "en");
      Assignment again = index.add(reissue);
      index.commit();
      assertFalse(again.created());
      assertEquals("r0", again.articleId());
      assertEquals(1, index.stats().articles());
    }
  }
}
