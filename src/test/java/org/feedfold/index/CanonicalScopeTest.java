package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.Story;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
}
