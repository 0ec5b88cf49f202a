package org.feedfold.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Article pages honour robots.txt (RFC 9309) for our product token; feeds, which the user
 * subscribed to explicitly, do not ask for it.
 */
class RobotsTest {
  static final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
  static final FetchSettings SETTINGS =
      new FetchSettings(
          Duration.ofSeconds(5), Duration.ofSeconds(10), 1 << 20, "Feedfold/test (+x)", 3, 2, 8);

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-27T10:00:00Z"));
  HttpFetcher pages;

  @BeforeAll
  static void startServer() {
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop();
  }

  @BeforeEach
  void open() {
    server.resetAll();
    server.stubFor(get(urlPathEqualTo("/news/a.html")).willReturn(aResponse().withBody("<p>a")));
    server.stubFor(get(urlPathEqualTo("/private/b.html")).willReturn(aResponse().withBody("<p>b")));
    server.stubFor(get(urlPathEqualTo("/feed.xml")).willReturn(aResponse().withBody("<rss/>")));
    InstantSource clock = now::get;
    pages = new HttpFetcher(SETTINGS, clock, SystemDefaultDnsResolver.INSTANCE, true);
  }

  @AfterEach
  void close() throws IOException {
    pages.close();
  }

  static URI url(String path) {
    return URI.create(server.baseUrl() + path);
  }

  private void robots(int status, String body) {
    server.stubFor(
        get(urlPathEqualTo("/robots.txt"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "text/plain")
                    .withBody(body)));
  }

  private FetchOutcome page(String path) {
    return pages.fetch(FetchRequest.of(url(path)));
  }

  @Test
  void refusesPagesDisallowedForOurTokenAndCachesTheFile() {
    robots(200, "User-agent: feedfold\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n");

    assertInstanceOf(FetchOutcome.Fetched.class, page("/news/a.html"));
    var refused = assertInstanceOf(FetchOutcome.Failed.class, page("/private/b.html"));
    assertInstanceOf(FetchOutcome.Fetched.class, page("/news/a.html?again"));

    assertEquals(
        "disallowed by " + url("/robots.txt") + " for feedfold (RFC 9309)", refused.reason());
    server.verify(0, getRequestedFor(urlPathEqualTo("/private/b.html")));
    server.verify(1, getRequestedFor(urlPathEqualTo("/robots.txt")));
  }

  @Test
  void followsTheGroupForAllWhenNoneNamesUs() {
    robots(200, "User-agent: otherbot\nDisallow:\n\nUser-agent: *\nDisallow: /news/\n");

    assertInstanceOf(FetchOutcome.Failed.class, page("/news/a.html"));
    assertInstanceOf(FetchOutcome.Fetched.class, page("/private/b.html"));
  }

  @Test
  void feedFetchesNeverAskForRobotsTxt() throws IOException {
    robots(200, "User-agent: *\nDisallow: /\n");
    try (HttpFetcher feeds = new HttpFetcher(SETTINGS)) {
      assertInstanceOf(FetchOutcome.Fetched.class, feeds.fetch(FetchRequest.of(url("/feed.xml"))));
    }
    server.verify(0, getRequestedFor(urlPathEqualTo("/robots.txt")));
  }

  @Test
  void aMissingRobotsTxtAllowsEverything() {
    robots(404, "not here");

    assertInstanceOf(FetchOutcome.Fetched.class, page("/private/b.html"));
  }

  @Test
  void aServerErrorDisallowsUntilTheRetryThenAsksAgain() {
    robots(503, "down");

    var refused = assertInstanceOf(FetchOutcome.Failed.class, page("/news/a.html"));
    assertEquals(
        url("/robots.txt")
            + " failed (HTTP 503): pages of this host are not fetched until it answers (RFC 9309"
            + " section 2.3.1.4)",
        refused.reason());
    robots(404, "");
    assertInstanceOf(FetchOutcome.Failed.class, page("/news/a.html"));
    now.set(now.get().plus(Duration.ofMinutes(31)));

    assertInstanceOf(FetchOutcome.Fetched.class, page("/news/a.html"));
    server.verify(2, getRequestedFor(urlPathEqualTo("/robots.txt")));
  }

  @Test
  void fetchesTheFileAgainAfterADay() {
    robots(200, "User-agent: *\nDisallow: /private/\n");
    assertInstanceOf(FetchOutcome.Failed.class, page("/private/b.html"));
    robots(200, "User-agent: *\nDisallow:\n");

    now.set(now.get().plus(Duration.ofHours(25)));

    assertInstanceOf(FetchOutcome.Fetched.class, page("/private/b.html"));
    server.verify(2, getRequestedFor(urlPathEqualTo("/robots.txt")));
  }

  @Test
  void readsOnlyTheFirst500KibOfAHugeFile() {
    StringBuilder huge = new StringBuilder("User-agent: *\nDisallow: /news/\n");
    while (huge.length() < 600 * 1024) {
      huge.append("# padding padding padding padding padding padding padding padding\n");
    }
    huge.append("Disallow: /private/\n");
    robots(200, huge.toString());

    assertInstanceOf(FetchOutcome.Failed.class, page("/news/a.html"));
    assertInstanceOf(FetchOutcome.Fetched.class, page("/private/b.html"));
  }
}
