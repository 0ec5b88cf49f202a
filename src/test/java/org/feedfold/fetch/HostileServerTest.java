package org.feedfold.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives {@link HttpFetcher} against a {@link HostileServer}: bodies far over the cap, endless
 * chunked bodies, gzip bombs and a byte-a-second trickle. Each ends with the cap kept (and the
 * server cut off, not drained) or a failure naming the limit.
 */
class HostileServerTest {
  static final long CAP = 256 * 1024;
  static final FetchSettings SETTINGS =
      new FetchSettings(
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          CAP,
          "Feedfold/test",
          3,
          2,
          8,
          Duration.ofSeconds(2));

  HostileServer server;
  HttpFetcher fetcher;

  @BeforeEach
  void start() throws IOException {
    server = new HostileServer();
    fetcher = new HttpFetcher(SETTINGS, InstantSource.fixed(Instant.parse("2026-11-30T00:00:00Z")));
  }

  @AfterEach
  void stop() throws IOException {
    fetcher.close();
    server.close();
  }

  @Test
  void keepsTheCapOfAGigabyteBodyAndStopsReading() {
    FetchOutcome.Fetched f =
        assertInstanceOf(
            FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(server.url("/gigabyte"))));

    assertTrue(f.truncated());
    assertEquals(CAP, f.body().length);
    assertTrue(server.written() < 64L << 20, "server wrote " + server.written() + " bytes");
  }

  @Test
  void keepsTheCapOfAnEndlessChunkedBodyAndStopsReading() {
    FetchOutcome.Fetched f =
        assertInstanceOf(
            FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(server.url("/chunked"))));

    assertTrue(f.truncated());
    assertEquals(CAP, f.body().length);
    assertTrue(server.written() < 64L << 20, "server wrote " + server.written() + " bytes");
  }

  @Test
  void capsTheInflatedBytesOfAGzipBomb() {
    FetchOutcome.Fetched f =
        assertInstanceOf(
            FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(server.url("/gzip-bomb"))));

    assertTrue(f.truncated());
    assertEquals(CAP, f.body().length);
  }

  @Test
  void failsATrickleAtTheTotalDeadlineNamingTheLimit() {
    FetchOutcome outcome = fetcher.fetch(FetchRequest.of(server.url("/trickle")));

    FetchOutcome.Failed failed = assertInstanceOf(FetchOutcome.Failed.class, outcome);
    assertEquals(server.url("/trickle"), failed.url());
    assertEquals("timed out: took longer than the 2s deadline (fetch.deadline)", failed.reason());
  }

  @Test
  void fetchesTheNextUrlNormallyAfterADeadline() {
    fetcher.fetch(FetchRequest.of(server.url("/trickle")));
    server.document("/ok", "application/rss+xml", "<rss/>".getBytes(StandardCharsets.UTF_8));

    FetchOutcome.Fetched next =
        assertInstanceOf(
            FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(server.url("/ok"))));

    assertEquals("<rss/>", new String(next.body(), StandardCharsets.UTF_8));
  }

  @Test
  void keepsWhatArrivedOfABodyTheServerCutShortWithoutItsValidators() {
    byte[] feed =
        "<rss version=\"2.0\"><channel><title>Cut</title>".getBytes(StandardCharsets.UTF_8);
    server.document("/short.xml", "application/rss+xml", feed);

    var fetched =
        assertInstanceOf(
            FetchOutcome.Fetched.class, fetcher.fetch(FetchRequest.of(server.url("/short.xml"))));

    assertArrayEquals(feed, fetched.body());
    assertTrue(fetched.cutShort());
    assertFalse(fetched.truncated(), "not the cap");
    assertNull(fetched.etag(), "no version to revalidate against");
  }
}
