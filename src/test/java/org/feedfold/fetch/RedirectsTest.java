package org.feedfold.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Says which redirects move a subscription: only a chain whose every hop is permanent (301, 308);
 * loops and chains beyond {@code fetch.max-redirects} fail naming the loop or the cap.
 */
class RedirectsTest {
  static final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
  static final FetchSettings SETTINGS =
      new FetchSettings(
          Duration.ofSeconds(5), Duration.ofSeconds(10), 64 * 1024, "Feedfold/test", 3, 2, 8);

  HttpFetcher fetcher;

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
    server.stubFor(get("/new").willReturn(aResponse().withBody("<rss/>")));
    fetcher = new HttpFetcher(SETTINGS);
  }

  @AfterEach
  void close() throws IOException {
    fetcher.close();
  }

  static URI url(String path) {
    return URI.create(server.baseUrl() + path);
  }

  private void redirect(String from, int status, String to) {
    server.stubFor(get(from).willReturn(aResponse().withStatus(status).withHeader("Location", to)));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {301, 308})
  void reportsWhereAPermanentRedirectMovedTheFeed(int status) {
    redirect("/old", status, "/new");

    var fetched =
        assertInstanceOf(FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(url("/old"))));

    assertEquals(url("/new"), fetched.url());
    assertEquals(url("/new"), fetched.movedTo());
  }

  @Test
  void reportsAChainOfPermanentRedirectsAsAMove() {
    redirect("/old", 301, "/older");
    redirect("/older", 308, "/new");

    var fetched =
        assertInstanceOf(FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(url("/old"))));

    assertEquals(url("/new"), fetched.movedTo());
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {302, 303, 307})
  void temporaryRedirectsKeepTheUrl(int status) {
    redirect("/old", status, "/new");

    var fetched =
        assertInstanceOf(FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(url("/old"))));

    assertEquals(url("/new"), fetched.url());
    assertNull(fetched.movedTo());
  }

  @Test
  void oneTemporaryHopInAPermanentChainKeepsTheUrl() {
    redirect("/old", 301, "/older");
    redirect("/older", 302, "/new");

    var fetched =
        assertInstanceOf(FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(url("/old"))));

    assertNull(fetched.movedTo());
  }

  @Test
  void notModifiedAfterAPermanentRedirectReportsTheMove() {
    redirect("/old", 301, "/new");
    server.stubFor(get("/new").willReturn(aResponse().withStatus(304)));

    var same =
        assertInstanceOf(
            FetchOutcome.NotModified.class,
            fetcher.fetch(new FetchRequest(url("/old"), "\"v1\"", null, null)));

    assertEquals(url("/new"), same.movedTo());
  }

  @Test
  void aLoopFailsNamingItsUrls() {
    redirect("/a", 301, "/b");
    redirect("/b", 301, "/a");

    var failed =
        assertInstanceOf(FetchOutcome.Failed.class, fetcher.fetch(FetchRequest.of(url("/a"))));

    assertEquals(
        "redirect loop: " + url("/a") + " -> " + url("/b") + " -> " + url("/a"), failed.reason());
  }

  @Test
  void aChainLongerThanTheCapFailsNamingTheCap() {
    redirect("/hop0", 301, "/hop1");
    redirect("/hop1", 301, "/hop2");
    redirect("/hop2", 301, "/hop3");
    redirect("/hop3", 301, "/new");

    var failed =
        assertInstanceOf(FetchOutcome.Failed.class, fetcher.fetch(FetchRequest.of(url("/hop0"))));

    assertEquals(
        "more than 3 redirects (fetch.max-redirects): "
            + url("/hop0")
            + " -> "
            + url("/hop1")
            + " -> "
            + url("/hop2")
            + " -> "
            + url("/hop3")
            + " -> ...",
        failed.reason());
  }

  @Test
  void sendsACookieSetOnARedirectBackAlongItsChainAndForgetsIt() {
    server.stubFor(
        get("/consent")
            .atPriority(1)
            .withCookie("consent", equalTo("yes"))
            .willReturn(aResponse().withBody("the feed")));
    server.stubFor(
        get("/consent")
            .atPriority(2)
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Set-Cookie", "consent=yes; Path=/")
                    .withHeader("Location", "/consent")));

    var first =
        assertInstanceOf(
            FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(url("/consent"))));
    var second =
        assertInstanceOf(
            FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(url("/consent"))));

    assertEquals("the feed", new String(first.body(), StandardCharsets.UTF_8));
    assertNull(first.movedTo(), "a temporary bounce moves nothing");
    assertEquals("the feed", new String(second.body(), StandardCharsets.UTF_8));
    // Each fetch starts without the cookie: bounce, then the feed.
    server.verify(4, getRequestedFor(urlEqualTo("/consent")));
    server.verify(2, getRequestedFor(urlEqualTo("/consent")).withCookie("consent", absent()));
  }

  @Test
  void aRedirectToItselfThatSetsNoCookieIsALoop() {
    redirect("/self", 302, "/self");

    var failed =
        assertInstanceOf(FetchOutcome.Failed.class, fetcher.fetch(FetchRequest.of(url("/self"))));

    assertEquals("redirect loop: " + url("/self") + " -> " + url("/self"), failed.reason());
  }
}
