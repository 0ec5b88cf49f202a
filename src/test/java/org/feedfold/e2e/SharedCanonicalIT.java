package org.feedfold.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cli.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetches a republisher whose CMS declares one canonical URL (its home page) on every page, and a
 * wire that published one of its stories first: every article is kept and the wire stays the
 * original (issue 9). Texts are Wikinews articles from the clustering fixture.
 */
class SharedCanonicalIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<ClusterCorpus.Original> WIKI = ClusterCorpus.wikinews();
  private static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");
  private static final int PAGES = 7;

  /** The republisher's page {@link #COPY} carries the wire's story {@link #WIRE_STORY}. */
  private static final int COPY = 3;

  private static final int WIRE_STORY = 40;

  @TempDir Path dir;
  private WireMockServer http;
  private Path config;

  @BeforeEach
  void serve() throws IOException {
    http = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    http.start();
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < PAGES; i++) {
      int story = i == COPY ? WIRE_STORY : 50 + i;
      String link = http.baseUrl() + "/rep/" + i + ".html";
      // The republisher's copy appears an hour after the wire; its other pages before.
      Instant at = i == COPY ? T0.plusSeconds(3600) : T0.minusSeconds(3600L * (PAGES - i));
      items.append(
          "<item><guid>rep-"
              + i
              + "</guid><title>"
              + WIKI.get(story).title()
              + "</title><link>"
              + link
              + "</link><pubDate>"
              + rfc822(at)
              + "</pubDate><description>A short teaser. Read more</description></item>");
      stub("/rep/" + i + ".html", page(story), "text/html; charset=utf-8");
    }
    stub("/rep/rss.xml", rss("Republisher", items.toString()), "application/rss+xml");
    String wireItem =
        "<item><guid>wire-1</guid><title>"
            + WIKI.get(WIRE_STORY).title()
            + "</title><link>"
            + http.baseUrl()
            + "/wire/1.html</link><pubDate>"
            + rfc822(T0)
            + "</pubDate><description><![CDATA["
            + paragraphs(WIRE_STORY)
            + "]]></description></item>";
    stub("/wire/rss.xml", rss("Example Wire", wireItem), "application/rss+xml");
    Path opml = dir.resolve("feeds.opml");
    Files.writeString(
        opml,
        "<opml version=\"2.0\"><head/><body>"
            + "<outline text=\"Republisher\" xmlUrl=\""
            + http.baseUrl()
            + "/rep/rss.xml\"/>"
            + "<outline text=\"Example Wire\" xmlUrl=\""
            + http.baseUrl()
            + "/wire/rss.xml\"/>"
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

  @Test
  void keepsEveryArticleOfASiteWhosePagesShareOneCanonicalAndTheWireAsOriginal() throws Exception {
    String fetched = cli("fetch");
    assertTrue(fetched.contains("2 of 2 feeds fetched"), fetched);

    List<JsonNode> exported = jsonLines(cli("export", "--jsonl"));
    assertEquals(PAGES + 1, exported.size(), "every fetched article is kept: " + exported);
    Set<String> titles =
        exported.stream().map(a -> a.get("title").asText()).collect(Collectors.toSet());
    for (int i = 0; i < PAGES; i++) {
      assertTrue(
          titles.contains(WIKI.get(i == COPY ? WIRE_STORY : 50 + i).title()), titles::toString);
    }

    List<JsonNode> stories = jsonLines(cli("stories", "--json", "--limit", "50"));
    assertEquals(PAGES, stories.size(), "the copy folds into the wire's story, nothing else");
    JsonNode wire = null;
    for (JsonNode s : stories) {
      if (s.get("size").asInt() == 2) {
        wire = s;
      } else {
        assertEquals(1, s.get("size").asInt(), s.toString());
      }
    }
    assertTrue(wire != null, "one story has the wire and the copy: " + stories);
    JsonNode first = wire.get("articles").get(0);
    assertEquals("Example Wire", first.get("source").asText(), wire.toString());
    assertTrue(first.get("original").asBoolean(), "the wire published first: " + wire);
    assertEquals(false, wire.get("articles").get(1).get("original").asBoolean(), wire.toString());
  }

  private String cli(String... args) {
    CliRun r = CliRun.run(config, args);
    assertEquals(0, r.code(), r.out() + "\n" + r.err());
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

  private void stub(String path, String body, String type) {
    http.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(aResponse().withHeader("Content-Type", type).withBody(body)));
  }

  private String page(int story) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + WIKI.get(story).title()
        + " | Republisher</title><link rel=\"canonical\" href=\""
        + http.baseUrl()
        + "/rep/\"></head><body><header><nav><a href=\"/\">Home</a> | <a href=\"/world\">"
        + "World</a></nav></header><article><h1>"
        + WIKI.get(story).title()
        + "</h1>"
        + paragraphs(story)
        + "</article><footer>Copyright Republisher</footer></body></html>";
  }

  private static String paragraphs(int story) {
    StringBuilder b = new StringBuilder();
    for (String p : WIKI.get(story).paragraphs()) {
      b.append("<p>").append(escape(p)).append("</p>");
    }
    return b.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String rss(String title, String items) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>"
        + title
        + "</title><link>http://example/</link><description>d</description>"
        + items
        + "</channel></rss>";
  }

  private static String rfc822(Instant t) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
  }
}
