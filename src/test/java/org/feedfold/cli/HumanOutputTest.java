package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * People's output of {@code stories} and {@code feeds list}: aligned, relative, unstyled off a
 * terminal.
 */
class HumanOutputTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.execute(args);
  }

  @Test
  void storiesShowRelativeTimesAndFitTheWidth() throws Exception {
    Path data = dir.resolve("data");
    Path file = Path.of(getClass().getResource("/cli/search.jsonl").toURI());
    assertEquals(0, run("--data", data.toString(), "import", file.toString()).code());
    CliRun r = run("--data", data.toString(), "stories");
    assertEquals(0, r.code(), r.err());
    assertFalse(r.out().contains("T03:04:05Z"), r.out());
    assertTrue(r.out().contains("3 articles, updated "), r.out());
    assertTrue(r.out().contains("*  2024-01-02  Wire Service"), r.out());
    assertFalse(r.out().contains("\u001b["), r.out());
    for (String line : r.out().lines().toList()) {
      assertTrue(line.length() <= Terminal.DEFAULT_WIDTH, line);
    }
    CliRun styled = run("--data", data.toString(), "--color=always", "stories");
    assertTrue(styled.out().contains("\u001b["), styled.out());
  }

  @Test
  void feedsListAlignsColumns() throws Exception {
    Path opml = dir.resolve("feeds.opml");
    Path config = dir.resolve("f.properties");
    Files.writeString(config, "feeds.file=" + opml + "\ndata.dir=" + dir.resolve("data") + "\n");
    for (String url : List.of("https://a.example/f", "https://longer.example/news/feed.xml")) {
      run("--config", config.toString(), "feeds", "add", "--no-check", "--title", "T", url);
    }
    CliRun r = run("--config", config.toString(), "feeds", "list");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(2, lines.size(), r.out());
    assertEquals(lines.get(0).indexOf(" T "), lines.get(1).indexOf(" T "), r.out());
  }
}
