package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.FeedState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stats} over four subscriptions: one fetched, one failing, one gone, one never fetched. */
class StatsCommandTest {
  @TempDir Path dir;
  Path config;

  private CliRun run(String... args) {
    return CliRun.run(config, args);
  }

  @BeforeEach
  void subscriptionsWithStates() throws Exception {
    config = dir.resolve("f.properties");
    Files.writeString(
        config, "feeds.file=" + dir.resolve("feeds.opml") + "\ndata.dir=" + dir.resolve("data"));
    for (String f : new String[] {"ok", "slow", "gone", "new"}) {
      assertEquals(0, run("feeds", "add", "--no-check", "https://" + f + ".example/feed").code());
    }
    Path file = Path.of(getClass().getResource("/cli/search.jsonl").toURI());
    assertEquals(0, run("import", file.toString()).code());
    Instant t = Instant.parse("2026-11-30T10:00:00Z");
    FeedfoldConfig c = FeedfoldConfig.load(config, dir);
    try (ArticleIndex index =
        ArticleIndex.open(
            c.dataDir().resolve("index"), c.clusterSettings(), InstantSource.fixed(t))) {
      index.putFeedState(
          FeedState.initial("https://ok.example/feed").attempted(t, null, 0, null, false));
      index.putFeedState(
          FeedState.initial("https://slow.example/feed")
              .attempted(t.minusSeconds(60), null, 2, "connect timed out after 10s", false));
      index.putFeedState(
          FeedState.initial("https://gone.example/feed")
              .attempted(t.minusSeconds(3600), null, 1, "HTTP 410 (gone)", true));
      index.commit();
    }
  }

  @Test
  void jsonCountsFeedsByStatusAndErrorsByKind() throws Exception {
    CliRun r = run("stats", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode n = Json.mapper().readTree(r.out());
    assertEquals(4, n.get("articles").asInt());
    assertEquals(2, n.get("stories").asInt());
    assertEquals(4, n.get("feeds").asInt());
    assertEquals(1, n.get("feeds_ok").asInt());
    assertEquals(1, n.get("feeds_failing").asInt());
    assertEquals(1, n.get("feeds_disabled").asInt());
    assertEquals(1, n.get("feeds_never_fetched").asInt());
    assertEquals("2026-11-30T10:00:00Z", n.get("last_fetch").asText());
    assertEquals(1, n.get("errors_by_kind").get("timeout").asInt());
    assertEquals(1, n.get("errors_by_kind").get("gone").asInt());
    assertTrue(n.get("index_bytes").asLong() > 0);
  }

  @Test
  void humanOutputNamesEachFigure() {
    CliRun r = run("stats");
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out().contains("feeds       4: 1 ok, 1 failing, 1 disabled, 1 never fetched"), r.out());
    assertTrue(r.out().contains("errors      gone 1, timeout 1"), r.out());
    assertTrue(r.out().contains("(2026-11-30T10:00:00Z)"), r.out());
    assertTrue(r.out().matches("(?s).*index size  \\d+\\.\\d [KM]iB.*"), r.out());
  }
}
