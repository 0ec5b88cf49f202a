package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code export} prints what {@code import} reads back; {@code import} reads dates as feeds do. */
class ExportImportTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.execute(args);
  }

  private static Path fixture() throws Exception {
    return Path.of(ExportImportTest.class.getResource("/cli/search.jsonl").toURI());
  }

  private static List<JsonNode> lines(String jsonl) {
    return jsonl
        .lines()
        .map(
            l -> {
              try {
                return Json.mapper().readTree(l);
              } catch (Exception e) {
                throw new AssertionError(l, e);
              }
            })
        .toList();
  }

  /** Returns the stories as sets of article ids, keyed by nothing: the partition of articles. */
  private static Set<Set<String>> stories(List<JsonNode> lines) {
    Map<String, Set<String>> byStory = new TreeMap<>();
    for (JsonNode n : lines) {
      byStory
          .computeIfAbsent(n.get("story").asText(), k -> new TreeSet<>())
          .add(n.get("id").asText());
    }
    return Set.copyOf(byStory.values());
  }

  @Test
  void exportWithoutFlagPrintsJsonLinesWithText() throws Exception {
    Path data = dir.resolve("data");
    assertEquals(0, run("--data", data.toString(), "import", fixture().toString()).code());
    CliRun r = run("--data", data.toString(), "export");
    assertEquals(0, r.code(), r.err());
    List<JsonNode> lines = lines(r.out());
    assertEquals(4, lines.size());
    assertTrue(lines.get(0).get("text").asText().startsWith("A strong earthquake"), r.out());
    assertEquals(r.out(), run("--data", data.toString(), "export", "--jsonl").out());
  }

  @Test
  void exportImportedIntoAFreshIndexGivesTheSameArticlesAndStories() throws Exception {
    Path first = dir.resolve("first");
    assertEquals(0, run("--data", first.toString(), "import", fixture().toString()).code());
    Path file = dir.resolve("export.jsonl");
    CliRun export = run("--data", first.toString(), "export", file.toString());
    assertEquals(0, export.code(), export.err());
    assertEquals("", export.out());

    Path second = dir.resolve("second");
    CliRun imported = run("--data", second.toString(), "import", file.toString());
    assertEquals(0, imported.code(), imported.err());
    CliRun again = run("--data", second.toString(), "export");

    List<JsonNode> before = lines(Files.readString(file, StandardCharsets.UTF_8));
    List<JsonNode> after = lines(again.out());
    assertEquals(byId(before), byId(after));
    assertEquals(stories(before), stories(after));
    assertEquals(2, stories(after).size());
  }

  private static Map<String, JsonNode> byId(List<JsonNode> lines) {
    Map<String, JsonNode> out = new TreeMap<>();
    lines.forEach(n -> out.put(n.get("id").asText(), n));
    return out;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1999-12-08T16:23:00",
        "1999-12-08T16:23:00Z",
        "1999-12-08T17:23:00+01:00",
        "Wed, 08 Dec 1999 16:23:00 GMT",
        "Wed, 08 Dec 1999 11:23:00 -0500"
      })
  void importReadsDatesAsFeedsWriteThem(String date) throws Exception {
    Path file = dir.resolve("in.jsonl");
    Files.writeString(
        file,
        "{\"id\":\"a\",\"title\":\"T\",\"text\":\"Some text.\",\"published\":\"" + date + "\"}\n",
        StandardCharsets.UTF_8);
    Path data = dir.resolve("data");
    CliRun r = run("--data", data.toString(), "import", file.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode n = lines(run("--data", data.toString(), "export").out()).get(0);
    assertEquals("1999-12-08T16:23:00Z", n.get("published").asText());
  }

  @Test
  void importNamesTheKeyAndTheFormsOfAnUnreadableDate() throws Exception {
    Path file = dir.resolve("in.jsonl");
    Files.writeString(
        file,
        "{\"id\":\"a\",\"title\":\"T\",\"text\":\"x\",\"published\":\"last tuesday\"}\n",
        StandardCharsets.UTF_8);
    CliRun r = run("--data", dir.resolve("data").toString(), "import", file.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("in.jsonl:1: key \"published\": expected a date"), r.err());
    assertTrue(r.err().contains("RFC 1123"), r.err());
  }
}
