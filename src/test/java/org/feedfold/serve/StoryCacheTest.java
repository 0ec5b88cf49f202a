package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.Story;
import org.feedfold.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads a page of stories from a real index, again after commits that change some of them. */
class StoryCacheTest {
  static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  final HealthCheckTest.Clock clock = new HealthCheckTest.Clock();
  final List<ClusterCorpus.Original> corpus = ClusterCorpus.wikinews();
  @TempDir Path dir;
  ArticleIndex index;
  StoryCache cache;

  @BeforeEach
  void open() throws IOException {
    clock.now = T0;
    index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock);
    for (int i = 0; i < 4; i++) {
      index.add(article(i, corpus.get(i).url(), ""));
    }
    index.commit();
    cache = new StoryCache(index);
  }

  @AfterEach
  void close() throws IOException {
    index.close();
  }

  ArticleInput article(int n, String url, String update) {
    ClusterCorpus.Original o = corpus.get(n);
    Instant at = T0.minus(Duration.ofHours(4 - n));
    return new ArticleInput(
        "a" + n,
        url,
        null,
        o.title(),
        update + String.join("\n", o.paragraphs()),
        null,
        at,
        at,
        "Wire",
        null,
        null,
        "en");
  }

  Map<String, Story> page() throws IOException {
    List<Story> got = cache.stories(null, null, 10);
    assertEquals(
        index.stories(null, null, 10).stream().map(Story::id).toList(),
        got.stream().map(Story::id).toList());
    assertEquals(index.stories(null, null, 10), got, "what the index reads now");
    return got.stream()
        .collect(Collectors.toMap(s -> s.articles().get(0).id(), Function.identity()));
  }

  @Test
  void readsAgainOnlyTheStoriesACommitChanged() throws IOException {
    Map<String, Story> before = page();
    assertEquals(4, cache.reads());

    clock.now = T0.plusSeconds(60);
    index.add(article(1, corpus.get(1).url(), "Update: new figures.\n"));
    index.commit();
    Map<String, Story> after = page();

    assertEquals(5, cache.reads());
    assertNotSame(before.get("a1"), after.get("a1"));
    for (String unchanged : List.of("a0", "a2", "a3")) {
      assertSame(before.get(unchanged), after.get(unchanged), unchanged);
    }
  }

  /**
   * A cold page (a new server) reads the stories it lists in one read of the store, not one per
   * story: one by one, each was a search for its state and one for its members (issue 11, the
   * merged feed's first page).
   */
  @Test
  void readsAColdPageInOneReadOfTheStore() throws IOException {
    Map<String, Integer> calls = new java.util.TreeMap<>();
    Store counted =
        (Store)
            Proxy.newProxyInstance(
                Store.class.getClassLoader(),
                new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                  calls.merge(method.getName(), 1, Integer::sum);
                  try {
                    return method.invoke(index, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    StoryCache cold = new StoryCache(counted);

    List<Story> got = cold.stories(null, null, 10);

    assertEquals(index.stories(null, null, 10), got);
    assertEquals(4, got.size());
    calls.remove("stamps");
    assertEquals(1, calls.values().stream().mapToInt(Integer::intValue).sum(), calls.toString());
  }

  /**
   * A page lists its stories and reads those it lacks in one read of the store, cold and after a
   * commit: the stories are read from the states the listing read, not searched for again (issue
   * 11, the merged feed's first page; before, a listing and then a read of the changed stories).
   */
  @Test
  void listsAndReadsAPageInOneCallOfTheStoreColdAndAfterACommit() throws IOException {
    Map<String, Integer> calls = new java.util.TreeMap<>();
    Store counted =
        (Store)
            Proxy.newProxyInstance(
                Store.class.getClassLoader(),
                new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                  calls.merge(method.getName(), 1, Integer::sum);
                  try {
                    return method.invoke(index, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    StoryCache counting = new StoryCache(counted);

    assertEquals(index.stories(null, null, 10), counting.stories(null, null, 10));
    assertEquals(Map.of("stampedStories", 1), calls, "cold");

    calls.clear();
    clock.now = T0.plusSeconds(60);
    index.add(article(1, corpus.get(1).url(), "Update: new figures.\n"));
    index.commit();
    assertEquals(index.stories(null, null, 10), counting.stories(null, null, 10));
    assertEquals(Map.of("stampedStories", 1), calls, "after a commit");
    assertEquals(5, counting.reads());
  }

  @Test
  void readsAgainAStoryWhoseMemberChangedOnlyItsLinkThoughItsUpdatedStays() throws IOException {
    Map<String, Story> before = page();

    clock.now = T0.plusSeconds(60);
    index.add(article(2, "https://moved.example/a2", ""));
    index.commit();
    Map<String, Story> after = page();

    assertEquals(before.get("a2").updated(), after.get("a2").updated());
    assertEquals("https://moved.example/a2", after.get("a2").articles().get(0).url());
    assertSame(before.get("a0"), after.get("a0"));
  }
}
