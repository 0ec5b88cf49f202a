package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.feedfold.cli.Main;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.extract.ArticleExtractor;
import org.feedfold.extract.PageSource;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.ExtractedArticle;
import org.feedfold.model.FeedEntry;
import org.feedfold.model.ParsedFeed;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.feedfold.parse.FeedParser;
import org.feedfold.parse.FeedSource;
import org.jsoup.nodes.Entities;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Pushes every vector of {@code serve/xss-vectors.csv} in through a feed, a page and an import, out
 * through the Atom, RSS and JSON Feed renderers and the story JSON, parses each output back (Rome,
 * Jackson) and checks with jsoup that no HTML field can run script and no emitted link has a scheme
 * that runs code (issue 9).
 */
class OutputSafetyTest {
  private static final String VECTORS = "/serve/xss-vectors.csv";
  private static final URI BASE = URI.create("http://feeds.example/");
  private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path data;

  /** The imported stories by vector name. */
  static final Map<String, Story> imported = new HashMap<>();

  /** Imports one line per vector through {@code feedfold import}, as a user would. */
  @BeforeAll
  static void importEveryVector() throws Exception {
    Path vectors = Path.of(OutputSafetyTest.class.getResource(VECTORS).toURI());
    List<String> lines = new ArrayList<>();
    for (String row : Files.readAllLines(vectors, StandardCharsets.UTF_8)) {
      if (row.isBlank() || row.startsWith("#") || row.startsWith("field|")) {
        continue;
      }
      String[] v = row.split("\\|", 3);
      lines.add(importLine(v[0], v[1], v[2].strip()));
    }
    Path file = data.resolve("vectors.jsonl");
    Files.write(file, lines, StandardCharsets.UTF_8);
    StringWriter err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    assertEquals(
        0, cli.execute("--data", data.toString(), "import", file.toString()), err::toString);
    try (ArticleIndex index =
        ArticleIndex.openReadOnly(
            data.resolve("index"), ClusterSettings.defaults(), InstantSource.system())) {
      for (Story s : index.stories(null, null, 1000)) {
        for (StoryMember m : s.articles()) {
          imported.put(m.id(), s);
        }
      }
    }
  }

