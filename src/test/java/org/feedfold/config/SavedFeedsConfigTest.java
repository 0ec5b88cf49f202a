package org.feedfold.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.feedfold.serve.SavedFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads saved feeds ({@code feed.NAME.*}) from a configuration file. */
class SavedFeedsConfigTest {
  @TempDir Path dir;

  private Path write(String... lines) throws IOException {
    Path f = dir.resolve("feedfold.properties");
    Files.write(f, List.of(lines), StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void readsEachSavedFeedWithItsFilters() throws Exception {
    Path f =
        write(
            "serve.title=News",
            "feed.russia.query=russia OR moscow",
            "feed.russia.min-sources=2",
            "feed.russia.title=Russia, folded",
            "feed.wire.source=Wire Service",
            "feed.wire.since=7d",
            "feed.wire.limit=20");

    List<SavedFeed> feeds = FeedfoldConfig.load(f, dir).serveSettings(null, null).savedFeeds();

    assertEquals(
        List.of(
            new SavedFeed("russia", "Russia, folded", "russia OR moscow", null, null, 2, 0),
            new SavedFeed("wire", null, null, "Wire Service", "7d", 1, 20)),
        feeds.stream().sorted(java.util.Comparator.comparing(SavedFeed::name)).toList());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "feed.russia.colour=red | unknown key 'feed.russia.colour'",
        "feed.Russia!.query=x | feed.Russia!: a saved feed's name",
        "feed.russia.min-sources=0 | feed.russia.min-sources must be 1-100",
        "feed.russia.min-sources=two | feed.russia.min-sources must be a whole number",
        "feed.russia.since=last week | feed.russia.since: ",
        "feed.russia.limit=501 | feed.russia.limit must not exceed serve.max-limit (500)",
      })
  void refusesABadSavedFeedNamingTheLineAndKey(String line, String message) throws IOException {
    Path f = write("serve.title=News", line);

    ConfigException e = assertThrows(ConfigException.class, () -> FeedfoldConfig.load(f, dir));

    assertTrue(e.getMessage().startsWith(f + ":2: " + message), e.getMessage());
  }
}
