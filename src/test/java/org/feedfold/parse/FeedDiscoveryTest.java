package org.feedfold.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.feedfold.model.FeedLink;
import org.junit.jupiter.api.Test;

class FeedDiscoveryTest {
  private static final URI PAGE = URI.create("https://gazette.example/2026/11/valley-floods/");

  private static List<FeedLink> discover(String html) {
    return FeedDiscovery.discover(html.getBytes(StandardCharsets.UTF_8), PAGE, "text/html");
  }

  @Test
  void findsEachAdvertisedFeedOnceWithCommentFeedsLast() throws Exception {
    byte[] page = Files.readAllBytes(Path.of("src/test/resources/parse/discovery/wordpress.html"));
    List<FeedLink> feeds = FeedDiscovery.discover(page, PAGE, "text/html; charset=UTF-8");
    assertEquals(
        List.of(
            new FeedLink(
                URI.create("https://gazette.example/feed/"),
                "application/rss+xml",
                "Example Gazette » Feed"),
            new FeedLink(
                URI.create("https://gazette.example/feed/atom/"), "application/atom+xml", "Atom"),
            new FeedLink(
                URI.create("https://gazette.example/2026/11/valley-floods/feed.json"),
                "application/feed+json",
                "JSON Feed"),
            new FeedLink(
                URI.create("https://gazette.example/comments/feed/"),
                "application/rss+xml",
                "Example Gazette » Comments Feed")),
        feeds);
  }

  @Test
  void resolvesAgainstTheBaseElement() {
    List<FeedLink> feeds =
        discover(
            "<html><head><base href=\"https://cdn.example/site/\">"
                + "<link rel=alternate type=application/atom+xml href=atom.xml></head></html>");
    assertEquals(URI.create("https://cdn.example/site/atom.xml"), feeds.get(0).url());
  }

  @Test
  void findsNothingInAPageWithoutFeedLinks() {
    assertEquals(List.of(), discover("<html><body><p>Just a page.</p></body></html>"));
  }
}