  private static String importLine(String field, String name, String payload) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", name);
    n.put("url", field.equals("link") ? payload : "https://outlet.example/" + name);
    n.put("title", field.equals("title") ? payload : "Vector " + name);
    n.put("source", field.equals("source") ? payload : "Outlet");
    n.put("published", T0.toString());
    String body = field.equals("body") ? payload : "";
    n.put("html", "<p>" + filler(name, 0) + "</p>" + body + "<p>" + filler(name, 1) + "</p>");
    return n.toString();
  }

  /** Returns words no other vector uses, so that no two imported vectors form one story. */
  private static String filler(String name, int part) {
    StringBuilder b = new StringBuilder();
    long h = name.hashCode() * 31L + part;
    for (int i = 0; i < 60; i++) {
      h = h * 6364136223846793005L + 1442695040888963407L;
      b.append(Long.toString((h >>> 20) | (1L << 40), 36)).append(' ');
    }
    return b.toString().strip();
  }

  @Nested
  class FromImport {
    @ParameterizedTest(name = "{0} {1}")
    @CsvFileSource(
        resources = VECTORS,
        delimiter = '|',
        quoteCharacter = '`',
        numLinesToSkip = 1,
        ignoreLeadingAndTrailingWhitespace = true)
    void runsNoScriptInAnyOutput(String field, String name, String payload) throws Exception {
      Story story = imported.get(name);

      assertNotNull(story, () -> name + " was not imported");
      assertEquals(1, story.size(), () -> name + " clustered with " + story.articles());
      assertInert(story);
    }
  }

  @Nested
  class FromFeed {
    @ParameterizedTest(name = "{0} {1}")
    @CsvFileSource(
        resources = VECTORS,
        delimiter = '|',
        quoteCharacter = '`',
        numLinesToSkip = 1,
        ignoreLeadingAndTrailingWhitespace = true)
    void runsNoScriptInAnyOutput(String field, String name, String payload) throws Exception {
      String title = field.equals("title") ? payload : "Vector " + name;
      String link = field.equals("link") ? payload : "https://outlet.example/" + name;
      String source = field.equals("source") ? payload : "Outlet";
      String body = "<p>" + filler(name, 0) + "</p>" + (field.equals("body") ? payload : "");
      String rss =
          "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>"
              + xml(source)
              + "</title><link>https://outlet.example/</link><item><title>"
              + xml(title)
              + "</title><link>"
              + xml(link)
              + "</link><guid isPermaLink=\"false\">"
              + name
              + "</guid><description>"
              + xml(body)
              + "</description></item></channel></rss>";
      ParsedFeed feed =
          new FeedParser()
              .parse(
                  rss.getBytes(StandardCharsets.UTF_8),
                  new FeedSource(
                      URI.create("https://outlet.example/feed.xml"), "application/rss+xml", null));
      FeedEntry e = feed.entries().get(0);
      // What `feedfold parse` prints is a reader's view too.
      assertEquals(List.of(), ActiveContent.in(e.summary().html()), e.summary().html());
      ExtractedArticle a =
          new ArticleExtractor().extractFragment(e.summary().html(), new PageSource(null, null));

      assertInert(story(e.title(), e.link(), feed.feed().title(), a));
    }
  }

  @Nested
  class FromPage {
    @ParameterizedTest(name = "{0} {1}")
    @CsvFileSource(
        resources = VECTORS,
        delimiter = '|',
        quoteCharacter = '`',
        numLinesToSkip = 1,
        ignoreLeadingAndTrailingWhitespace = true)
    void runsNoScriptInAnyOutput(String field, String name, String payload) throws Exception {
      String title = field.equals("title") ? payload : "Vector " + name;
      String link = field.equals("link") ? payload : "https://outlet.example/" + name;
      String source = field.equals("source") ? payload : "Outlet";
      String body = field.equals("body") ? payload : "";
      String page =
          "<!doctype html><html><head><title>"
              + Entities.escape(title)
              + "</title><link rel=\"canonical\" href=\""
              + Entities.escape(link)
              + "\"><meta property=\"og:site_name\" content=\""
              + Entities.escape(source)
              + "\"></head><body><article><h1>Vector</h1><p>"
              + filler(name, 0)
              + "</p>"
              + body
              + "<p>"
              + filler(name, 1)
              + "</p></article></body></html>";
      ExtractedArticle a =
          new ArticleExtractor()
              .extract(
                  page.getBytes(StandardCharsets.UTF_8),
                  new PageSource(URI.create("https://outlet.example/" + name), "text/html"));

      assertInert(story(a.title(), a.canonical(), a.siteName(), a));
    }
  }

  private static Story story(String title, String url, String source, ExtractedArticle a) {
    return new Story(
        "s1",
        title,
        url,
        a.html(),
        a.text(),
        T0,
        T0,
        List.of(new StoryMember("a1", url, title, source, T0, true)));
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Renders {@code story} every way we serve it and checks each output parsed back. */
  static void assertInert(Story story) throws Exception {
    List<Story> one = List.of(story);
    assertAtomInert(AtomRenderer.render(FeedView.of("Feedfold", BASE, "feed.atom", one)));
    assertRssInert(RssRenderer.render(FeedView.of("Feedfold", BASE, "feed.rss", one)));
    assertJsonFeedInert(JsonFeedRenderer.render(FeedView.of("Feedfold", BASE, "feed.json", one)));
    assertStoryJsonInert(JsonFeedRenderer.bytes(StoryJson.story(story)));
  }

  private static void assertAtomInert(byte[] bytes) throws Exception {
    Feed feed = RenderersTest.wire(bytes, Feed.class);
    for (Entry e : feed.getEntries()) {
      for (Content c : e.getContents()) {
        assertEquals(List.of(), ActiveContent.in(c.getValue()), c.getValue());
      }
      // RFC 4287 3.1: a text construct without type="html" is shown as text, never parsed.
      String type = e.getTitleEx().getType();
      assertFalse(type != null && type.toLowerCase(Locale.ROOT).contains("html"), type);
      List<Link> links = new ArrayList<>(e.getAlternateLinks());
      links.addAll(e.getOtherLinks());
      if (e.getSource() != null) {
        links.addAll(e.getSource().getAlternateLinks());
      }
      for (Link l : links) {
        assertFalse(ActiveContent.isRunnableUrl(l.getHref()), l.getHref());
      }
    }
  }

  private static void assertRssInert(byte[] bytes) throws Exception {
    Channel channel = RenderersTest.wire(bytes, Channel.class);
    for (Item item : channel.getItems()) {
      String html = item.getDescription().getValue();
      assertEquals(List.of(), ActiveContent.in(html), html);
      assertFalse(ActiveContent.isRunnableUrl(item.getLink()), item.getLink());
    }
  }

  private static void assertJsonFeedInert(byte[] bytes) throws Exception {
    JsonNode feed = JSON.readTree(bytes);
    for (JsonNode item : feed.get("items")) {
      String html = item.get("content_html").asText();
      assertEquals(List.of(), ActiveContent.in(html), html);
      assertFalse(ActiveContent.isRunnableUrl(item.path("url").asText(null)), item::toString);
      for (JsonNode o : item.get("_feedfold").get("outlets")) {
        assertFalse(ActiveContent.isRunnableUrl(o.path("url").asText(null)), o::toString);
      }
    }
  }

  private static void assertStoryJsonInert(byte[] bytes) throws Exception {
    JsonNode story = JSON.readTree(bytes);
    assertFalse(ActiveContent.isRunnableUrl(story.path("url").asText(null)), story::toString);
    for (JsonNode m : story.get("articles")) {
      assertFalse(ActiveContent.isRunnableUrl(m.path("url").asText(null)), m::toString);
    }
  }
}
