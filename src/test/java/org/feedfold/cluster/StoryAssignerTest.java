package org.feedfold.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.ArticleInput;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assigns stories over {@link MemoryStoryStore}: the rules, with no index underneath. */
class StoryAssignerTest {
  private static final List<ClusterCorpus.Original> WIKI = ClusterCorpus.wikinews();
  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
  private static final long NOW = T0.plus(Duration.ofDays(1)).toEpochMilli();

  private final ClusterSettings settings = ClusterSettings.defaults();
  private final StoryAssigner assigner = new StoryAssigner(settings);
  private final MemoryStoryStore store = new MemoryStoryStore(settings);

  private StoryAssigner.Assigned add(ArticleInput a) throws IOException {
    return assigner.assign(a, NOW, store);
  }

  private static ArticleInput article(
      String id, String url, String title, String text, Instant at) {
    return new ArticleInput(id, url, null, title, text, null, at, at, "Test", null, null, "en");
  }

  private static ArticleInput wiki(int n, String id, Instant at) {
    return article(id, "https://a.example/" + id, WIKI.get(n).title(), text(n), at);
  }

  private static String text(int n) {
    return String.join("\n", WIKI.get(n).paragraphs());
  }

  @Nested
  class Dedup {
    @Test
    void reportsAnIdenticalRefetchAsUnchangedAndWritesNothing() throws IOException {
      StoryAssigner.Assigned first = add(wiki(0, "a", T0));
      StoryState before = store.story(first.story());
      StoryAssigner.Assigned again = add(wiki(0, "a", T0));
      assertTrue(first.created());
      assertFalse(again.wrote());
      assertEquals(first.story(), again.story());
      assertEquals(before, store.story(first.story()));
    }

    @Test
    void updatesTheStoredArticleWithTheSameLinkInsteadOfCopyingIt() throws IOException {
      add(article("a", "https://x.example/1", "Title", text(1), T0));
      StoryAssigner.Assigned b =
          add(article("b", "https://x.example/1", "Title", text(1) + "\nCorrection.", T0));
      assertEquals("a", b.articleId());
      assertTrue(b.changed());
      assertFalse(b.created());
      assertEquals(Set.of("a"), store.entries.keySet());
      assertTrue(store.articles.get("a").text().endsWith("Correction."));
    }

    @Test
    void keepsAnArticleThatDeclaresAnotherOnesCanonicalUrlButHasOtherTextApart()
        throws IOException {
      ArticleInput first =
          new ArticleInput(
              "a",
              "https://x.example/a",
              "https://x.example/",
              WIKI.get(1).title(),
              text(1),
              null,
              T0,
              T0,
              "Test",
              "https://x.example/feed",
              null,
              "en");
      ArticleInput second =
          new ArticleInput(
              "b",
              "https://x.example/b",
              "https://x.example/",
              WIKI.get(2).title(),
              text(2),
              null,
              T0,
              T0,
              "Test",
              "https://x.example/feed",
              null,
              "en");
      add(first);
      StoryAssigner.Assigned b = add(second);
      assertEquals("b", b.articleId());
      assertTrue(b.created());
      assertEquals(2, store.entries.size());
    }

    @Test
    void takesANearlyIdenticalReissueUnderTheSameCanonicalUrlAsAnUpdate() throws IOException {
      ArticleInput first =
          new ArticleInput(
              "a",
              "https://x.example/a?utm=1",
              "https://x.example/story",
              WIKI.get(1).title(),
              text(1),
              null,
              T0,
              T0,
              "Test",
              "https://x.example/feed",
              null,
              "en");
      ArticleInput reissue =
          new ArticleInput(
              "b",
              "https://x.example/a?utm=2",
              "https://x.example/story",
              WIKI.get(1).title(),
              text(1) + " More.",
              null,
              T0,
              T0,
              "Test",
              "https://x.example/feed",
              null,
              "en");
      add(first);
      StoryAssigner.Assigned b = add(reissue);
      assertEquals("a", b.articleId());
      assertTrue(b.changed());
      assertEquals(Set.of("a"), store.entries.keySet());
    }
  }

  @Nested
  class Clustering {
    @Test
    void clustersATeaserWithTheFullArticle() throws IOException {
      StoryAssigner.Assigned full = add(wiki(0, "full", T0));
      String teaser = String.join(" ", WIKI.get(0).paragraphs().get(0).split("(?<=\\.) ", 3));
      StoryAssigner.Assigned t =
          add(article("teaser", null, WIKI.get(0).title(), teaser, T0.plus(Duration.ofHours(2))));
      assertTrue(full.newStory());
      assertFalse(t.newStory());
      assertEquals(full.story(), t.story());
      assertEquals(2, store.story(full.story()).size());
      assertEquals("full", store.story(full.story()).representative());
    }

    @Test
    void keepsDifferentArticlesApart() throws IOException {
      Set<Long> stories = new HashSet<>();
      for (int i = 0; i < 20; i++) {
        stories.add(add(wiki(i, "w" + i, T0.plusSeconds(i))).story());
      }
      assertEquals(20, stories.size());
    }

    @Test
    void keepsACopyPublishedOutsideTheWindowApart() throws IOException {
      long first = add(wiki(5, "o", T0)).story();
      long late = add(wiki(5, "late", T0.plus(settings.window()).plusSeconds(60))).story();
      assertNotEquals(first, late);
    }

