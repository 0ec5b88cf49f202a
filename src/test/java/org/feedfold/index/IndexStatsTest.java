package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.model.FeedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexStatsTest {
  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

  @TempDir Path dir;

  @Test
  void countsFeedsByStatusLastFetchAndErrorsByKind() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), () -> T0)) {
      index.add(ArticleIndexTest.wiki(0, "a1", T0));
      index.putFeedState(
          new FeedState("https://ok.example/f", "Ok", null, null, T0, null, 0, null, false));
      index.putFeedState(
          new FeedState(
              "https://bad.example/f",
              null,
              null,
              null,
              T0.plusSeconds(60),
              null,
              2,
              "HTTP 500",
              false));
      index.putFeedState(
          new FeedState(
              "https://bad2.example/f", null, null, null, T0, null, 1, "HTTP 503", false));
      index.putFeedState(
          new FeedState(
              "https://gone.example/f", null, null, null, T0, null, 1, "HTTP 410 (gone)", true));
      index.putFeedState(
          new FeedState(
              "https://nf.example/f",
              null,
              null,
              null,
              T0,
              null,
              1,
              "not a feed: unexpected element <html> at line 1",
              false));
      index.putFeedState(FeedState.initial("https://new.example/f"));
      index.commit();

      IndexStats s = index.stats();

      assertEquals(1, s.articles());
      assertEquals(1, s.stories());
      assertEquals(6, s.feeds());
      assertEquals(2, s.feedsOk());
      assertEquals(3, s.feedsFailing());
      assertEquals(1, s.feedsDisabled());
      assertEquals(T0.plusSeconds(60), s.lastFetch());
      assertEquals(Map.of("HTTP 5xx", 2L, "HTTP 410", 1L, "not a feed", 1L), s.errorsByKind());
      assertTrue(s.bytes() > 0);
    }
  }

  @Test
  void anEmptyIndexHasNoLastFetch() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), () -> T0)) {
      IndexStats s = index.stats();
      assertEquals(0, s.feeds());
      assertNull(s.lastFetch());
      assertEquals(Map.of(), s.errorsByKind());
    }
  }

  @Test
  void namesTheKindOfAnError() {
    assertEquals("HTTP 404", IndexStats.errorKind("HTTP 404"));
    assertEquals("HTTP 5xx", IndexStats.errorKind("HTTP 502"));
    assertEquals("HTTP 429", IndexStats.errorKind("HTTP 429 (rate limited, retry after 60s)"));
    assertEquals("not a feed", IndexStats.errorKind("not a feed (body cut at 10 bytes): x"));
    assertEquals("connect timed out", IndexStats.errorKind("connect timed out after 10s"));
  }
}
