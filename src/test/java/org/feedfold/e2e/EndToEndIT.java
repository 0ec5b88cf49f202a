package org.feedfold.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.feedfold.cli.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole pipeline through the CLI against feeds and pages served by WireMock: a wire
 * original that is later updated, a blog copy in other boilerplate, a teaser whose page carries the
 * text, and two different earthquake stories of the same week that must stay apart.
 */
class EndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private WireMockServer http;
  private Path config;

  @BeforeEach
  void serveFixtures() throws IOException {
    http = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    http.start();
    Fixtures.serve(http, "/wire/rss.xml", "wire-v1.xml", "application/rss+xml");
    Fixtures.serve(http, "/blog/atom.xml", "blog.xml", "application/atom+xml");
    Fixtures.serve(http, "/teaser/rss.xml", "teaser.xml", "application/rss+xml");
    Fixtures.serve(http, "/news/quake-toll.html", "quake-toll.html", "text/html; charset=utf-8");
    Path opml = dir.resolve("feeds.opml");
    Files.writeString(
        opml,
        "<opml version=\"2.0\"><head><title>t</title></head><body>"
            + outline("Example Wire", "/wire/rss.xml")
            + outline("Example Blog", "/blog/atom.xml")
            + outline("Example Teasers", "/teaser/rss.xml")
            + "</body></opml>");
    config = dir.resolve("feedfold.properties");
    Files.writeString(
        config,
        "data.dir=" + dir.resolve("data") + "\nfeeds.file=" + opml + "\nfetch.interval=5m\n");
  }

  @AfterEach
  void stop() {
    http.stop();
  }

  private String outline(String title, String path) {
    return "<outline text=\"" + title + "\" xmlUrl=\"" + http.baseUrl() + path + "\"/>";
  }

  private CliRun cli(String... args) {
    return CliRun.run(config, args);
  }

  private List<JsonNode> jsonLines(String out) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String l : out.split("\n")) {
      if (!l.isBlank()) {
        lines.add(JSON.readTree(l));
      }
    }
    return lines;
  }

  private static List<String> sources(JsonNode story) {
    List<String> s = new ArrayList<>();
    story.get("articles").forEach(a -> s.add(a.get("source").asText()));
    return s;
  }

  private static JsonNode storyWithMember(List<JsonNode> stories, String title) {
    for (JsonNode s : stories) {
      for (JsonNode a : s.get("articles")) {
        if (a.get("title").asText().contains(title)) {
          return s;
        }
      }
    }
    throw new AssertionError("no story with a member titled " + title + " in " + stories);
  }

  @Test
  void foldsRepublicationsAndKeepsDifferentStoriesApart() throws Exception {
    CliRun fetch = cli("fetch");
    assertEquals(0, fetch.code(), fetch.out() + fetch.err());
    assertTrue(fetch.out().contains("3 of 3 feeds fetched"), fetch.out());

    List<JsonNode> stories = jsonLines(cli("stories", "--json", "--limit", "50").out());
    assertEquals(3, stories.size(), "one aftershock story, one July quake, one Aegean quake");
    JsonNode quake = storyWithMember(stories, "Aftershocks");
    assertEquals(3, quake.get("size").asInt(), quake.toString());
    assertEquals(
        List.of("Example Wire", "Example Blog", "Example Teasers"),
        sources(quake),
        "members earliest first");
    JsonNode original = quake.get("articles").get(0);
    assertTrue(original.get("original").asBoolean(), "the wire had it first");
    assertEquals(1, countOriginals(quake));
    for (JsonNode other : stories) {
      if (other != quake) {
        assertEquals(1, other.get("size").asInt(), "different events stay apart: " + other);
      }
    }

    // The wire re-issues its story with an update paragraph on top: same story, same id.
    String storyId = quake.get("story").asText();
    String updatedBefore = quake.get("updated").asText();
    Fixtures.serve(http, "/wire/rss.xml", "wire-v2.xml", "application/rss+xml");
    CliRun again = cli("fetch");
    assertEquals(0, again.code(), again.out() + again.err());
    JsonNode after = jsonLines(cli("story", storyId, "--json").out()).get(0);
    assertEquals(storyId, after.get("story").asText());
    assertEquals(3, after.get("size").asInt(), after.toString());
    assertNotEquals(updatedBefore, after.get("updated").asText(), "updated moves on a new version");
    assertEquals(3, jsonLines(cli("stories", "--json").out()).size());

    // --explain says why each member belongs.
    JsonNode explained = jsonLines(cli("story", storyId, "--json", "--explain").out()).get(0);
    List<String> reasons = new ArrayList<>();
    explained.get("explain").forEach(x -> reasons.add(x.get("reason").asText()));
    assertEquals(3, reasons.size(), explained.toString());
    assertTrue(reasons.stream().filter("matched"::equals).count() >= 2, reasons.toString());
    explained
        .get("explain")
        .forEach(
            x -> {
              if (x.get("reason").asText().equals("matched")) {
                assertTrue(x.get("evidence").get("containment").asDouble() >= 0.5, x.toString());
                assertTrue(x.get("shared_passages").size() > 0, x.toString());
              }
            });

    // The teaser's page was fetched and extracted: its text is searchable, boilerplate is not.
    List<JsonNode> hits = jsonLines(cli("search", "landslide", "--json").out());
    assertTrue(hits.stream().anyMatch(h -> h.get("source").asText().equals("Example Teasers")));
    assertEquals(List.of(), jsonLines(cli("search", "\"Celebrity chef\"", "--json").out()));

    // Exports and feed listing work on the same index.
    Map<String, Long> byStory =
        jsonLines(cli("export", "--jsonl").out()).stream()
            .collect(Collectors.groupingBy(a -> a.get("story").asText(), Collectors.counting()));
    assertEquals(3L, byStory.get(storyId));
    List<JsonNode> feeds = jsonLines(cli("feeds", "list", "--json").out());
    assertEquals(3, feeds.size());
    feeds.forEach(f -> assertEquals("ok", f.get("status").asText(), f.toString()));
  }

  private static int countOriginals(JsonNode story) {
    int n = 0;
    for (JsonNode a : story.get("articles")) {
      n += a.get("original").asBoolean() ? 1 : 0;
    }
    return n;
  }

  @Test
  void reportsABrokenFeedAndKeepsTheOthers() throws Exception {
    http.stubFor(
        get(urlPathEqualTo("/blog/atom.xml"))
            .willReturn(aResponse().withStatus(500).withBody("oops")));
    CliRun fetch = cli("fetch");
    assertEquals(1, fetch.code());
    assertTrue(fetch.out().contains("/blog/atom.xml  HTTP 500"), fetch.out());
    assertTrue(fetch.out().contains("2 of 3 feeds fetched"), fetch.out());
    List<JsonNode> feeds = jsonLines(cli("feeds", "list", "--json").out());
    JsonNode blog =
        feeds.stream()
            .filter(f -> f.get("url").asText().endsWith("/blog/atom.xml"))
            .findFirst()
            .orElseThrow();
    assertEquals("failing", blog.get("status").asText());
    assertEquals(1, blog.get("errors").asInt());
    assertEquals(2, jsonLines(cli("stories", "--json").out()).size(), "wire and teaser stories");
  }
}
