package org.feedfold.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedfold.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the daemon runs (and holds the index), {@code feedfold fetch} asks it to fetch now over its
 * loopback control path ({@code POST /api/fetch}) and prints what an in-process fetch prints;
 * {@code import} is refused with one line saying why.
 */
class DaemonFetchIT {
  private static final Pattern SERVING = Pattern.compile("serving (http://\\S+/)feed\\.atom");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void fetchAsksTheRunningDaemonAndImportIsRefused() throws Exception {
    Path data = dir.resolve("data");
    try (Wire wire = new Wire(2, 10)) {
      wire.publish(0);
      wire.publish(1);
      Path config = config(wire, data);
      try (Child daemon = Child.start("--config", config.toString(), "daemon", "--port", "0")) {
        Matcher serving = daemon.await(SERVING, Duration.ofSeconds(60));
        URI base = URI.create(serving.group(1));
        Path control = data.resolve("daemon.json");
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (wire.fetches() < 2 || !Files.exists(control)) {
          assertTrue(
              System.nanoTime() < until, "first pass and " + control + ": " + daemon.output());
          Thread.sleep(50);
        }
        JsonNode said = JSON.readTree(Files.readString(control));
        assertEquals(base.getPort(), said.get("port").asInt());
        assertEquals(daemon.process().pid(), said.get("pid").asLong());

        wire.publish(0);
        CliRun all = cli(config, "fetch");
        assertEquals(0, all.code(), all.out() + all.err());
        List<String> lines = all.out().lines().toList();
        assertTrue(
            lines.contains(
                String.format(
                    Locale.ROOT,
                    "%-13s %s  %d entries, %d new, %d changed",
                    "fetched",
                    wire.feed(0),
                    2,
                    1,
                    0)),
            all.out());
        assertTrue(
            lines.stream()
                .anyMatch(
                    l -> l.contains(" " + wire.feed(1) + "  ") && l.endsWith(" 0 new, 0 changed")),
            all.out());
        assertEquals("2 of 2 feeds fetched", lines.get(lines.size() - 1));

        CliRun one = cli(config, "fetch", "--feed", wire.feed(1).toString());
        assertEquals(0, one.code(), one.out() + one.err());
        assertEquals("1 of 1 feeds fetched", one.out().lines().reduce((a, b) -> b).orElseThrow());
        assertFalse(one.out().contains(wire.feed(0).toString()), one.out());

        Path jsonl =
            Files.writeString(
                dir.resolve("a.jsonl"), "{\"id\":\"x\",\"title\":\"t\",\"text\":\"x\"}\n");
        CliRun imp = cli(config, "import", jsonl.toString());
        assertEquals(1, imp.code());
        List<String> why = imp.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, why.size(), imp.err());
        assertTrue(why.get(0).contains("daemon"), why.get(0));

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> queued =
            http.send(
                HttpRequest.newBuilder(base.resolve("/api/fetch"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, queued.statusCode(), queued.body());
        assertEquals(2, JSON.readTree(queued.body()).get("queued").size(), queued.body());
        HttpResponse<String> get =
            http.send(
                HttpRequest.newBuilder(base.resolve("/api/fetch")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> post =
            http.send(
                HttpRequest.newBuilder(base.resolve("/feed.atom"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());

        daemon.terminate();
        daemon.exit(Duration.ofSeconds(30));
        assertFalse(Files.exists(control), "removed on a clean exit");
      }
      // No daemon: fetch runs in process again, a stale file is no obstacle.
      Process gone = new ProcessBuilder("true").start();
      gone.waitFor();
      Files.writeString(
          data.resolve("daemon.json"),
          "{\"pid\":" + gone.pid() + ",\"port\":1,\"url\":\"http://127.0.0.1:1/\"}");
      CliRun alone = cli(config, "fetch");
      assertEquals(0, alone.code(), alone.out() + alone.err());
    }
  }

  private static CliRun cli(Path config, String... args) {
    return CliRun.run(config, args);
  }

  /** Polls once an hour: after the first pass, only the fetches the test asks for happen. */
  private static Path config(Wire wire, Path data) throws Exception {
    Path base = wire.daemonConfig(data.getParent(), data);
    String text =
        Files.readString(base)
            .replace("fetch.interval=1s", "fetch.interval=1h")
            .replace("fetch.min-interval=1s", "fetch.min-interval=1h");
    return Files.writeString(base, text);
  }
}
