package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code search} over the fixture {@code cli/search.jsonl}: one story carried by three outlets
 * (Wire Service, Daily Paper, The Gazette) and one article of another story.
 */
class SearchCommandTest {
  @TempDir static Path dir;
  static Path data;

  static CliRun run(String... args) {
    return CliRun.withData(data, args);
  }

  @BeforeAll
  static void importFixture() throws Exception {
    data = dir.resolve("data");
    Path file = Path.of(SearchCommandTest.class.getResource("/cli/search.jsonl").toURI());
    CliRun r = run("import", file.toString());
    assertEquals(0, r.code(), r.err());
  }

  static List<String> ids(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "search";
    System.arraycopy(args, 0, all, 1, args.length);
    String[] withJson = new String[all.length + 1];
    System.arraycopy(all, 0, withJson, 0, all.length);
    withJson[all.length] = "--json";
    CliRun r = run(withJson);
    assertEquals(0, r.code(), r.err());
    return r.out().lines().map(l -> json(l).get("id").asText()).sorted().toList();
  }

  static JsonNode json(String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (Exception e) {
      throw new AssertionError(line, e);
    }
  }

  @Nested
  class Fields {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "source:\"Wire Service\"|wire-1",
          "source:\"wire service\"|wire-1",
          "source:gazette|gazette-1",
          "source:daily.example|daily-1 daily-2",
          "source:www.daily.example|daily-1 daily-2",
          "source:\"Daily Paper\" AND title:coalition|daily-2",
          "lang:de|daily-2",
          "lang:en|daily-1 gazette-1 wire-1",
          "lang:en-gb|daily-1",
          "published:[2024-02-01 TO 2024-03-01]|daily-2",
          "published:[* TO 2024-01-02T05:00:00Z]|daily-1 wire-1",
          "published:2024-01-02|daily-1 gazette-1 wire-1",
          "title:quake|gazette-1",
        })
    void fieldMatchesDocumentedValues(String query, String expected) {
      assertEquals(List.of(expected.split(" ")), ids(query));
    }

    @Test
    void storyFieldFindsEveryArticleOfTheStory() {
      CliRun r = run("search", "--json", "title:earthquake AND source:wire");
      String story = json(r.out().lines().findFirst().orElseThrow()).get("story").asText();
      assertEquals(List.of("daily-1", "gazette-1", "wire-1"), ids("story:" + story));
    }

    @Test
    void unknownFieldIsAUsageErrorNamingTheFields() {
      CliRun r = run("search", "outlet:wire");
      assertEquals(2, r.code());
      assertTrue(r.err().contains("unknown field 'outlet'"), r.err());
      assertTrue(r.err().contains("title, text, source, story, lang, published"), r.err());
    }

    @Test
    void helpDocumentsTheFields() {
      CliRun r = run("search", "--help");
      for (String f : List.of("title:", "text:", "source:", "story:", "lang:", "published:")) {
        assertTrue(r.out().contains(f), f + " in " + r.out());
      }
    }
  }

  @Test
  void collapsesHitsToOneLinePerStoryByDefault() {
    CliRun r = run("search", "--color=never", "earthquake");
    assertEquals(0, r.code(), r.err());
    List<String> rows = r.out().lines().filter(l -> !l.startsWith("    ")).toList();
    assertEquals(2, rows.size(), r.out());
    assertTrue(r.out().contains("+2 more from 2 outlets"), r.out());
  }

  @Test
  void allExpandsEveryHit() {
    CliRun r = run("search", "--color=never", "--all", "earthquake");
    List<String> rows = r.out().lines().filter(l -> !l.startsWith("    ")).toList();
    assertEquals(4, rows.size(), r.out());
  }

  @Test
  void sortsByDateNewestFirst() {
    CliRun r = run("search", "--json", "--sort", "date", "earthquake");
    List<String> ids = r.out().lines().map(l -> json(l).get("id").asText()).toList();
    assertEquals(List.of("daily-2", "gazette-1", "daily-1", "wire-1"), ids);
  }

  @Test
  void marksMatchesWithStarsWhenNotATerminal() {
    CliRun r = run("search", "--color=never", "harbour");
    assertTrue(r.out().contains("**harbour**"), r.out());
    assertTrue(!r.out().contains("<b>") && !r.out().contains("\u001b["), r.out());
  }

  @Test
  void marksMatchesBoldWhenColourIsAsked() {
    CliRun r = run("search", "--color=always", "harbour");
    assertTrue(r.out().contains("\u001b[1mharbour\u001b[0m"), r.out());
  }

  @Test
  void rowsFitTheWidthAndAlign() {
    CliRun r = run("search", "--color=never", "--all", "earthquake");
    for (String line : r.out().lines().toList()) {
      assertTrue(line.length() <= Terminal.DEFAULT_WIDTH, line);
    }
  }
}
