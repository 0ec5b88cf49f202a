package org.feedfold.cli;

import static org.feedfold.ArticleFixtures.article;
import static org.feedfold.ArticleFixtures.body;
import static org.feedfold.ArticleFixtures.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs {@code story} and {@code stories} on a real index holding two stories from the fixtures
 * under {@code cluster/story-text}: a live story whose original gained three "Update" versions and
 * which a blog quoted five hours later, and an older story a republisher carried again today.
 */
class StoryCommandTest {
  private static final Path FIXTURES = Path.of("src/test/resources/cluster/story-text");
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

  @TempDir static Path data;
  static String live;
  static String old;

  /** Is a clock the fixture moves. */
  static final class Clock implements InstantSource {
    Instant now = T0;

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeAll
  static void indexTwoStories() throws IOException {
    Clock clock = new Clock();
    try (ArticleIndex index =
        ArticleIndex.open(data.resolve("index"), ClusterSettings.defaults(), clock)) {
      Map<String, String> wire = header(FIXTURES.resolve("live/1-wire.txt"));
      List<String> full = List.of(body(FIXTURES.resolve("live/1-wire.txt")).split("\n"));
      for (int updates = 0; updates <= 3; updates++) {
        clock.now = T0.plus(Duration.ofHours(updates));
        String text = String.join("\n", full.subList(3 - updates, full.size()));
        live = index.add(article(wire, text, T0)).storyId();
        index.commit();
      }
      clock.now = T0.plus(Duration.ofHours(5));
      Path metro = FIXTURES.resolve("live/2-metro.txt");
      index.add(article(header(metro), body(metro), T0.plus(Duration.ofHours(5))));

      Instant twoDaysAgo = T0.minus(Duration.ofDays(2));
      clock.now = twoDaysAgo.plusSeconds(600);
      Path dorian = FIXTURES.resolve("all-caps/1-wire.txt");
      old = index.add(article(header(dorian), body(dorian), twoDaysAgo)).storyId();
      index.commit();
      clock.now = T0.plus(Duration.ofHours(6));
      Path tribune = FIXTURES.resolve("all-caps/2-tribune.txt");
      index.add(article(header(tribune), body(tribune), twoDaysAgo.plusSeconds(2400)));
      index.commit();
    }
  }

  private static CliRun run(String... args) {
    return CliRun.withData(data, args);
  }

  @Nested
  class Explain {
    @Test
    void printsDurationsForPeople() {
      CliRun r = run("story", live, "--explain");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains(", 5 h apart"), r.out());
      assertFalse(r.out().contains("PT"), r.out());
    }

    @Test
    void printsAtMostThreeSharedPassagesOfAtMost200Characters() {
      CliRun r = run("story", live, "--explain");
      List<String> passages =
          r.out().lines().filter(l -> l.startsWith("    \u201c")).map(String::strip).toList();
      assertFalse(passages.isEmpty(), r.out());
      for (String p : passages) {
        // the quotes around the passage are not part of it
        assertTrue(p.length() - 2 <= 200, p.length() + ": " + p);
      }
      long blogPassages =
          r.out()
              .lines()
              .dropWhile(l -> !l.startsWith("  metro-hk"))
              .skip(1)
              .takeWhile(l -> l.startsWith("    "))
              .filter(l -> l.startsWith("    \u201c"))
              .count();
      assertTrue(blogPassages > 0 && blogPassages <= 3, r.out());
    }

    @Test
    void boundsTheJsonPassagesToo() throws IOException {
      CliRun r = run("story", live, "--explain", "--json");
      JsonNode story = new ObjectMapper().readTree(r.out());
      for (JsonNode member : story.path("explain")) {
        assertTrue(member.path("shared_passages").size() <= 3, member.toString());
        for (JsonNode p : member.path("shared_passages")) {
          assertTrue(p.asText().length() <= 200, p.asText());
        }
      }
    }
  }

  @Nested
  class Versions {
    @Test
    void showsHowTheLiveStoryEvolved() {
      CliRun r = run("story", live);
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("  versions:"), r.out());
      assertTrue(r.out().contains("v4  2026-11-26T11:00:00Z  Wikinews Wire  +1 -0"), r.out());
      assertTrue(r.out().contains("      + Update (12:05 UTC):"), r.out());
    }

    @Test
    void printsAVersionsArrayInJson() throws IOException {
      JsonNode story = new ObjectMapper().readTree(run("story", live, "--json").out());
      JsonNode versions = story.path("versions");
      // four versions of the wire's article, one of the blog's
      assertEquals(5, versions.size(), versions.toString());
      JsonNode last = versions.get(3);
      assertEquals("wire-hk", last.path("id").asText());
      assertEquals(4, last.path("version").asInt());
      assertEquals("2026-11-26T11:00:00Z", last.path("time").asText());
      assertTrue(last.path("added").get(0).asText().startsWith("Update (12:05 UTC)"));
      assertEquals(0, last.path("removed").size());
    }
  }

  @Nested
  class Since {
    @ParameterizedTest
    @CsvSource({
      "--since, 2026-11-26T00:00:00Z, live",
      "--updated-since, 2026-11-26T00:00:00Z, live old",
      "--since, 2026-11-20T00:00:00Z, live old",
      "--updated-since, 2026-11-26T13:30:00Z, old",
    })
    void filtersOnFirstPublicationOrOnLastUpdate(String option, String value, String expected) {
      CliRun r = run("stories", option, value, "--json");
      assertEquals(0, r.code(), r.err());
      List<String> ids =
          r.out()
              .lines()
              .map(l -> l.substring(l.indexOf("\"story\":\"") + 9, l.indexOf("\"story\":\"") + 25))
              .sorted()
              .toList();
      List<String> want =
          java.util.Arrays.stream(expected.split(" "))
              .map(n -> n.equals("live") ? live : old)
              .sorted()
              .toList();
      assertEquals(want, ids, r.out());
    }
  }
}
