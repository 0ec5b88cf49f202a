package org.feedfold.e2e;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the daemon as its own process against WireMock feeds, reads the merged feed over HTTP as a
 * feed reader would, picks up an OPML edit without a restart, and stops it with SIGTERM.
 */
class DaemonIT {
  private static final Pattern SERVING = Pattern.compile("serving (http://\\S+/)feed\\.atom");

  @TempDir Path dir;
  private WireMockServer http;
  private Process daemon;
  private final BlockingQueue<String> log = new LinkedBlockingQueue<>();
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void serveFixtures() throws IOException {
    http = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    http.start();
    Fixtures.serve(http, "/wire/rss.xml", "wire-v1.xml", "application/rss+xml");
    Fixtures.serve(http, "/blog/atom.xml", "blog.xml", "application/atom+xml");
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (daemon != null && daemon.isAlive()) {
      daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    http.stop();
  }

  private String outline(String path) {
    return "<outline text=\"" + path + "\" xmlUrl=\"" + http.baseUrl() + path + "\"/>";
  }

  private void writeOpml(Path opml, String... paths) throws IOException {
    StringBuilder b = new StringBuilder("<opml version=\"2.0\"><head/><body>");
    for (String p : paths) {
      b.append(outline(p));
    }
    Files.writeString(opml, b.append("</body></opml>").toString());
  }

  @Test
  void servesTheMergedFeedAndStopsGracefully() throws Exception {
    Path opml = dir.resolve("feeds.opml");
    writeOpml(opml, "/wire/rss.xml");
    Path config = dir.resolve("feedfold.properties");
    Files.writeString(config, "data.dir=" + dir.resolve("data") + "\nfeeds.file=" + opml + "\n");
    daemon =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "-Dfeedfold.home=" + Path.of("").toAbsolutePath(),
                "org.feedfold.cli.Main",
                "--config",
                config.toString(),
                "daemon",
                "--port",
                "0")
            .redirectErrorStream(true)
            .start();
    Thread reader = new Thread(this::drainLog, "daemon-log");
    reader.setDaemon(true);
    reader.start();
    URI base = URI.create(awaitLog(SERVING, Duration.ofSeconds(60)).group(1));

    assertEquals("ok", httpGet(base.resolve("healthz")).body().strip());
    SyndFeed merged = awaitFeed(base.resolve("feed.atom"), 2);
    assertEquals(2, merged.getEntries().size(), "one entry per story");

    // Subscribing to the blog by editing the OPML needs no restart; its copy folds into a story.
    writeOpml(opml, "/wire/rss.xml", "/blog/atom.xml");
    merged = awaitFeed(base.resolve("feed.atom"), 3);
    assertEquals(3, merged.getEntries().size(), "the Aegean story is new; the copy folded");
    // Exactly one story was carried by both outlets; the story API explains it.
    int folded = 0;
    for (SyndEntry entry : merged.getEntries()) {
      String storyId = entry.getUri().substring("urn:feedfold:story:".length());
      HttpResponse<String> api = httpGet(base.resolve("stories/" + storyId + ".json"));
      assertEquals(200, api.statusCode(), api.body());
      assertTrue(api.body().contains("\"explain\""), api.body());
      if (api.body().contains("\"size\":2")) {
        folded++;
        assertTrue(api.body().contains("\"reason\":\"matched\""), api.body());
      }
    }
    assertEquals(1, folded, "the blog copy folded into the wire story");
    assertEquals(404, httpGet(base.resolve("stories/nope.json")).statusCode());

    HttpResponse<String> rss = httpGet(base.resolve("feed.rss"));
    assertEquals(200, rss.statusCode());
    assertEquals(3, new SyndFeedInput().build(new StringReader(rss.body())).getEntries().size());

    daemon.toHandle().destroy(); // SIGTERM, keeping our end of its output open
    assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "daemon stops within a minute");
    awaitLog(Pattern.compile("stopped"), Duration.ofSeconds(5));
  }

  private SyndFeed awaitFeed(URI uri, int entries) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    SyndFeed feed = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = httpGet(uri);
      assertEquals(200, r.statusCode(), r.body());
      feed = new SyndFeedInput().build(new StringReader(r.body()));
      if (feed.getEntries().size() >= entries) {
        return feed;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("feed never reached " + entries + " entries: " + titles(feed));
  }

  private static List<String> titles(SyndFeed feed) {
    return feed == null ? List.of() : feed.getEntries().stream().map(SyndEntry::getTitle).toList();
  }

  private HttpResponse<String> httpGet(URI uri) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private void drainLog() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        log.add(line);
      }
    } catch (IOException e) {
      log.add("log reader failed: " + e);
    }
  }

  private Matcher awaitLog(Pattern pattern, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    StringBuilder seen = new StringBuilder();
    while (System.nanoTime() < deadline) {
      String line = log.poll(100, TimeUnit.MILLISECONDS);
      if (line != null) {
        seen.append(line).append('\n');
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m;
        }
      }
    }
    throw new AssertionError("daemon never logged " + pattern + "; it said:\n" + seen);
  }
}
