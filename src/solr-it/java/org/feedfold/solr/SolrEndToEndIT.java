package org.feedfold.solr;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.feedfold.cli.Main;
import org.feedfold.e2e.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs the first issue's end-to-end scenario (EndToEndIT's fixtures: a wire original later updated,
 * a blog copy, a teaser whose page has the text, two other earthquake stories) through the CLI
 * twice, on the embedded Lucene index and on SolrCloud, and asks both the same questions.
 */
@ExtendWith(SolrCluster.class)
class SolrEndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private WireMockServer http;
  private Path lucene;
  private Path solr;

  @BeforeEach
  void serve(SolrCluster.Running cluster) throws Exception {
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
    String common = "feeds.file=" + opml + "\nfetch.interval=5m\n";
    lucene = dir.resolve("lucene.properties");
    Files.writeString(lucene, common + "data.dir=" + dir.resolve("lucene") + "\n");
    solr = dir.resolve("solr.properties");
    Files.writeString(
        solr,
        common
            + "data.dir="
            + dir.resolve("solr")
            + "\nstore.type=solr\nstore.solr.zk-hosts="
            + cluster.zkHost()
            + "\nstore.solr.collection="
            + cluster.newCollection("e2e")
            + "\n");
  }

  @AfterEach
  void stop() {
    http.stop();
  }

  private String outline(String title, String path) {
    return "<outline text=\"" + title + "\" xmlUrl=\"" + http.baseUrl() + path + "\"/>";
  }

  @Test
  void foldsTheSameStoriesOnSolrAsOnLucene() throws Exception {
    assertEquals(0, cli(lucene, "fetch").code(), "lucene fetch");
    Run fetched = cli(solr, "fetch");
    assertEquals(0, fetched.code(), fetched.out() + fetched.err());

    List<String> stories = stories(lucene);
    assertEquals(3, stories.size(), stories.toString());
    assertEquals(stories, stories(solr));

    // The wire re-issues its story with an update on top: same story id, same members.
    Fixtures.serve(http, "/wire/rss.xml", "wire-v2.xml", "application/rss+xml");
    assertEquals(0, cli(lucene, "fetch").code());
    assertEquals(0, cli(solr, "fetch").code());
    assertEquals(stories(lucene), stories(solr));
    assertEquals(search(lucene, "landslide"), search(solr, "landslide"));
    assertEquals(search(lucene, "title:aftershocks"), search(solr, "title:aftershocks"));
    assertEquals(story(lucene, firstStory(lucene)), story(solr, firstStory(solr)));

    // The CLI's explain and stats answer on Solr as on Lucene.
    Run explained = cli(solr, "story", firstStory(solr), "--explain", "--json");
    assertEquals(0, explained.code(), explained.err());
    assertEquals(
        JSON.readTree(cli(lucene, "story", firstStory(lucene), "--explain", "--json").out())
            .get("explain")
            .size(),
        JSON.readTree(explained.out()).get("explain").size());
    JsonNode stats = JSON.readTree(cli(solr, "stats", "--json").out());
    assertEquals(
        JSON.readTree(cli(lucene, "stats", "--json").out()).get("articles"), stats.get("articles"));
    assertTrue(stats.get("index_bytes").asLong() > 0, stats.toString());
  }

  /**
   * Returns each story as title, url and its members (id, source, original), sorted. Not the
   * story's id: it derives from the article that founded it, and the fetch's parallel feeds decide
   * which arrives first, run to run, on either store.
   */
  private List<String> stories(Path config) throws IOException {
    Run r = cli(config, "stories", "--json", "--limit", "50");
    assertEquals(0, r.code(), r.err());
    List<String> out = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      if (!line.isBlank()) {
        out.add(describe(JSON.readTree(line)));
      }
    }
    out.sort(null);
    return out;
  }

  /** Returns the id of the most recently updated story. */
  private String firstStory(Path config) throws IOException {
    return JSON.readTree(cli(config, "stories", "--json").out().split("\n")[0])
        .get("story")
        .asText();
  }

  private String story(Path config, String id) throws IOException {
    Run r = cli(config, "story", id, "--json");
    assertEquals(0, r.code(), r.err());
    // Not compared: the times (each store's fetch ran at its own moment).
    JsonNode story = JSON.readTree(r.out());
    List<String> versions = new ArrayList<>();
    for (JsonNode v : story.get("versions")) {
      JsonNode copy = v.deepCopy();
      ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("time");
      versions.add(copy.toString());
    }
    versions.sort(null);
    return describe(story) + " versions=" + versions;
  }

  private static String describe(JsonNode s) {
    StringBuilder b = new StringBuilder();
    b.append(s.get("title").asText())
        .append(' ')
        .append(s.get("url").asText())
        .append(" size=")
        .append(s.get("size").asInt());
    for (JsonNode a : s.get("articles")) {
      b.append(" [")
          .append(a.get("id").asText())
          .append(' ')
          .append(a.get("source").asText())
          .append(a.get("original").asBoolean() ? " original" : "")
          .append(']');
    }
    return b.toString();
  }

  private TreeSet<String> search(Path config, String q) throws IOException {
    Run r = cli(config, "search", q, "--json", "--all");
    assertEquals(0, r.code(), r.err());
    TreeSet<String> out = new TreeSet<>();
    for (String line : r.out().split("\n")) {
      if (!line.isBlank()) {
        JsonNode h = JSON.readTree(line);
        out.add(h.get("id").asText());
      }
    }
    return out;
  }

  private record Run(int code, String out, String err) {}

  private static Run cli(Path config, String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of("--config", config.toString()));
    all.addAll(List.of(args));
    int code = cli.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }
}
