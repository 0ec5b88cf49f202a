package org.feedfold.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.feedfold.extract.ArticleExtractor;
import org.feedfold.extract.PageSource;
import org.feedfold.model.ExtractedArticle;
import org.feedfold.model.FeedEntry;
import org.feedfold.model.ParsedFeed;
import org.feedfold.parse.FeedParser;
import org.feedfold.parse.FeedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoWireTest {
  private static final Duration STEP = Duration.ofSeconds(10);
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-30T12:00:00Z"));
  private final HttpClient http = HttpClient.newHttpClient();
  private DemoWire wire;

  @BeforeEach
  void start() throws IOException {
    InstantSource clock = now::get;
    wire = DemoWire.start(0, STEP, clock);
  }

  @AfterEach
  void stop() {
    wire.close();
  }

  @Test
  void servesEveryOutletsFeedInItsFormatOnLoopback() throws Exception {
    assertEquals(5, wire.subscriptions().size());
    for (DemoWire.Subscription s : wire.subscriptions()) {
      assertEquals("127.0.0.1", s.feed().getHost(), s.feed().toString());
      ParsedFeed feed = parse(s.feed());
      assertEquals(s.title(), feed.feed().title());
    }
    assertEquals(13, parse(feed("wire")).entries().size());
    assertEquals(6, parse(feed("courier")).entries().size());
    assertEquals(4, parse(feed("metroblog")).entries().size());
  }

  @Test
  void lateOutletsPublishOnlyFromTheirStep() throws Exception {
    assertEquals(0, parse(feed("digest")).entries().size());
    assertEquals(0, parse(feed("newswatch")).entries().size());
    advance(3);
    assertEquals(4, parse(feed("digest")).entries().size());
    assertEquals(0, parse(feed("newswatch")).entries().size());
    advance(2);
    assertEquals(2, parse(feed("newswatch")).entries().size());
  }

  @Test
  void liveStoryGainsUpdatesUnderOneEntryId() throws Exception {
    FeedEntry first = live();
    assertFalse(first.content().html().contains("Update ("));
    advance(2);
    FeedEntry second = live();
    advance(4);
    FeedEntry last = live();
    assertEquals(first.id(), last.id());
    assertEquals(1, count(second.content().html(), "Update ("));
    assertEquals(3, count(last.content().html(), "Update ("));
    assertTrue(last.content().html().length() > second.content().html().length());
  }

  @Test
  void teaserPagesExtractToTheWholeArticleWithoutTheTemplate() throws Exception {
    FeedEntry teaser = parse(feed("courier")).entries().get(0);
    assertTrue(teaser.summary().html().length() < 600, teaser.summary().html());
    HttpResponse<byte[]> page = get(URI.create(teaser.link()), null);
    assertEquals(200, page.statusCode());
    ExtractedArticle a =
        new ArticleExtractor()
            .extract(page.body(), new PageSource(URI.create(teaser.link()), "text/html"));
    assertTrue(a.text().length() > 1000, a.text());
    for (String furniture :
        List.of("Post a Comment", "Follow us on", "Share on Facebook", "Previous Post")) {
      assertFalse(a.text().contains(furniture), furniture + " in " + a.text());
    }
    assertEquals(1, wire.pageRequests("courier"));
  }

  @Test
  void answersNotModifiedToAMatchingEtag() throws Exception {
    HttpResponse<byte[]> first = get(feed("wire"), null);
    String etag = first.headers().firstValue("ETag").orElse(null);
    assertNotNull(etag);
    assertEquals(304, get(feed("wire"), etag).statusCode());
    advance(2);
    assertEquals(200, get(feed("wire"), etag).statusCode(), "the live story changed the feed");
  }

  @Test
  void unknownPathsAreNotFound() throws Exception {
    assertEquals(404, get(wire.base().resolve("/nowhere"), null).statusCode());
    assertEquals(404, get(wire.base().resolve("/wire/no-such-story.html"), null).statusCode());
  }

  private FeedEntry live() throws Exception {
    return parse(feed("wire")).entries().stream()
        .filter(e -> e.title().startsWith("Dozens dead in California boat fire"))
        .findFirst()
        .orElseThrow();
  }

  private void advance(int steps) {
    now.set(now.get().plus(STEP.multipliedBy(steps)));
  }

  private URI feed(String slug) {
    return wire.subscriptions().stream()
        .map(DemoWire.Subscription::feed)
        .filter(u -> u.getPath().startsWith("/" + slug + "/"))
        .findFirst()
        .orElseThrow();
  }

  private ParsedFeed parse(URI url) throws Exception {
    HttpResponse<byte[]> r = get(url, null);
    assertEquals(200, r.statusCode(), url.toString());
    return new FeedParser()
        .parse(r.body(), FeedSource.of(url, r.headers().firstValue("Content-Type").orElse(null)));
  }

  private HttpResponse<byte[]> get(URI url, String etag) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(url);
    if (etag != null) {
      b.header("If-None-Match", etag);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
