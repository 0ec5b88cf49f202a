package org.feedfold.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.zip.GZIPOutputStream;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Drives {@link HttpFetcher} against a WireMock loopback server, one nested class per scenario. */
class HttpFetcherTest {
  static final WireMockServer server =
      new WireMockServer(wireMockConfig().dynamicPort().gzipDisabled(true));

  @BeforeAll
  static void startServer() {
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop();
  }

  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  static final FetchSettings SETTINGS =
      new FetchSettings(
          Duration.ofSeconds(5), Duration.ofSeconds(10), 64 * 1024, "Feedfold/test", 3, 2, 8);

  HttpFetcher fetcher;

  @BeforeEach
  void open() {
    server.resetAll();
    fetcher = new HttpFetcher(SETTINGS, InstantSource.fixed(NOW));
  }

  @AfterEach
  void close() throws IOException {
    fetcher.close();
  }

  static URI url(String path) {
    return URI.create(server.baseUrl() + path);
  }

  static byte[] fixture() throws IOException {
    try (InputStream in = HttpFetcherTest.class.getResourceAsStream("/fetch/feed.rss")) {
      return in.readAllBytes();
    }
  }

  @Nested
  class EtagRevalidation {
    @Test
    void returnsBodyAndEtagThenNotModifiedWhenEtagMatches() throws IOException {
      byte[] feed = fixture();
      server.stubFor(
          get("/feed")
              .withHeader("If-None-Match", absent())
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/rss+xml")
                      .withHeader("ETag", "\"v1\"")
                      .withHeader("Cache-Control", "public, max-age=900")
                      .withBody(feed)));
      server.stubFor(
          get("/feed")
              .withHeader("If-None-Match", equalTo("\"v1\""))
              .willReturn(aResponse().withStatus(304)));

      var first =
          assertInstanceOf(
              FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(url("/feed"))));
      assertEquals(200, first.status());
      assertArrayEquals(feed, first.body());
      assertFalse(first.truncated());
      assertEquals("\"v1\"", first.etag());
      assertEquals("application/rss+xml", first.contentType());
      assertEquals(Duration.ofMinutes(15), first.maxAge());

