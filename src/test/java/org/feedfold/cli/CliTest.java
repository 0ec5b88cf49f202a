package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CliTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.execute(args);
  }

  static Stream<String> commands() {
    return Stream.of(
        "daemon",
        "demo",
        "fetch",
        "feeds",
        "feeds list",
        "feeds add",
        "feeds remove",
        "feeds import",
        "feeds export",
        "search",
        "stories",
        "story",
        "parse",
        "extract",
        "import",
        "export",
        "stats",
        "completion",
        "man");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandHasHelp(String command) {
    String[] args = (command + " --help").split(" ");
    CliRun r = run(args);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Usage: feedfold " + command), r.out());
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun r = run("stories", "--frobnicate");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Unknown option: '--frobnicate'"), r.err());
  }

  @Test
  void badSinceIsAUsageError() {
    CliRun r = run("stories", "--since", "last tuesday");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("since must be an ISO-8601 instant"), r.err());
  }

  @Test
  void badConfigFailsNamingFileLineAndKey() throws Exception {
    Path config = dir.resolve("f.properties");
    Files.writeString(config, "http.port=8080\nfetch.timeout=3s\n");
    CliRun r = run("--config", config.toString(), "stats");
    assertEquals(2, r.code());
    assertTrue(r.err().contains(config + ":2: unknown key 'fetch.timeout'"), r.err());
  }

  @Test
  void feedsListWorksBeforeAnythingWasFetched() throws Exception {
    Path opml = dir.resolve("feeds.opml");
    Path config = dir.resolve("f.properties");
    Files.writeString(config, "feeds.file=" + opml + "\ndata.dir=" + dir.resolve("data") + "\n");
    assertEquals(
        0,
        run("--config", config.toString(), "feeds", "add", "--no-check", "https://a.example/f")
            .code());
    CliRun r = run("--config", config.toString(), "feeds", "list", "--json");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\"url\":\"https://a.example/f\""), r.out());
    assertTrue(r.out().contains("\"last_fetched\":null"), r.out());
    CliRun stories = run("--config", config.toString(), "stories");
    assertEquals(1, stories.code());
    assertTrue(stories.err().contains("no index in"), stories.err());
  }

  @Test
  void versionNamesFeedfold() {
    CliRun r = run("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("feedfold "), r.out());
  }
}
