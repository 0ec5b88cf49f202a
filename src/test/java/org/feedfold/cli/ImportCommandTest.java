package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportCommandTest {
  @TempDir Path dir;

  private int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cli = CommandTree.whole();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void importsGoodLinesReportsBadOnesAndExportsStories() throws Exception {
    String text =
        "Rescuers searched the rubble of the collapsed apartment building through the night, and"
            + " officials said the death toll had risen to thirty-nine by Wednesday morning. The"
            + " regional governor promised a payout to every family and ordered an inquiry into the"
            + " gas supply of all older blocks in the city, many of which were built in the 1970s"
            + " and have not been inspected since.";
    Path file = dir.resolve("in.jsonl");
    Files.writeString(
        file,
        String.join(
            "\n",
            "{\"id\":\"a\",\"url\":\"https://a.example/1\",\"title\":\"Collapse\",\"text\":\""
                + text
                + "\",\"published\":\"2024-01-02T03:04:05Z\",\"source\":\"A\"}",
            "{\"id\":\"b\",\"title\":\"Collapse\",\"published\":null}",
            "not json",
            "{\"id\":\"c\",\"title\":\"Collapse (copy)\",\"html\":\"<div><p>"
                + text
                + "</p><p>Menu</p></div>\",\"published\":\"2024-01-02\"}"),
        StandardCharsets.UTF_8);
    StringWriter err = new StringWriter();
    Path data = dir.resolve("data");
    assertEquals(
        2, run(new StringWriter(), err, "--data", data.toString(), "import", file.toString()));
    assertTrue(err.toString().contains("in.jsonl:2: missing \"text\" or \"html\""), err.toString());
    assertTrue(
        err.toString().contains("in.jsonl:3:4: not valid JSON: Unrecognized token"),
        err.toString());

    StringWriter out = new StringWriter();
    assertEquals(0, run(out, new StringWriter(), "--data", data.toString(), "export", "--jsonl"));
    List<JsonNode> lines =
        out.toString()
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
    assertEquals(2, lines.size());
    assertEquals("2024-01-02T03:04:05Z", lines.get(0).get("published").asText());
    assertEquals(lines.get(0).get("story"), lines.get(1).get("story"));
  }
}
