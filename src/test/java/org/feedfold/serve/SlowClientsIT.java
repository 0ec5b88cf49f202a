package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Slow-loris clients: many connections that send part of a request and then trickle a header now
 * and then. The server must keep answering everyone else, close them after {@code
 * http.header-timeout}, and cap how many one address holds.
 */
@Timeout(60)
class SlowClientsIT {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  FeedServer server;
  final List<Socket> slow = new ArrayList<>();
  Thread trickler;

  @AfterEach
  void stop() throws Exception {
    if (trickler != null) {
      trickler.interrupt();
      trickler.join();
    }
    for (Socket s : slow) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private URI start(ServeSettings.Limits limits) throws IOException {
    server =
        new FeedServer(
            new ServeSettings("127.0.0.1", 0, 10, 20, "Slow", null).withLimits(limits),
            (q, s, l) -> Stories.all(),
            InstantSource.fixed(NOW));
    server.start();
    return server.address();
  }

  /** Opens {@code n} connections from {@code local} that send a partial request. */
  private void openSlow(URI address, String local, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      Socket s = RawHttp.open(address, local);
      OutputStream out = s.getOutputStream();
      out.write("GET /feed.atom HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      slow.add(s);
    }
  }

  /** Sends one more header line on every slow connection every {@code every}. */
  private void trickle(Duration every) {
    trickler =
        new Thread(
            () -> {
              try {
                for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                  Thread.sleep(every.toMillis());
                  for (Socket s : slow) {
                    try {
                      s.getOutputStream()
                          .write(("X-Slow-" + i + ": y\r\n").getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                      // closed by the server: what the timeout test waits for
                    }
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "test-trickler");
    trickler.start();
  }

  @Test
  void keepsAnsweringWhileManySlowClientsTrickleHeaders() throws Exception {
    URI address =
        start(
            new ServeSettings.Limits(
                Duration.ofSeconds(30), Duration.ofSeconds(60), 1000, 2000, 4, 64));
    openSlow(address, "127.0.0.1", 150);
    trickle(Duration.ofSeconds(1));

    for (int round = 0; round < 3; round++) {
      assertEquals(200, RawHttp.get(address, "127.0.0.1", "/healthz").status());
      RawHttp.Answer feed = RawHttp.get(address, "127.0.0.1", "/feed.atom");
      assertEquals(200, feed.status());
      assertTrue(feed.body().contains("<feed"), feed.body());
      Thread.sleep(1000);
    }
  }

  @Test
  void closesSlowConnectionsAfterTheHeaderTimeout() throws Exception {
    URI address =
        start(
            new ServeSettings.Limits(
                Duration.ofSeconds(2), Duration.ofSeconds(60), 100, 200, 4, 64));
    openSlow(address, "127.0.0.1", 20);
    trickle(Duration.ofMillis(500));

    for (Socket s : slow) {
      // Within RawHttp's 5 s read timeout: a 408 or a plain close, never a feed.
      RawHttp.Answer a = RawHttp.read(s.getInputStream());
      assertTrue(a.status() == 408 || a.status() == -1, a.toString());
    }
    assertEquals(200, RawHttp.get(address, "127.0.0.1", "/healthz").status());
  }

  @Test
  void closesIdleKeptAliveConnectionsAfterTheIdleTimeout() throws Exception {
    URI address =
        start(
            new ServeSettings.Limits(
                Duration.ofSeconds(10), Duration.ofSeconds(1), 100, 200, 4, 64));
    try (Socket s = RawHttp.open(address, "127.0.0.1")) {
      s.getOutputStream()
          .write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

      // Keep-alive: the answer arrives, then, within RawHttp's 5 s read timeout, the close.
      RawHttp.Answer a = RawHttp.read(s.getInputStream());

      assertEquals(200, a.status(), a.toString());
      assertEquals("ok\n", a.body());
    }
  }

  @Test
  void closesConnectionsWhoseClientDoesNotReadTheAnswer() throws Exception {
    // 20 stories with 1 MB titles: far more than the socket buffers hold.
    String title = "A long headline of a syndicated story. ".repeat(25_000);
    List<org.feedfold.model.Story> big = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      org.feedfold.model.Story s = Stories.all().get(i % 2);
      big.add(
          new org.feedfold.model.Story(
              s.id() + i,
              title,
              s.url(),
              s.html(),
              s.text(),
              s.firstSeen(),
              s.updated(),
              s.articles()));
    }
    server =
        new FeedServer(
            new ServeSettings("127.0.0.1", 0, 10, 20, "Big", null)
                .withLimits(
                    new ServeSettings.Limits(
                        Duration.ofSeconds(10), Duration.ofSeconds(1), 100, 200, 4, 64)),
            (q, s, l) -> big,
            InstantSource.fixed(NOW));
    server.start();
    Logger log = (Logger) LoggerFactory.getLogger(Deadlines.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    log.addAppender(events);
    Level level = log.getLevel();
    log.setLevel(Level.DEBUG);
    try (Socket s = RawHttp.open(server.address(), "127.0.0.1")) {
      s.getOutputStream()
          .write(
              "GET /feed.json?limit=20 HTTP/1.1\r\nHost: x\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      // Not reading: the write stalls once the socket buffers are full, and the idle timeout (1 s)
      // closes the connection. Wait for the server to say so (the test's @Timeout bounds this).
      while (!logged(events, "answer not read in time")) {
        Thread.sleep(50);
      }

      RawHttp.Answer a = RawHttp.read(s.getInputStream());

      int length = Integer.parseInt(a.header("Content-Length"));
      assertTrue(a.body().length() < length, "cut at " + a.body().length() + " of " + length);
    } finally {
      log.setLevel(level);
      log.detachAppender(events);
    }
  }

  private static boolean logged(ListAppender<ILoggingEvent> events, String text) {
    // Logback appends under the appender's lock.
    synchronized (events) {
      return events.list.stream().anyMatch(e -> e.getFormattedMessage().contains(text));
    }
  }

  @Test
  void refusesConnectionsBeyondThePerAddressCapAndServesOtherAddresses() throws Exception {
    URI address =
        start(
            new ServeSettings.Limits(
                Duration.ofSeconds(30), Duration.ofSeconds(60), 4, 100, 4, 64));
    openSlow(address, "127.0.0.1", 4);

    RawHttp.Answer refused = RawHttp.get(address, "127.0.0.1", "/healthz");
    assertNotEquals(200, refused.status(), refused.toString());
    assertTrue(refused.status() == 429 || refused.status() == -1, refused.toString());

    assertEquals(200, RawHttp.get(address, "127.0.0.2", "/healthz").status());
    assertEquals(200, RawHttp.get(address, "127.0.0.2", "/feed.atom").status());
  }

  @Test
  void freesTheAddressesShareWhenItsConnectionsClose() throws Exception {
    URI address =
        start(
            new ServeSettings.Limits(
                Duration.ofSeconds(30), Duration.ofSeconds(60), 4, 100, 4, 64));
    openSlow(address, "127.0.0.1", 4);
    for (Socket s : slow) {
      s.close();
    }

    // The server learns of the closes asynchronously; ask until it has (the test's @Timeout bounds
    // this).
    int status;
    do {
      status = RawHttp.get(address, "127.0.0.1", "/healthz").status();
    } while (status != 200);
    assertEquals(200, status);
  }

  @Test
  void refusesConnectionsBeyondTheGlobalCap() throws Exception {
    URI address =
        start(
            new ServeSettings.Limits(Duration.ofSeconds(30), Duration.ofSeconds(60), 4, 8, 4, 64));
    openSlow(address, "127.0.0.1", 4);
    openSlow(address, "127.0.0.2", 4);

    RawHttp.Answer refused = RawHttp.get(address, "127.0.0.3", "/healthz");

    assertTrue(refused.status() == 503 || refused.status() == -1, refused.toString());
  }
}
