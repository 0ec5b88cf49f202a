package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs {@link FeedServer} on an ephemeral loopback port and talks to it with the JDK client. */
class FeedServerTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  /** One call to the story source, as the server made it. */
  record Call(String query, Instant since, int limit) {}

  static final List<Call> calls = new ArrayList<>();
  static FeedServer server;
  static final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws IOException {
    StorySource source =
        (query, since, limit) -> {
          synchronized (calls) {
            calls.add(new Call(query, since, limit));
          }
          if ("explode".equals(query)) {
            throw new IOException("index unreadable");
          }
          return Stories.all();
        };
    server =
        new FeedServer(
            new ServeSettings("127.0.0.1", 0, 10, 20, "Test Feed", null),
            source,
            InstantSource.fixed(NOW));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void forgetCalls() {
    synchronized (calls) {
      calls.clear();
    }
  }

  static Call lastCall() {
    synchronized (calls) {
      return calls.get(calls.size() - 1);
    }
  }

  static HttpResponse<byte[]> send(String method, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.address().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<byte[]> get(String path, String... headers)
      throws IOException, InterruptedException {
    return send("GET", path, headers);
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static SyndFeed parse(HttpResponse<byte[]> r) throws Exception {
    return new SyndFeedInput()
        .build(new InputStreamReader(new ByteArrayInputStream(r.body()), StandardCharsets.UTF_8));
  }

  @Nested
  class Routes {
    @Test
    void servesAtom() throws Exception {
      var r = get("/feed.atom");

      assertEquals(200, r.statusCode());
      assertEquals(
          "application/atom+xml; charset=utf-8",
          r.headers().firstValue("Content-Type").orElseThrow());
      SyndFeed feed = parse(r);
      assertEquals("Test Feed", feed.getTitle());
      assertEquals("urn:feedfold:story:s-bridge", feed.getEntries().get(0).getUri());
      assertEquals(2, feed.getEntries().size());
    }

    @Test
    void servesRss() throws Exception {
      var r = get("/feed.rss");

      assertEquals(200, r.statusCode());
      assertEquals(
          "application/rss+xml; charset=utf-8",
          r.headers().firstValue("Content-Type").orElseThrow());
      assertEquals("rss_2.0", parse(r).getFeedType());
    }

    @Test
    void servesJsonFeedWithSelfLinkOnBoundAddress() throws Exception {
      var r = get("/feed.json");

      assertEquals(200, r.statusCode());
      assertEquals(
          "application/feed+json; charset=utf-8",
          r.headers().firstValue("Content-Type").orElseThrow());
      JsonNode json = new ObjectMapper().readTree(r.body());
      assertEquals(server.address().resolve("feed.json").toString(), json.get("feed_url").asText());
      assertEquals(2, json.get("items").size());
    }

    @Test
    void answersHealthCheck() throws Exception {
      var r = get("/healthz");

      assertEquals(200, r.statusCode());
      assertEquals("ok\n", text(r));
    }

    @Test
    void returnsNotFoundForUnknownPath() throws Exception {
      assertEquals(404, get("/feed.xml").statusCode());
      assertEquals(404, get("/index.html").statusCode());
    }

    @Test
    void servesTheStoryRiverAtTheHomeEveryFeedLinksTo() throws Exception {
      var r = get("/");
      assertEquals(200, r.statusCode());
      assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
      assertEquals(
          RiverPage.CONTENT_SECURITY_POLICY,
          r.headers().firstValue("Content-Security-Policy").orElse(""),
          "the page's own policy, not the default one");
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void refusesOtherMethodsWithAllowHeader() throws Exception {
      var r = send("POST", "/feed.atom");

      assertEquals(405, r.statusCode());
      assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void answersHeadWithHeadersButNoBody() throws Exception {
      var full = get("/feed.atom");
      var head = send("HEAD", "/feed.atom");

      assertEquals(200, head.statusCode());
      assertEquals(0, head.body().length);
      assertEquals(full.headers().firstValue("ETag"), head.headers().firstValue("ETag"));
    }
  }

  @Nested
  class QueryParameters {
    @Test
    void passesQuerySinceDurationAndLimitToSource() throws Exception {
      get("/feed.atom?q=new%20bridge&since=24h&limit=7");

      assertEquals(new Call("new bridge", NOW.minus(Duration.ofHours(24)), 7), lastCall());
    }

    @ParameterizedTest(name = "since={0}")
    @CsvSource({
      "2026-11-20T06:30:00Z,      2026-11-20T06:30:00Z",
      "2026-11-20T08:30:00+02:00, 2026-11-20T06:30:00Z",
      "2026-11-20,                2026-11-20T00:00:00Z",
      "7d,                        2026-11-20T10:00:00Z",
      "PT90M,                     2026-11-27T08:30:00Z",
    })
    void acceptsSinceAsInstantDateOrDuration(String since, Instant expected) throws Exception {
      var r = get("/feed.json?since=" + java.net.URLEncoder.encode(since, StandardCharsets.UTF_8));

      assertEquals(200, r.statusCode(), text(r));
      assertEquals(expected, lastCall().since());
    }

    @Test
    void usesDefaultLimitAndNoFilterWhenAbsent() throws Exception {
      get("/feed.rss");

      assertEquals(new Call(null, null, 10), lastCall());
    }

    @Test
    void capsLimitAtMaxLimit() throws Exception {
      get("/feed.rss?limit=100000");

      assertEquals(20, lastCall().limit());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"since=yesterday", "since=2026-13-45", "limit=0", "limit=ten"})
    void rejectsBadParameterWithClearMessage(String query) throws Exception {
      var r = get("/feed.atom?" + query);

      assertEquals(400, r.statusCode());
      String name = query.substring(0, query.indexOf('='));
      assertTrue(text(r).startsWith("bad request: "), text(r));
      assertTrue(text(r).contains(name), text(r));
    }

    @Test
    void rejectsOverlongSearchText() throws Exception {
      var r = get("/feed.atom?q=" + "x".repeat(FeedQuery.MAX_QUERY_CHARS + 1));

      assertEquals(400, r.statusCode());
      assertEquals("bad request: q is longer than 500 characters\n", text(r));
    }
  }

  @Nested
  class Revalidation {
    @Test
    void returnsNotModifiedWhenEtagMatches() throws Exception {
      String etag = get("/feed.atom").headers().firstValue("ETag").orElseThrow();

      var r = get("/feed.atom", "If-None-Match", etag);

      assertEquals(304, r.statusCode());
      assertEquals(0, r.body().length);
      assertEquals(etag, r.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void returnsFullBodyWhenEtagDiffers() throws Exception {
      assertEquals(200, get("/feed.atom", "If-None-Match", "\"stale\"").statusCode());
    }

    @Test
    void givesEachFormatItsOwnEtag() throws Exception {
      String atom = get("/feed.atom").headers().firstValue("ETag").orElseThrow();

      assertEquals(200, get("/feed.rss", "If-None-Match", atom).statusCode());
    }

    @Test
    void returnsNotModifiedWhenNothingChangedSinceLastModified() throws Exception {
      var first = get("/feed.rss");
      String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

      assertEquals("Thu, 26 Nov 2026 10:00:00 GMT", lastModified);
      assertEquals(304, get("/feed.rss", "If-Modified-Since", lastModified).statusCode());
      assertEquals(
          200, get("/feed.rss", "If-Modified-Since", "Thu, 26 Nov 2026 09:59:59 GMT").statusCode());
    }
  }

  @Nested
  class Failures {
    @Test
    void answersServiceUnavailableWhenSourceFails() throws Exception {
      var r = get("/feed.atom?q=explode");

      assertEquals(503, r.statusCode());
      assertEquals("stories unavailable\n", text(r));
    }
  }

  @Nested
  class Lifecycle {
    @Test
    void refusesAddressBeforeStart() {
      FeedServer idle =
          new FeedServer(
              ServeSettings.defaults(), (q, s, l) -> List.of(), InstantSource.fixed(NOW));

      assertThrows(IllegalStateException.class, idle::address);
      idle.close();
    }

    @Test
    void stopsServingAfterClose() throws Exception {
      FeedServer other =
          new FeedServer(
              new ServeSettings("127.0.0.1", 0, 10, 20, "Other", null),
              (q, s, l) -> List.of(),
              InstantSource.fixed(NOW));
      other.start();
      URI health = other.address().resolve("healthz");
      assertEquals(
          200,
          client
              .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
              .statusCode());

      other.close();

      assertThrows(
          IOException.class,
          () ->
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(health).build(),
                      HttpResponse.BodyHandlers.discarding()));
    }
  }

  @Nested
  class GracefulClose {
    @Test
    @Timeout(20)
    void finishesInFlightRequestBeforeClosing() throws Exception {
      CountDownLatch entered = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      FeedServer busy =
          new FeedServer(
              new ServeSettings("127.0.0.1", 0, 10, 20, "Busy", null),
              (q, s, l) -> {
                entered.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
                return Stories.all();
              },
              InstantSource.fixed(NOW));
      busy.start();
      var response =
          client.sendAsync(
              HttpRequest.newBuilder(busy.address().resolve("feed.json")).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      entered.await();

      Thread closer = new Thread(busy::close, "test-closer");
      closer.start();
      // close() must be parked waiting for the request, or the test proves nothing.
      while (closer.getState() != Thread.State.TIMED_WAITING) {
        Thread.onSpinWait();
      }
      release.countDown();
      closer.join();

      assertEquals(200, response.get().statusCode());
      assertEquals(2, new ObjectMapper().readTree(response.get().body()).get("items").size());
    }
  }

  @Nested
  class Settings {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
      "http.port,       127.0.0.1, 70000, 50, 500",
      "http.bind,       ' ',       8080,  50, 500",
      "serve.limit,     127.0.0.1, 8080,  0,  500",
      "serve.limit,     127.0.0.1, 8080,  600, 500",
      "serve.max-limit, 127.0.0.1, 8080,  50, 0",
    })
    void rejectsInvalidSettingNamingItsKey(String key, String bind, int port, int limit, int max) {
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new ServeSettings(bind, port, limit, max, "Feedfold", null));
      assertTrue(e.getMessage().startsWith(key + " "), e.getMessage());
    }

    @Test
    void usesPublicBaseForSelfLinks() {
      assertNull(ServeSettings.defaults().publicBase());
      assertEquals(8080, ServeSettings.defaults().port());
    }
  }
}
