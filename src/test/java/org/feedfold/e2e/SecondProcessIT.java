package org.feedfold.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.feedfold.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a daemon runs and writes: a second daemon on the same data directory refuses to start with
 * one clear line and leaves the running daemon's log file alone, and CLI queries (another process,
 * reading the index as last committed) never fail.
 */
class SecondProcessIT {
  private static final Pattern SERVING = Pattern.compile("serving http://");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void secondDaemonRefusesAndQueriesWorkWhileTheDaemonWrites() throws Exception {
    Path data = dir.resolve("data");
    try (Wire wire = new Wire(2, 60)) {
      Path config = wire.daemonConfig(dir, data);
      ScheduledExecutorService publisher =
          Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "second-publisher"));
      publisher.scheduleWithFixedDelay(
          () -> wire.publish((int) (System.nanoTime() & 1)), 0, 200, TimeUnit.MILLISECONDS);
      try (Child daemon = daemon(config)) {
        daemon.await(SERVING, Duration.ofSeconds(60));
        Path log = data.resolve("logs/feedfold.log");
        // The console line comes first; wait for the file appender to write it too.
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(Files.isRegularFile(log) && SERVING.matcher(Files.readString(log)).find())) {
          assertTrue(System.nanoTime() < until, "the daemon logs to " + log);
          Thread.sleep(50);
        }
        String before = Files.readString(log);

        try (Child second = daemon(config)) {
          assertNotEquals(0, second.exit(Duration.ofSeconds(60)), second.output());
          List<String> said = second.output().lines().filter(l -> !l.isBlank()).toList();
          assertEquals(1, said.size(), "one line: " + said);
          assertTrue(said.get(0).contains("in use by another process"), said.get(0));
        }
        String after = Files.readString(log);
        assertTrue(after.startsWith(before), "the log was not rewritten or rolled");
        for (String line : after.substring(before.length()).lines().toList()) {
          assertFalse(
              line.contains("[main]") || line.contains("[feedfold-shutdown]"),
              "written by the second daemon? " + line);
        }

        // Queries while the daemon adds and commits: none fails. Before its first commit there is
        // no index to query (on a loaded machine the first fetch can outlast the second daemon).
        long first = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!daemon.output().contains(": fetched, ")) {
          assertTrue(System.nanoTime() < first, "no fetch after a minute:\n" + daemon.output());
          Thread.sleep(50);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int queries = 0;
        String storyId = null;
        while (System.nanoTime() < deadline || storyId == null) {
          List<JsonNode> stories = jsonLines(cli(config, "stories", "--json", "--limit", "5"));
          if (!stories.isEmpty()) {
            storyId = stories.get(0).get("story").asText();
            assertFalse(cli(config, "story", storyId, "--json").isBlank());
          }
          cli(config, "search", "the", "--json");
          assertTrue(cli(config, "stats").contains("articles"));
          queries += 4;
          assertTrue(
              System.nanoTime() < deadline + Duration.ofSeconds(60).toNanos(),
              "no story after a minute:\n" + daemon.output());
        }
        assertTrue(queries > 8, "ran " + queries + " queries");
        daemon.terminate();
        daemon.exit(Duration.ofSeconds(30));
        assertTrue(daemon.output().contains("stopped"), daemon.output());
      }
      publisher.shutdownNow();
    }
  }

  private static String cli(Path config, String... args) {
    CliRun r = CliRun.run(config, args);
    assertEquals(0, r.code(), String.join(" ", args) + ": " + r.out() + "\n" + r.err());
    return r.out();
  }

  private static List<JsonNode> jsonLines(String out) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String l : out.split("\n")) {
      if (!l.isBlank()) {
        lines.add(JSON.readTree(l));
      }
    }
    return lines;
  }

  private static Child daemon(Path config) throws IOException {
    return Child.start("--config", config.toString(), "daemon", "--port", "0");
  }
}
