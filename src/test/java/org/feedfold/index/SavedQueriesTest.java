package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.Story;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that saved queries matched as articles arrive list what running the query lists. */
class SavedQueriesTest {
  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

  @TempDir Path dir;

  @Test
  void articlesAddedAfterOpeningJoinTheSavedFeedTheyMatchAndNoOther() throws IOException {
    ArticleIndexTest.Clock clock = new ArticleIndexTest.Clock();
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock)) {
      index.add(ArticleIndexTest.article("old", null, "Harbour news", "The harbour froze.", T0));
      index.commit();
      Map<String, String> feeds = new LinkedHashMap<>();
      feeds.put("volcano", "volcano");
      feeds.put("election", "title:election");
      SavedQueries saved = SavedQueries.open(index, feeds);
      assertTrue(saved.watches("volcano"));

      String lava =
          index
              .add(
                  ArticleIndexTest.article(
                      "lava",
                      null,
                      "Island evacuated",
                      "The volcano erupted on Sunday, sending ash over the island.",
                      T0.plusSeconds(60)))
              .storyId();
      String vote =
          index
              .add(
                  ArticleIndexTest.article(
                      "vote",
                      null,
                      "Election called for May",
                      "The prime minister called a snap vote.",
                      T0.plusSeconds(120)))
              .storyId();
      index.commit();

      assertEquals(List.of(lava), ids(saved.stories("volcano", "volcano", null, 50)));
      assertEquals(
          List.of(vote), ids(saved.stories("election", "title:election", null, 50)), "title only");
    }
  }

  @Test
  void anUpdateThatNoLongerMatchesLeavesTheSavedFeed() throws IOException {
    ArticleIndexTest.Clock clock = new ArticleIndexTest.Clock();
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock)) {
      SavedQueries saved = SavedQueries.open(index, Map.of("quake", "earthquake"));
      index.add(
          ArticleIndexTest.article(
              "a", "https://a.example/a", "Tremor", "An earthquake shook the city.", T0));
      index.commit();
      assertEquals(1, saved.stories("quake", "earthquake", null, 50).size());

      clock.now = T0.plus(Duration.ofHours(1));
      index.add(
          ArticleIndexTest.article(
              "a", "https://a.example/a", "Tremor", "A lorry shook the city.", T0));
      index.commit();
      assertEquals(List.of(), saved.stories("quake", "earthquake", null, 50));
      assertEquals(List.of(), index.stories("earthquake", null, 50), "as running it says");
    }
  }

  @Test
  void followsAMatchedStoryIntoTheStoryItMergesInto() throws IOException {
    ArticleIndexTest.Clock clock = new ArticleIndexTest.Clock();
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock)) {
      SavedQueries saved = SavedQueries.open(index, Map.of("y", "title:zzyzx"));
      String text = ArticleIndexTest.text(7);
      String title = ArticleIndexTest.WIKI_TITLE.apply(7);
      List<String> p = List.of(text.split("\n"));
      int half = p.size() / 2;
      String first =
          index
              .add(
                  ArticleIndexTest.article(
                      "x", null, title, String.join("\n", p.subList(0, half)), T0))
              .storyId();
      String second =
          index
              .add(
                  ArticleIndexTest.article(
                      "y",
                      null,
                      title + " zzyzx",
                      String.join("\n", p.subList(half, p.size())),
                      T0.plusSeconds(60)))
              .storyId();
      index.commit();
      assertNotEquals(first, second);
      assertEquals(List.of(second), ids(saved.stories("y", "title:zzyzx", null, 50)));

      index.add(ArticleIndexTest.article("z", null, title, text, T0.plusSeconds(120)));
      index.commit();
      List<Story> merged = saved.stories("y", "title:zzyzx", null, 50);
      assertEquals(List.of(first), ids(merged), "the story it merged into");
      assertEquals(3, merged.get(0).size());
      assertEquals(ids(index.stories("title:zzyzx", null, 50)), ids(merged));
    }
  }

  @Test
  void aQueryNamingAStoryIsRunEachTimeAsItDependsOnLaterMerges() throws IOException {
    ArticleIndexTest.Clock clock = new ArticleIndexTest.Clock();
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock)) {
      String story = index.add(ArticleIndexTest.wiki(0, "a", T0)).storyId();
      index.commit();
      SavedQueries saved = SavedQueries.open(index, Map.of("one", "story:" + story));
      assertFalse(saved.watches("one"));
      assertEquals(List.of(story), ids(saved.stories("one", "story:" + story, null, 50)));
    }
  }

  @Test
  void anArticleIsCheckedOnlyAgainstTheSavedQueriesThatCanMatchIt() throws IOException {
    ArticleIndexTest.Clock clock = new ArticleIndexTest.Clock();
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock)) {
      Map<String, String> feeds = new LinkedHashMap<>();
      for (int i = 0; i < 300; i++) {
        feeds.put("f" + i, "title:word" + i + " AND text:other" + i);
      }
      feeds.put("volcano", "volcano");
      feeds.put("recent", "published:[2024-01-01 TO *]");
      SavedQueries saved = SavedQueries.open(index, feeds);

      String lava =
          index
              .add(
                  ArticleIndexTest.article(
                      "lava", null, "Island evacuated", "The volcano erupted.", T0))
              .storyId();
      index.commit();

      assertEquals(2, saved.checks(), "the volcano query and the range, not the 300 others");
      assertEquals(List.of(lava), ids(saved.stories("volcano", "volcano", null, 50)));
      assertEquals(
          List.of(lava), ids(saved.stories("recent", "published:[2024-01-01 TO *]", null, 50)));
    }
  }

  @Test
  void aStoryThatGainsAVersionMovesToTheTopOfTheSavedFeedAsRunningTheQuerySays()
      throws IOException {
    ArticleIndexTest.Clock clock = new ArticleIndexTest.Clock();
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock)) {
      SavedQueries saved = SavedQueries.open(index, Map.of("wiki", "wikinews OR the"));
      List<String> added = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        clock.now = T0.plus(Duration.ofHours(i));
        added.add(index.add(ArticleIndexTest.wiki(i, "w" + i, clock.now)).storyId());
        index.commit();
        saved.stories("wiki", "wikinews OR the", null, 50);
      }
      assertEquals(
          List.of(added.get(2), added.get(1), added.get(0)),
          ids(saved.stories("wiki", "wikinews OR the", null, 50)));

      clock.now = T0.plus(Duration.ofHours(5));
      ArticleInput first = ArticleIndexTest.wiki(0, "w0", T0);
      index.add(
          new ArticleInput(
              first.id(),
              first.url(),
              null,
              first.title() + " (updated)",
              first.text() + "\n\nUpdate: more was learned.",
              null,
              first.published(),
              clock.now,
              first.source(),
              first.feedUrl(),
              null,
              first.language()));
      index.commit();
      List<Story> got = saved.stories("wiki", "wikinews OR the", null, 50);
      assertEquals(added.get(0), got.get(0).id(), "the updated story first");
      assertEquals(sorted(index.stories("wikinews OR the", null, 50)), sorted(got));
      assertEquals(
          ids(index.stories("wikinews OR the", Instant.parse("2024-03-01T14:00:00Z"), 50)),
          ids(saved.stories("wiki", "wikinews OR the", Instant.parse("2024-03-01T14:00:00Z"), 50)));
    }
  }

  /**
   * Property over the Wikinews syndication corpus and 200 generated queries of every form (fields,
   * phrases, boolean operators, prefixes, wildcards, ranges on published, lang, source): matching
   * through the term filter keeps for every query exactly the stories running every query keeps.
   */
  @Test
  void theTermFilterKeepsWhatRunningEveryQueryKeeps() throws IOException {
    List<ArticleInput> articles = SavedQueryFilterTest.articles(8);
    QueryGenerator generator = new QueryGenerator(articles, 7L);
    Map<String, String> queries = new LinkedHashMap<>();
    while (queries.size() < 200) {
      queries.put("g" + queries.size(), generator.next());
    }
    ArticleIndexTest.Clock clock = new ArticleIndexTest.Clock();
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock)) {
      int half = articles.size() / 3;
      for (ArticleInput a : articles.subList(0, half)) {
        clock.now = a.seen();
        index.add(a);
      }
      index.commit();
      SavedQueries every = SavedQueries.open(index, queries, SavedQueries.Matching.EVERY_QUERY);
      SavedQueries filtered = SavedQueries.open(index, queries, SavedQueries.Matching.TERM_FILTER);
      for (ArticleInput a : articles.subList(half, articles.size())) {
        clock.now = a.seen();
        index.add(a);
      }
      index.commit();
      int watched = 0;
      int nonEmpty = 0;
      for (Map.Entry<String, String> q : queries.entrySet()) {
        if (!every.watches(q.getKey())) {
          continue;
        }
        watched++;
        List<Story> expected = every.stories(q.getKey(), q.getValue(), null, 10_000);
        assertEquals(
            sorted(expected),
            sorted(filtered.stories(q.getKey(), q.getValue(), null, 10_000)),
            q.getValue());
        nonEmpty += expected.isEmpty() ? 0 : 1;
      }
      assertTrue(watched > 150, "most generated queries parse: " + watched);
      assertTrue(nonEmpty > watched / 4, "many match something: " + nonEmpty);
      assertTrue(
          filtered.checks() < every.checks() / 2,
          "the filter runs fewer: " + filtered.checks() + " vs " + every.checks());
    }
  }

  /**
   * Property over the Wikinews syndication corpus (originals, verbatim and edited copies, teasers,
   * live updates re-issued under one id, so stories grow, merge and articles change): for every
   * query, the stories matched as articles arrived equal the stories running the query finds.
   */
  @Test
  void equalsRunningTheQueryOverTheWikinewsCorpus() throws IOException {
    List<ClusterCorpus.Original> originals = ClusterCorpus.wikinews();
    List<ClusterCorpus.Item> items = ClusterCorpus.generate(originals, 20, 11);
    Map<String, String> queries = queries(originals.subList(0, 20), items);
    ArticleIndexTest.Clock clock = new ArticleIndexTest.Clock();
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock)) {
      int half = items.size() / 2;
      for (ClusterCorpus.Item i : items.subList(0, half)) {
        clock.now = i.article().seen();
        index.add(i.article());
      }
      index.commit();
      SavedQueries saved = SavedQueries.open(index, queries);
      int n = 0;
      for (ClusterCorpus.Item i : items.subList(half, items.size())) {
        clock.now = i.article().seen();
        index.add(i.article());
        if (++n % 40 == 0) {
          index.commit();
        }
      }
      index.commit();
      Instant since = items.get(half).article().seen();
      int nonEmpty = 0;
      for (Map.Entry<String, String> q : queries.entrySet()) {
        assertTrue(saved.watches(q.getKey()), q.getValue());
        List<Story> expected = index.stories(q.getValue(), null, 10_000);
        List<Story> got = saved.stories(q.getKey(), q.getValue(), null, 10_000);
        assertEquals(sorted(expected), sorted(got), q.getValue());
        assertEquals(
            sorted(index.stories(q.getValue(), since, 10_000)),
            sorted(saved.stories(q.getKey(), q.getValue(), since, 10_000)),
            q.getValue() + " since " + since);
        nonEmpty += expected.isEmpty() ? 0 : 1;
      }
      assertTrue(nonEmpty > queries.size() / 2, "most queries match something: " + nonEmpty);
    }
  }

  /** Builds queries of every kind the syntax has from the originals' title words. */
  private static Map<String, String> queries(
      List<ClusterCorpus.Original> originals, List<ClusterCorpus.Item> items) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < originals.size(); i++) {
      List<String> words =
          List.of(originals.get(i).title().toLowerCase(Locale.ROOT).split("[^a-z]+")).stream()
              .filter(w -> w.length() >= 5)
              .sorted(Comparator.comparing(String::length).reversed())
              .toList();
      if (words.size() < 2) {
        continue;
      }
      String a = words.get(0);
      String b = words.get(1);
      out.put("w" + i, a);
      out.put("and" + i, a + " AND " + b);
      out.put("not" + i, b + " -" + a);
      out.put("phrase" + i, "\"" + a + "\"");
      out.put("title" + i, "title:" + b);
      out.put("prefix" + i, a.substring(0, 4) + "*");
      out.put("fuzzy" + i, a + "~1");
      out.put("or" + i, "text:" + a + " OR title:" + b);
    }
    Set<String> sources =
        items.stream()
            .map(i -> i.article().source())
            .collect(Collectors.toCollection(TreeSet::new));
    for (String s : sources) {
      out.put("source-" + out.size(), "source:\"" + s + "\"");
    }
    Instant mid = items.get(items.size() / 2).article().published();
    out.put("published", "published:[* TO " + mid + "]");
    out.put("later", "published:[" + mid + " TO *] AND " + out.get("w0"));
    out.put("day", "published:" + mid.toString().substring(0, 10));
    out.put("lang", "lang:en");
    return out;
  }

  private static List<String> ids(List<Story> stories) {
    return stories.stream().map(Story::id).toList();
  }

  /** Returns the stories' ids with their update times, in one order (ties in time are common). */
  private static List<String> sorted(List<Story> stories) {
    List<String> out = new ArrayList<>();
    for (Story s : stories) {
      out.add(s.id() + "@" + s.updated() + "#" + s.articles().size());
    }
    out.sort(null);
    return out;
  }
}
