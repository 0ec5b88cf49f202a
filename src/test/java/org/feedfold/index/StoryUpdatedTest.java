package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.Story;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that a story's update time, which the feeds show as {@code updated}, moves only on news.
 */
class StoryUpdatedTest {
  static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

  @TempDir Path dir;

  @Test
  void movesWhenTheStoryGainsAVersionAndNotWhenAnUnchangedArticleIsFetchedAgain()
      throws IOException {
    ArticleIndexTest.Clock clock = new ArticleIndexTest.Clock();
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock)) {
      ArticleInput first = ArticleIndexTest.wiki(0, "a", T0);
      String story = index.add(first).storyId();
      index.commit();
      Instant created = index.story(story).map(Story::updated).orElseThrow();

      clock.now = T0.plus(Duration.ofHours(1));
      index.add(first);
      index.commit();
      assertEquals(created, index.story(story).orElseThrow().updated(), "refetched unchanged");

      clock.now = T0.plus(Duration.ofHours(2));
      index.add(
          ArticleIndexTest.article(
              "a",
              first.url(),
              first.title(),
              first.text() + "\nUpdate: the council met again on Tuesday evening.",
              T0));
      index.commit();
      Story updated = index.story(story).orElseThrow();
      assertEquals(clock.now, updated.updated(), "a new version moves it");
      assertEquals(story, updated.id(), "the id stays");
    }
  }
}
