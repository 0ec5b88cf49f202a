package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A query that does not parse is a usage error: one line on stderr, exit code 2. */
class BadQueryTest {
  @TempDir Path dir;
  Path data;

  private static CliRun run(String... args) {
    return CliRun.execute(args);
  }

  @BeforeEach
  void indexOneArticle() throws Exception {
    Path file = dir.resolve("in.jsonl");
    Files.writeString(
        file,
        "{\"id\":\"a\",\"url\":\"https://a.example/1\",\"title\":\"Bridge opens\",\"text\":\"The"
            + " new bridge over the river opened to traffic on Monday morning.\","
            + "\"published\":\"2026-11-02T03:04:05Z\",\"source\":\"A\"}\n",
        StandardCharsets.UTF_8);
    data = dir.resolve("data");
    CliRun r = run("--data", data.toString(), "import", file.toString());
    assertEquals(0, r.code(), r.err());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "search|title:(foo AND|column 15",
        "search|\"unclosed phrase|column 17",
        "search|AND|column 1",
        "search|*ridge|column 1",
        "search|/br.*/|column 1",
        "stories --query|title:(foo AND|column 15",
      })
  void badQueryPrintsOneLineNamingColumnAndExitsTwo(String command, String query, String where) {
    String[] cmd = command.split(" ");
    String[] args = new String[cmd.length + 3];
    args[0] = "--data";
    args[1] = data.toString();
    System.arraycopy(cmd, 0, args, 2, cmd.length);
    args[args.length - 1] = query;

    CliRun r = run(args);

    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("bad query"), r.err());
    assertTrue(r.err().contains(where), r.err());
    assertFalse(r.err().contains("lucene"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void goodQueryStillFinds() {
    CliRun r = run("--data", data.toString(), "search", "title:bridge AND river");

    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Bridge opens"), r.out());
  }

  @Test
  void overlongQueryIsRefused() {
    CliRun r = run("--data", data.toString(), "search", "bridge ".repeat(300));

    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("longer than"), r.err());
  }
}
