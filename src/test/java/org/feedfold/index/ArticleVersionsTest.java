package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.ArticleVersion;
import org.feedfold.model.Story;
import org.feedfold.sanitize.Sanitizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live story re-issued under one id keeps its earlier versions (issue 11). */
class ArticleVersionsTest {
  private static final ClusterCorpus.Original LIVE = ClusterCorpus.wikinews().get(1);
  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
  private static final Instant PUBLISHED = T0.minusSeconds(300);

  @TempDir Path dir;
  private final ArticleIndexTest.Clock clock = new ArticleIndexTest.Clock();
  private ArticleIndex index;

  @BeforeEach
  void open() throws IOException {
    index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock);
  }

  @AfterEach
  void close() throws IOException {
    index.close();
  }

  /** Returns the live story with {@code updates} "Update" paragraphs stacked on its first three. */
  private static String live(int updates) {
    List<String> p = new ArrayList<>();
    for (int u = updates; u >= 1; u--) {
      p.add("Update " + u + ": " + LIVE.paragraphs().get(2 + u));
    }
    p.addAll(LIVE.paragraphs().subList(0, 3));
    return String.join("\n", p);
  }

  private static ArticleInput wire(String text, String html) {
    return new ArticleInput(
        "wire-live",
        "https://wire.example/live",
        null,
        LIVE.title(),
        text,
        html == null ? null : Sanitizer.html(html, null),
        PUBLISHED,
        PUBLISHED,
        "Wire",
        "https://wire.example/feed",
        null,
        "en");
  }

  private Story story(String id) throws IOException {
    return index.story(id).orElseThrow();
  }

  @Test
  void keepsEveryVersionWithItsTimeAndWhatItAdded() throws IOException {
    String id = index.add(wire(live(0), null)).storyId();
    index.commit();
    clock.now = T0.plusSeconds(600);
    index.add(wire(live(1), null));
    index.commit();
    clock.now = T0.plusSeconds(1200);
    index.add(wire(live(2), null));
    index.commit();

    List<ArticleVersion> v = story(id).versions();
    assertEquals(List.of(1, 2, 3), v.stream().map(ArticleVersion::number).toList());
    assertEquals(
        List.of(PUBLISHED, T0.plusSeconds(600), T0.plusSeconds(1200)),
        v.stream().map(ArticleVersion::time).toList());
    assertEquals(List.of(), v.get(0).added());
    assertEquals(List.of("Update 1: " + LIVE.paragraphs().get(3)), v.get(1).added());
    assertEquals(List.of("Update 2: " + LIVE.paragraphs().get(4)), v.get(2).added());
    assertEquals(List.of(), v.get(2).removed());
    assertEquals(List.of(3, 4, 5), v.stream().map(ArticleVersion::paragraphs).toList());
  }

  @Test
  void keepsTheVersionsOfAnArticleChangedTwiceBetweenCommits() throws IOException {
    String id = index.add(wire(live(0), null)).storyId();
    clock.now = T0.plusSeconds(60);
    index.add(wire(live(1), null));
    clock.now = T0.plusSeconds(120);
    index.add(wire(live(2), null));
    index.commit();
    assertEquals(3, story(id).versions().size());
  }

  @Test
  void keepsTheVersionOfAnArticleReissuedUnderANewIdAtTheSameLink() throws IOException {
    String id = index.add(wire(live(0), null)).storyId();
    clock.now = T0.plusSeconds(60);
    ArticleInput v1 = wire(live(1), null);
    ArticleInput reissued =
        new ArticleInput(
            "wire-live-v2",
            v1.url(),
            null,
            v1.title(),
            v1.text(),
            null,
            v1.published(),
            v1.seen(),
            v1.source(),
            v1.feedUrl(),
            null,
            "en");
    assertEquals("wire-live", index.add(reissued).articleId());
    index.commit();
    List<ArticleVersion> v = story(id).versions();
    assertEquals(List.of(1, 2), v.stream().map(ArticleVersion::number).toList());
    assertEquals(List.of("Update 1: " + LIVE.paragraphs().get(3)), v.get(1).added());
  }

  @Test
  void keepsTheLastTwentyVersions() throws IOException {
    String id = index.add(wire("First.", null)).storyId();
    for (int n = 2; n <= 25; n++) {
      clock.now = T0.plusSeconds(60L * n);
      String text =
          String.join("\n", IntStream.rangeClosed(1, n).mapToObj(i -> "Paragraph " + i).toList());
      index.add(wire(text, null));
      index.commit();
    }
    List<ArticleVersion> v = story(id).versions();
    assertEquals(Versions.MAX, v.size());
    assertEquals(6, v.get(0).number());
    assertEquals(25, v.get(v.size() - 1).number());
    assertEquals(List.of("Paragraph 25"), v.get(v.size() - 1).added());
  }

  @Test
  void storyUpdatedMovesOnlyWhenTheStoryGainsAVersion() throws IOException {
    String id = index.add(wire(live(0), "<p>v1</p>")).storyId();
    index.commit();
    assertEquals(T0, story(id).updated());

    clock.now = T0.plusSeconds(3600);
    index.add(wire(live(0), "<p>v1 with <em>other</em> markup</p>"));
    index.commit();
    assertEquals(T0, story(id).updated(), "markup only: no new version");
    assertEquals(1, story(id).versions().size());

    clock.now = T0.plusSeconds(7200);
    index.add(wire(live(1), "<p>v2</p>"));
    index.commit();
    assertEquals(T0.plusSeconds(7200), story(id).updated(), "an Update paragraph");

    clock.now = T0.plusSeconds(9000);
    ArticleInput copy =
        new ArticleInput(
            "digest-live",
            "https://digest.example/live",
            null,
            LIVE.title(),
            live(1),
            null,
            T0.plusSeconds(8000),
            T0.plusSeconds(8000),
            "Digest",
            "https://digest.example/feed",
            null,
            "en");
    assertEquals(id, index.add(copy).storyId());
    index.commit();
    assertEquals(T0.plusSeconds(9000), story(id).updated(), "a new member");
  }
}
