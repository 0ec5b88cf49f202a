package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiverPageTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private static Story story(String title, String url, String source) {
    return new Story(
        "abc123",
        title,
        url,
        null,
        "First paragraph.\n\nSecond paragraph.",
        NOW.minus(Duration.ofHours(3)),
        NOW.minus(Duration.ofMinutes(20)),
        List.of(
            new StoryMember("a1", url, title, source, NOW.minus(Duration.ofHours(3)), true),
            new StoryMember(
                "a2",
                "https://copy.example/x",
                "Copy",
                "Copycat",
                NOW.minusSeconds(1_200),
                false)));
  }

  /** A wire's report and its follow-up in one story, and a copy: two outlets, not three. */
  private static Story reportedTwiceByOneOutlet() {
    Story s = story("Quake hits", "https://wire.example/q", "Wire");
    List<StoryMember> members = new java.util.ArrayList<>(s.articles());
    members.add(
        new StoryMember(
            "a3",
            "https://wire.example/q-toll",
            "Quake toll rises",
            "Wire",
            NOW.minus(Duration.ofHours(1)),
            false));
    return new Story(
        s.id(), s.title(), s.url(), s.html(), s.text(), s.firstSeen(), s.updated(), members);
  }

  @Test
  void countsOutletsNotArticles() {
    Element s = page(List.of(reportedTwiceByOneOutlet()), null, null).selectFirst("#story-abc123");
    assertTrue(
        s.selectFirst(".meta").text().startsWith("2 outlets, in 3 articles · first: Wire"),
        s.selectFirst(".meta").text());
    assertEquals(3, s.select(".outlets li").size(), "every article is still listed");
    assertTrue(
        StoryHtml.render(reportedTwiceByOneOutlet())
            .contains("Carried by 2 outlets, in 3 articles:"),
        "the feeds' entries say the same");
  }

  private static Document page(List<Story> stories, String query, String error) {
    return Jsoup.parse(
        new String(
            RiverPage.render("Feedfold", query, error, stories, NOW), StandardCharsets.UTF_8));
  }

  @Test
  void listsEachStoryWithItsOutletsAndMarksTheOriginal() {
    Document d = page(List.of(story("Quake hits", "https://wire.example/q", "Wire")), null, null);
    Element s = d.selectFirst("#story-abc123");
    assertEquals("Quake hits", s.selectFirst("summary h2").text());
    assertEquals(
        "2 outlets · first: Wire · 3 h ago · updated 20 min ago", s.selectFirst(".meta").text());
    assertEquals(2, s.select(".outlets li").size());
    assertEquals("original", s.selectFirst(".outlets li .original").text());
    assertEquals(List.of("First paragraph.", "Second paragraph."), s.select(".text p").eachText());
    assertEquals("stories/abc123.json", s.selectFirst("details > p > a").attr("href"));
  }

  @Test
  void keepsTheQueryInTheSearchBoxAndTheFeedLinks() {
    Document d = page(List.of(), "title:\"quake\" & more", null);
    assertEquals("title:\"quake\" & more", d.selectFirst("input[name=q]").val());
    assertEquals(
        "feed.atom?q=title%3A%22quake%22+%26+more", d.selectFirst(".feeds a").attr("href"));
    assertEquals("No story matches.", d.selectFirst(".empty").text());
  }

  @Test
  void showsAQueryErrorInsteadOfResults() {
    Document d = page(List.of(), "title:(foo", "bad query at column 7: missing ')'");
    assertEquals("bad query at column 7: missing ')'", d.selectFirst("#error").text());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<script>alert(1)</script>|javascript:alert(1)",
        "<img src=x onerror=alert(1)>|JaVaScRiPt:alert(1)",
        "\"><svg onload=alert(1)>|data:text/html,<script>alert(1)</script>",
        "</title><script>alert(1)</script>| javascript:alert(1)"
      })
  void runsNoScriptFromStrangersTitlesOrLinks(String title, String url) {
    Document d = page(List.of(story(title, url, title)), title, null);
    assertTrue(d.select("script").isEmpty(), d.html());
    for (Element e : d.getAllElements()) {
      e.attributes()
          .forEach(
              a -> {
                assertFalse(a.getKey().startsWith("on"), e.outerHtml());
                assertFalse(
                    a.getValue()
                        .strip()
                        .toLowerCase(java.util.Locale.ROOT)
                        .startsWith("javascript:"),
                    e.outerHtml());
                assertFalse(
                    a.getValue().strip().toLowerCase(java.util.Locale.ROOT).startsWith("data:"),
                    e.outerHtml());
              });
    }
    assertEquals(title, d.selectFirst("summary h2").text(), "shown as text");
  }

  @Test
  void allowsItsOwnStyleSheetByHashAndNothingElse() throws Exception {
    Document d = page(List.of(), null, null);
    String css = d.selectFirst("style").data();
    String hash =
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8)));
    assertTrue(
        RiverPage.CONTENT_SECURITY_POLICY.contains("style-src 'sha256-" + hash + "'"),
        RiverPage.CONTENT_SECURITY_POLICY);
    assertTrue(RiverPage.CONTENT_SECURITY_POLICY.startsWith("default-src 'none'"));
  }

  @ParameterizedTest
  @CsvSource({
    "PT30S, just now",
    "PT5M, 5 min ago",
    "PT3H, 3 h ago",
    "PT47H, 47 h ago",
    "P3D, 3 d ago"
  })
  void saysAgesAsAPersonWould(Duration age, String expected) {
    assertEquals(expected, RiverPage.age(age));
  }
}
