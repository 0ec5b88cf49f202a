package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the edges of the HTTP server: methods, paths, sizes, headers, token, busy pool. */
class HttpHardeningTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  static final String TOKEN = "s3cret-token-0123456789";
  static FeedServer open;
  static FeedServer guarded;

  @BeforeAll
  static void start() throws Exception {
    open = server(new ServeSettings("127.0.0.1", 0, 10, 20, "Open", null));
    guarded = server(new ServeSettings("127.0.0.1", 0, 10, 20, "Guarded", null).withToken(TOKEN));
  }

  @AfterAll
  static void stop() {
    open.close();
    guarded.close();
  }

  private static FeedServer server(ServeSettings settings) throws Exception {
    FeedServer s =
        new FeedServer(settings, (q, since, l) -> Stories.all(), InstantSource.fixed(NOW));
    s.start();
    return s;
  }

  private static RawHttp.Answer get(FeedServer s, String target, String... headers)
      throws Exception {
    return RawHttp.get(s.address(), "127.0.0.1", target, headers);
  }

  @Nested
  class SecurityHeaders {
    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "/feed.atom",
          "/feed.rss",
          "/feed.json",
          "/healthz",
          "/stories/nope.json",
          "/nope",
          "/feed.atom?limit=ten"
        })
    void everyResponseForbidsSniffingFramingAndScript(String target) throws Exception {
      RawHttp.Answer a = get(open, target);

      assertEquals("nosniff", a.header("X-Content-Type-Options"), a.toString());
      assertEquals("no-referrer", a.header("Referrer-Policy"), a.toString());
      String csp = a.header("Content-Security-Policy");
      assertNotNull(csp, a.toString());
      assertTrue(csp.contains("default-src 'none'"), csp);
      assertTrue(csp.contains("frame-ancestors 'none'"), csp);
      assertTrue(csp.contains("sandbox"), csp);
    }

    @Test
    void notModifiedAndHeadCarryThemToo() throws Exception {
      String etag = get(open, "/feed.atom").header("ETag");
      RawHttp.Answer notModified = get(open, "/feed.atom", "If-None-Match: " + etag);
      RawHttp.Answer head = RawHttp.send(open.address(), "127.0.0.1", "HEAD /feed.rss HTTP/1.1");

      assertEquals(304, notModified.status());
      assertEquals("nosniff", notModified.header("X-Content-Type-Options"));
      assertEquals(200, head.status());
      assertEquals("", head.body());
      assertEquals("nosniff", head.header("X-Content-Type-Options"));
    }
  }

  @Nested
  class ReadOnly {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
      "POST, /feed.atom",
      "PUT, /feed.atom",
      "DELETE, /feed.json",
      "PATCH, /stories/s-bridge.json",
      "OPTIONS, /healthz",
      "TRACE, /feed.rss",
      "POST, /nope",
    })
    void refusesEveryMethodButGetAndHead(String method, String path) throws Exception {
      RawHttp.Answer a =
          RawHttp.send(
              open.address(), "127.0.0.1", method + " " + path + " HTTP/1.1", "Content-Length: 0");

      assertEquals(405, a.status(), a.toString());
      assertEquals("GET, HEAD", a.header("Allow"));
    }
  }

  @Nested
  class Paths {
    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "/../feed.atom",
          "/./feed.atom",
          "/stories/../feed.atom",
          "/%2e%2e/feed.atom",
          "/%2E%2E/%2E%2E/etc/passwd",
          "/stories/..%2f..%2fetc%2fpasswd.json",
          "/stories/%2e%2e%2f%2e%2e%2fetc%2fpasswd.json",
          "/stories/..%5c..%5cwin.ini.json",
          "/stories/a/../../../etc/passwd.json",
          "/feed.atom%00",
          "//etc/passwd",
          "/stories/%2Fetc%2Fpasswd.json",
          "/stories/x\\..\\y.json",
          "../../etc/passwd",
          "*",
        })
    void refusesTraversalAndEncodedSeparators(String target) throws Exception {
      RawHttp.Answer a = get(open, target);

      assertTrue(a.status() == 400 || a.status() == 404, a.toString());
      assertFalse(a.body().contains("root:"), a.body());
    }

    @Test
    void acceptsAbsoluteFormTarget() throws Exception {
      URI u = open.address();
      RawHttp.Answer a = get(open, "http://" + u.getHost() + ":" + u.getPort() + "/healthz");

      assertEquals(200, a.status(), a.toString());
    }
  }

  @Nested
  class KeepAlive {
    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
      try (var s = RawHttp.open(open.address(), "127.0.0.1")) {
        s.getOutputStream()
            .write(
                ("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        RawHttp.Answer first = RawHttp.read(s.getInputStream());

        // The first answer is parsed; the other two follow it as "body".
        assertEquals(200, first.status());
        String rest = first.body();
        int second = rest.indexOf("HTTP/1.1 404");
        int third = rest.indexOf("HTTP/1.1 200");
        assertTrue(rest.startsWith("ok\n") && 0 < second && second < third, rest);
      }
    }
  }

  @Nested
  class Sizes {
    @Test
    void refusesOverlongRequestLineWith414() throws Exception {
      RawHttp.Answer a = get(open, "/feed.atom?x=" + "a".repeat(FeedServer.MAX_LINE + 10));

      assertEquals(414, a.status(), a.toString());
    }

    @Test
    void refusesOverlongQueryStringWith414() throws Exception {
      RawHttp.Answer a = get(open, "/feed.atom?q=" + "a".repeat(RequestTarget.MAX_QUERY_CHARS));

      assertEquals(414, a.status(), a.toString());
    }

    @Test
    void refusesHugeHeadersWith431() throws Exception {
      RawHttp.Answer a = get(open, "/feed.atom", "X-Big: " + "b".repeat(FeedServer.MAX_HEADERS));

      assertEquals(431, a.status(), a.toString());
    }

    @Test
    void refusesGarbageWith400() throws Exception {
      RawHttp.Answer a = RawHttp.send(open.address(), "127.0.0.1", "\u0001\u0002 nonsense");

      assertTrue(a.status() == 400 || a.status() == -1, a.toString());
    }
  }

  @Nested
  class Token {
    @Test
    void refusesMissingTokenWithBearerChallenge() throws Exception {
      RawHttp.Answer a = get(guarded, "/feed.atom");

      assertEquals(401, a.status(), a.toString());
      assertTrue(a.header("WWW-Authenticate").startsWith("Bearer"), a.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "Bearer wrong-token-0123456789",
          "Bearer s3cret-token-012345678",
          "Bearer s3cret-token-01234567890",
          "Basic czNjcmV0LXRva2VuLTAxMjM0NTY3ODk="
        })
    void refusesWrongToken(String authorization) throws Exception {
      RawHttp.Answer a = get(guarded, "/feed.json", "Authorization: " + authorization);

      assertEquals(401, a.status(), a.toString());
      assertTrue(a.header("WWW-Authenticate").startsWith("Bearer"), a.toString());
    }

    @Test
    void servesWithTheToken() throws Exception {
      RawHttp.Answer a = get(guarded, "/feed.atom", "Authorization: Bearer " + TOKEN);

      assertEquals(200, a.status(), a.toString());
    }

    @Test
    void leavesHealthCheckOpen() throws Exception {
      assertEquals(200, get(guarded, "/healthz").status());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0.0.0.0", "::", "192.168.1.20", "feeds.example", "10.0.0.1"})
    void refusesNonLoopbackBindWithoutTokenNamingTheKey(String bind) {
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new ServeSettings(bind, 0, 10, 20, "Feedfold", null));

      assertTrue(e.getMessage().startsWith("http.token "), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
      "127.0.0.1, true",
      "127.4.5.6, true",
      "localhost, true",
      "::1, true",
      "[::1], true",
      "0.0.0.0, false",
      "::, false",
      "128.0.0.1, false",
      "327.0.0.1, false",
      "example.com, false"
    })
    void recognisesLoopbackLiteralsWithoutLookingUpNames(String bind, boolean loopback) {
      assertEquals(loopback, ServeSettings.isLoopback(bind));
    }

    @Test
    void refusesShortToken() {
      var e =
          assertThrows(
              IllegalArgumentException.class, () -> ServeSettings.defaults().withToken("short"));

      assertTrue(e.getMessage().startsWith("http.token "), e.getMessage());
    }

    @Test
    void keepsTheTokenOutOfToString() {
      assertFalse(ServeSettings.defaults().withToken(TOKEN).toString().contains(TOKEN));
    }
  }

  @Nested
  class BusyPool {
    @Test
    @Timeout(30)
    void answersServiceUnavailableWhenPoolAndQueueAreFull() throws Exception {
      CountDownLatch entered = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      FeedServer busy =
          new FeedServer(
              new ServeSettings("127.0.0.1", 0, 10, 20, "Busy", null)
                  .withLimits(
                      new ServeSettings.Limits(
                          Duration.ofSeconds(10), Duration.ofSeconds(60), 16, 64, 1, 1)),
              (q, s, l) -> {
                entered.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return Stories.all();
              },
              InstantSource.fixed(NOW));
      busy.start();
      try {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest feed = HttpRequest.newBuilder(busy.address().resolve("feed.atom")).build();
        var first = client.sendAsync(feed, HttpResponse.BodyHandlers.discarding());
        entered.await();
        // One of these waits in the queue of one; the other finds it full.
        List<CompletableFuture<HttpResponse<Void>>> next =
            List.of(
                client.sendAsync(feed, HttpResponse.BodyHandlers.discarding()),
                client.sendAsync(feed, HttpResponse.BodyHandlers.discarding()));
        HttpResponse<?> refused =
            (HttpResponse<?>) CompletableFuture.anyOf(next.get(0), next.get(1)).get();

        assertEquals(503, refused.statusCode());
        assertEquals("5", refused.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(200, get(busy, "/healthz").status());
        release.countDown();
        assertEquals(200, first.get().statusCode());
      } finally {
        release.countDown();
        busy.close();
      }
    }
  }
}