    @Test
    void keepsASiteTemplateFromGluingStories() throws IOException {
      String header = "Valley Tribune | Home | World | Politics | Business | Science | Sport";
      String footer =
          "Related stories:\nCouncil approves new budget after long debate\nLocal team wins the"
              + " regional final in extra time\nCopyright Valley Tribune Media Group. All rights"
              + " reserved. This material may not be published, broadcast, rewritten or"
              + " redistributed. Sign up for our newsletter to get the top stories every morning.";
      Set<Long> stories = new HashSet<>();
      for (int i = 0; i < 6; i++) {
        String lead = WIKI.get(10 + i).paragraphs().get(0);
        stories.add(
            add(article(
                    "site" + i,
                    null,
                    WIKI.get(10 + i).title(),
                    header + "\n" + lead + "\n" + footer,
                    T0.plusSeconds(60L * i)))
                .story());
      }
      assertEquals(6, stories.size());
    }

    @Test
    void namesANewStoryAfterItsFounder() throws IOException {
      assertEquals(StoryAssigner.storyFor("founder"), add(wiki(3, "founder", T0)).story());
      assertEquals(
          StoryAssigner.storyFor("founder"), add(wiki(3, "copy", T0.plusSeconds(60))).story());
    }

    @Test
    void mergesStoriesBridgedByTheFullArticleIntoTheOneSeenFirst() throws IOException {
      List<String> p = WIKI.get(7).paragraphs();
      int half = p.size() / 2;
      String title = WIKI.get(7).title();
      long first =
          add(article("x", null, title, String.join("\n", p.subList(0, half)), T0)).story();
      long second =
          add(article(
                  "y",
                  null,
                  title,
                  String.join("\n", p.subList(half, p.size())),
                  T0.plusSeconds(60)))
              .story();
      assertNotEquals(first, second);
      StoryAssigner.Assigned z = add(article("z", null, title, text(7), T0.plusSeconds(120)));
      assertEquals(first, z.story(), "the story seen first keeps its id");
      assertEquals(first, store.resolve(second));
      assertEquals(null, store.story(second));
      assertEquals(3, store.story(first).size());
    }
  }

  /**
   * {@link StoryAssigner#settle} on a store where an article was added without seeing another one
   * (as on a second SolrCloud instance before a commit): built by adding it to a second store and
   * copying what it wrote.
   */
  @Nested
  class Settling {
    private final MemoryStoryStore other = new MemoryStoryStore(settings);

    /** Adds {@code a} to the other store and copies its article and story here. */
    private ArticleEntry addUnseen(ArticleInput a) throws IOException {
      StoryAssigner.Assigned r = assigner.assign(a, NOW, other);
      ArticleEntry e = other.entries.get(r.articleId());
      store.putArticle(new StoryStore.ArticleWrite(a, e, null, null, null, false));
      store.putStory(other.story(r.story()), true);
      return e;
    }

    @Test
    void mergesTheStoryOfAHalfThatDidNotSeeTheWholeArticle() throws IOException {
      List<String> p = WIKI.get(7).paragraphs();
      int half = p.size() / 2;
      String title = WIKI.get(7).title();
      long first =
          add(article("x", null, title, String.join("\n", p.subList(0, half)), T0)).story();
      add(article("z", null, title, text(7), T0.plusSeconds(60)));
      ArticleEntry second =
          addUnseen(
              article(
                  "y",
                  null,
                  title,
                  String.join("\n", p.subList(half, p.size())),
                  T0.plusSeconds(120)));
      assertNotEquals(first, store.resolve(second.story()));

      StoryAssigner.Settled s = assigner.settle(second, NOW, store);
      assertEquals(new StoryAssigner.Settled(first, 1), s);
      assertEquals(first, store.resolve(second.story()));
      assertEquals(3, store.story(first).size());
      assertEquals(
          new StoryAssigner.Settled(first, 0),
          assigner.settle(second, NOW, store),
          "a second pass finds nothing more to merge");
    }

    @Test
    void keepsDifferentArticlesApart() throws IOException {
      List<ArticleEntry> added = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        added.add(addUnseen(wiki(i, "w" + i, T0.plusSeconds(i))));
      }
      for (ArticleEntry e : added) {
        assertEquals(0, assigner.settle(e, NOW, store).merged(), e.id());
      }
      assertEquals(20, store.stories.size());
    }
  }

  @Nested
  class AgainstTheLuceneIndex {
    @TempDir Path dir;

    @Test
    void assignsTheSameStoriesAsTheIndexOnAGeneratedCorpus() throws IOException {
      List<ClusterCorpus.Item> items = ClusterCorpus.generate(WIKI, 20, 7);
      Map<String, Long> inMemory = new HashMap<>();
      Map<String, String> inIndex = new HashMap<>();
      try (ArticleIndex index = ArticleIndex.open(dir, settings, () -> Instant.ofEpochMilli(NOW))) {
        for (ClusterCorpus.Item item : items) {
          inMemory.put(item.article().id(), add(item.article()).story());
          inIndex.put(item.article().id(), index.add(item.article()).storyId());
        }
        index.commit();
        // Stories merged after an article joined them are followed to where they went.
        for (Map.Entry<String, String> e : inIndex.entrySet()) {
          e.setValue(index.story(e.getValue()).orElseThrow().id());
        }
      }
      inMemory.replaceAll((id, story) -> store.resolve(story));
      assertEquals(partition(inIndex), partition(inMemory));
    }

    /** Returns the groups of article ids that share a story, as sorted sets. */
    private static <T> Set<Set<String>> partition(Map<String, T> storyOf) {
      Map<T, Set<String>> groups = new HashMap<>();
      storyOf.forEach((id, story) -> groups.computeIfAbsent(story, s -> new TreeSet<>()).add(id));
      return new HashSet<>(new ArrayList<>(groups.values()));
    }
  }
}