      var second = fetcher.fetch(new FetchRequest(url("/feed"), first.etag(), null, null));
      assertEquals(new FetchOutcome.NotModified(url("/feed"), null), second);
    }
  }

  @Nested
  class LastModifiedRevalidation {
    @Test
    void sendsIfModifiedSinceVerbatimAndReturnsNotModified() {
      String date = "Thu, 26 Nov 2026 08:00:00 GMT";
      server.stubFor(
          get("/lm")
              .withHeader("If-Modified-Since", equalTo(date))
              .willReturn(aResponse().withStatus(304).withHeader("Cache-Control", "max-age=60")));
      server.stubFor(
          get("/lm")
              .withHeader("If-Modified-Since", absent())
              .willReturn(aResponse().withHeader("Last-Modified", date).withBody("<rss/>")));

      var first =
          assertInstanceOf(FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(url("/lm"))));
      assertEquals(date, first.lastModified());
      assertNull(first.etag());

      var second = fetcher.fetch(new FetchRequest(url("/lm"), null, first.lastModified(), null));
      assertEquals(new FetchOutcome.NotModified(url("/lm"), Duration.ofSeconds(60)), second);
    }
  }

  @Nested
  class Gzip {
    @Test
    void decompressesGzipBodyTransparently() throws IOException {
      byte[] feed = fixture();
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
        gz.write(feed);
      }
      server.stubFor(
          get("/gz")
              .withHeader("Accept-Encoding", containing("gzip"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Encoding", "gzip")
                      .withBody(zipped.toByteArray())));

      var fetched =
          assertInstanceOf(FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(url("/gz"))));
      assertArrayEquals(feed, fetched.body());
    }

    @Test
    void capsDecompressedBytesNotWireBytes() throws IOException {
      // 1 MiB of zeros compresses to about 1 KiB: the cap must apply after decoding.
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
        gz.write(new byte[1024 * 1024]);
      }
      server.stubFor(
          get("/bomb")
              .willReturn(
                  aResponse()
                      .withHeader("Content-Encoding", "gzip")
                      .withBody(zipped.toByteArray())));

      var fetched =
          assertInstanceOf(
              FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(url("/bomb"))));
      assertTrue(fetched.truncated());
      assertEquals(SETTINGS.maxBodyBytes(), fetched.body().length);
    }
  }

  @Nested
  class Redirects {
    @Test
    void followsPermanentRedirectChainToFinalUrl() {
      server.stubFor(
          get("/old").willReturn(aResponse().withStatus(301).withHeader("Location", "/older")));
      server.stubFor(
          get("/older").willReturn(aResponse().withStatus(301).withHeader("Location", "/new")));
      server.stubFor(get("/new").willReturn(aResponse().withBody("<rss/>")));

      var fetched =
          assertInstanceOf(FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(url("/old"))));
      assertEquals(url("/new"), fetched.url());
      assertEquals("<rss/>", new String(fetched.body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void failsAfterTooManyRedirects() {
      for (int i = 0; i < 5; i++) {
        server.stubFor(
            get("/hop" + i)
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/hop" + (i + 1))));
      }
      server.stubFor(get("/hop5").willReturn(aResponse().withBody("<rss/>")));

      var failed =
          assertInstanceOf(FetchOutcome.Failed.class, fetcher.fetch(FetchRequest.of(url("/hop0"))));
      assertEquals(0, failed.status());
      assertTrue(failed.reason().contains("redirect"), failed.reason());
    }
  }

  @Nested
  class RateLimiting {
    @Test
    void reportsRetryAfterSeconds() {
      server.stubFor(
          get("/busy").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

      assertEquals(
          new FetchOutcome.RateLimited(url("/busy"), 429, Duration.ofMinutes(2)),
          fetcher.fetch(FetchRequest.of(url("/busy"))));
    }

    @Test
    void reportsRetryAfterHttpDateRelativeToClock() {
      server.stubFor(
          get("/later")
              .willReturn(
                  aResponse()
                      .withStatus(503)
                      .withHeader("Retry-After", "Fri, 27 Nov 2026 11:30:00 GMT")));

      assertEquals(
          new FetchOutcome.RateLimited(url("/later"), 503, Duration.ofMinutes(90)),
          fetcher.fetch(FetchRequest.of(url("/later"))));
    }

    @Test
    void treats503WithoutRetryAfterAsFailure() {
      server.stubFor(get("/down").willReturn(aResponse().withStatus(503)));

      assertEquals(
          new FetchOutcome.Failed(url("/down"), 503, "HTTP 503"),
          fetcher.fetch(FetchRequest.of(url("/down"))));
    }
  }

  @Nested
  class StatusCodes {
    @Test
    void reportsGoneFor410() {
      server.stubFor(get("/gone").willReturn(aResponse().withStatus(410)));

      assertEquals(
          new FetchOutcome.Gone(url("/gone"), 410), fetcher.fetch(FetchRequest.of(url("/gone"))));
    }

    @Test
    void reportsServerErrorWithStatus() {
      server.stubFor(get("/boom").willReturn(aResponse().withStatus(500).withBody("oops")));

      assertEquals(
          new FetchOutcome.Failed(url("/boom"), 500, "HTTP 500"),
          fetcher.fetch(FetchRequest.of(url("/boom"))));
    }
  }

  @Nested
  class Timeouts {
    @Test
    void failsWithReadTimeoutWhenServerStalls() throws IOException {
      server.stubFor(get("/slow").willReturn(aResponse().withFixedDelay(3_000).withBody("<rss/>")));
      FetchSettings impatient =
          new FetchSettings(
              Duration.ofSeconds(5), Duration.ofMillis(500), 1024, "Feedfold/test", 3, 2, 8);

      try (HttpFetcher impatientFetcher = new HttpFetcher(impatient, InstantSource.fixed(NOW))) {
        assertEquals(
            new FetchOutcome.Failed(url("/slow"), 0, "read timed out after 500ms"),
            impatientFetcher.fetch(FetchRequest.of(url("/slow"))));
      }
    }
  }

  @Nested
  class ConnectionRefused {
    @Test
    void failsWithoutStatusWhenNothingListens() throws IOException {
      int port;
      try (ServerSocket probe = new ServerSocket(0)) {
        port = probe.getLocalPort();
      }
      URI closed = URI.create("http://127.0.0.1:" + port + "/feed");

      var failed =
          assertInstanceOf(FetchOutcome.Failed.class, fetcher.fetch(FetchRequest.of(closed)));
      assertEquals(0, failed.status());
      assertEquals("connection refused by 127.0.0.1", failed.reason());
    }
  }

  @Nested
  class UnknownHost {
    @Test
    void failsNamingHostThatDoesNotResolve() throws IOException {
      DnsResolver nothing =
          new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
              throw new UnknownHostException(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
              throw new UnknownHostException(host);
            }
          };
      URI missing = URI.create("http://example.invalid/feed");

      try (HttpFetcher offline = new HttpFetcher(SETTINGS, InstantSource.fixed(NOW), nothing)) {
        assertEquals(
            new FetchOutcome.Failed(missing, 0, "unknown host example.invalid"),
            offline.fetch(FetchRequest.of(missing)));
      }
    }
  }

  @Nested
  class BodyCap {
    @Test
    void truncatesBodyAtCapAndMarksIt() {
      byte[] big = new byte[(int) SETTINGS.maxBodyBytes() * 3];
      java.util.Arrays.fill(big, (byte) 'x');
      server.stubFor(get("/big").willReturn(aResponse().withBody(big)));

      var fetched =
          assertInstanceOf(FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(url("/big"))));
      assertTrue(fetched.truncated());
      assertEquals(SETTINGS.maxBodyBytes(), fetched.body().length);
    }

    @Test
    void keepsBodyExactlyAtCapWhole() {
      byte[] exact = new byte[(int) SETTINGS.maxBodyBytes()];
      server.stubFor(get("/exact").willReturn(aResponse().withBody(exact)));

      var fetched =
          assertInstanceOf(
              FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(url("/exact"))));
      assertFalse(fetched.truncated());
      assertEquals(exact.length, fetched.body().length);
    }
  }

  @Nested
  class RequestHeaders {
    @Test
    void sendsUserAgentAndFeedAccept() {
      // Matching in the stub, not the request journal, which is written after the response.
      server.stubFor(
          get("/ua")
              .withHeader("User-Agent", equalTo("Feedfold/test"))
              .withHeader("Accept", containing("application/rss+xml"))
              .withHeader("Accept-Encoding", containing("gzip"))
              .willReturn(aResponse().withBody("<rss/>")));

      assertInstanceOf(FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(url("/ua"))));
    }

    @Test
    void defaultUserAgentNamesFeedfoldAndVersion() {
      assertEquals(
          "Feedfold/1.2.3 (+https://github.com/feedfold/feedfold)",
          FetchSettings.defaults("1.2.3").userAgent());
    }
  }

  @Nested
  class Schemes {
    @Test
    void refusesNonHttpSchemesWithoutConnecting() {
      URI file = URI.create("file:///etc/passwd");

      assertEquals(
          new FetchOutcome.Failed(file, 0, "unsupported scheme 'file'"),
          fetcher.fetch(FetchRequest.of(file)));
    }

    @Test
    void refusesRedirectToNonHttpScheme() {
      server.stubFor(
          get("/to-file")
              .willReturn(
                  aResponse().withStatus(302).withHeader("Location", "file:///etc/passwd")));

      var failed =
          assertInstanceOf(
              FetchOutcome.Failed.class, fetcher.fetch(FetchRequest.of(url("/to-file"))));
      assertEquals(0, failed.status());
      assertEquals(
          "protocol error: Redirect URI does not specify a valid host name: file:///etc/passwd",
          failed.reason());
    }
  }
}
