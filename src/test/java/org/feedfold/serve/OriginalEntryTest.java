package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.Story;
import org.feedfold.sanitize.Sanitizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes the original, a teaser-headlined copy and a padded republication with a shouting headline
 * (the fixture {@code cluster/story-text/padded}) in a real index and checks that every output
 * presents the story as the original told it (issue 11).
 */
class OriginalEntryTest {
  private static final Path CASE = Path.of("src/test/resources/cluster/story-text/padded");
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  private static final String TITLE =
      "SpaceX Crew Dragon capsule docks with International Space Station";
  private static final String LINK = "https://wire.example/spacex-crew-dragon.html";
  private static final List<String> PADDING =
      List.of("originally published by", "Donate today", "REPUBLISHED", "Global Digest relies");

  @TempDir static Path data;
  static List<Story> stories;

  @BeforeAll
  static void indexTheFixture() throws Exception {
    try (ArticleIndex index =
        ArticleIndex.open(data, ClusterSettings.defaults(), InstantSource.fixed(T0))) {
      int minutes = 0;
      try (Stream<Path> files = Files.list(CASE)) {
        for (Path f : files.filter(p -> !p.endsWith("expected.txt")).sorted().toList()) {
          index.add(article(f, T0.plusSeconds(60L * minutes)));
          minutes += 5;
        }
      }
      index.commit();
      stories = index.stories(null, null, 10);
    }
  }

  static ArticleInput article(Path file, Instant published) throws Exception {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    int blank = s.indexOf("\n\n");
    Map<String, String> h = new LinkedHashMap<>();
    for (String line : s.substring(0, blank).split("\n")) {
      h.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2));
    }
    String text = s.substring(blank + 2).strip();
    StringBuilder html = new StringBuilder();
    for (String p : text.split("\n")) {
      html.append("<p>").append(StoryHtml.escape(p)).append("</p>\n");
    }
    return new ArticleInput(
        h.get("id"),
        h.get("url"),
        null,
        h.get("title"),
        text,
        Sanitizer.html(html.toString(), null),
        published,
        published,
        h.get("source"),
        "https://" + h.get("id") + ".example/feed",
        null,
        "en");
  }

  private static FeedView view(String route) {
    return FeedView.of("Feedfold", URI.create("http://feeds.example/"), route, stories);
  }

  @Test
  void foldsTheThreeCopiesIntoOneStory() {
    assertEquals(1, stories.size());
    assertEquals(3, stories.get(0).size());
  }

  @Test
  void atomEntryHasTheOriginalsHeadlineAndLinkAndNoPadding() throws Exception {
    SyndFeed feed = RenderersTest.syndicate(AtomRenderer.render(view("feed.atom")));
    SyndEntry entry = feed.getEntries().get(0);
    assertEquals(TITLE, entry.getTitle());
    assertEquals(LINK, entry.getLink());
    String content = entry.getContents().get(0).getValue();
    assertTrue(content.contains("Crew Dragon"), content);
    assertNoPadding(content.substring(0, content.indexOf("<hr/>")));
  }

  @Test
  void rssItemHasTheOriginalsHeadlineAndLinkAndNoPadding() throws Exception {
    SyndFeed feed = RenderersTest.syndicate(RssRenderer.render(view("feed.rss")));
    SyndEntry entry = feed.getEntries().get(0);
    assertEquals(TITLE, entry.getTitle());
    assertEquals(LINK, entry.getLink());
    String d = entry.getDescription().getValue();
    assertNoPadding(d.substring(0, d.indexOf("<hr/>")));
  }

  @Test
  void jsonFeedItemHasTheOriginalsHeadlineAndLinkAndNoPadding() throws Exception {
    JsonNode item =
        new ObjectMapper()
            .readTree(JsonFeedRenderer.render(view("feed.json")))
            .path("items")
            .get(0);
    assertEquals(TITLE, item.path("title").asText());
    assertEquals(LINK, item.path("url").asText());
    String html = item.path("content_html").asText();
    assertNoPadding(html.substring(0, html.indexOf("<hr/>")));
  }

  @Test
  void storyJsonAndRiverShowTheOriginal() {
    Map<String, Object> json = StoryJson.story(stories.get(0));
    assertEquals(TITLE, json.get("title"));
    assertEquals(LINK, json.get("url"));
    String page =
        new String(
            RiverPage.render("Feedfold", null, null, stories, T0.plusSeconds(3600)),
            StandardCharsets.UTF_8);
    String summary = page.substring(page.indexOf("<h2>"), page.indexOf("</h2>"));
    assertTrue(summary.contains(TITLE), summary);
    String text = page.substring(page.indexOf("<div class=\"text\">"), page.indexOf("</div>"));
    assertNoPadding(text);
  }

  private static void assertNoPadding(String body) {
    List<String> found = new ArrayList<>();
    for (String p : PADDING) {
      if (body.contains(p)) {
        found.add(p);
      }
    }
    assertFalse(!found.isEmpty(), "padding " + found + " in " + body);
  }
}
