package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/fetch}, the daemon's control path: POST only there, only from this machine, only
 * with the token when one is set; it queues, or waits and reports per feed.
 */
class ControlPathTest {
  static final String TOKEN = "s3cret-token-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> asked = Collections.synchronizedList(new ArrayList<>());
  static FeedServer open;
  static FeedServer guarded;

  /** Fetches nothing: every feed is "fetched" at once, one of them skipped, as the daemon would. */
  static final FetchControl CONTROL =
      (feed, force) -> {
        asked.add(feed + " force=" + force);
        List<String> urls =
            feed != null ? List.of(feed.toString()) : List.of("http://a/f.xml", "http://b/f.xml");
        List<FetchControl.Queued> out = new ArrayList<>();
        for (String u : urls) {
          FetchControl.Outcome o =
              u.startsWith("http://b/") && !force
                  ? new FetchControl.Outcome(u, "skipped", 0, 0, 0, "disabled")
                  : new FetchControl.Outcome(u, "fetched", 3, 1, 0, null);
          out.add(new FetchControl.Queued(u, CompletableFuture.completedFuture(o)));
        }
        return out;
      };

  @BeforeAll
  static void start() throws Exception {
    Instant now = Instant.parse("2026-11-30T10:00:00Z");
    open =
        new FeedServer(
            new ServeSettings("127.0.0.1", 0, 10, 20, "Open", null),
            (q, since, l) -> Stories.all(),
            StoryLookup.NONE,
            CONTROL,
            InstantSource.fixed(now));
    open.start();
    guarded =
        new FeedServer(
            new ServeSettings(
                "0.0.0.0", 0, 10, 20, "Guarded", null, ServeSettings.Limits.defaults(), TOKEN),
            (q, since, l) -> Stories.all(),
            StoryLookup.NONE,
            CONTROL,
            InstantSource.fixed(now));
    guarded.start();
  }

  @AfterAll
  static void stop() {
    open.close();
    guarded.close();
  }

  @BeforeEach
  void forget() {
    asked.clear();
  }

  private static RawHttp.Answer post(URI server, String local, String target, String... headers)
      throws Exception {
    return RawHttp.send(server, local, "POST " + target + " HTTP/1.1", headers);
  }

  @Test
  void queuesEveryFeedAndAnswersAtOnce() throws Exception {
    RawHttp.Answer a = post(open.address(), "127.0.0.1", "/api/fetch");
    assertEquals(202, a.status(), a.body());
    JsonNode json = JSON.readTree(a.body());
    assertEquals("[\"http://a/f.xml\"]", json.get("queued").toString());
    assertEquals("disabled", json.get("skipped").get(0).get("reason").asText());
    assertEquals(List.of("null force=false"), asked);
  }

  @Test
  void waitsAndReportsEachFeedOfOneFeedOrForced() throws Exception {
    RawHttp.Answer a =
        post(
            open.address(), "127.0.0.1", "/api/fetch?feed=http%3A%2F%2Fb%2Ff.xml&wait=10s&force=1");
    assertEquals(200, a.status(), a.body());
    JsonNode r = JSON.readTree(a.body()).get("results").get(0);
    assertEquals("http://b/f.xml", r.get("url").asText());
    assertEquals("fetched", r.get("outcome").asText());
    assertEquals(1, r.get("added").asInt());
    assertTrue(r.get("error").isNull());
    assertEquals(0, JSON.readTree(a.body()).get("pending").size());
    assertEquals(List.of("http://b/f.xml force=true"), asked);
  }

  @Test
  void refusesBadParametersNamingThem() throws Exception {
    RawHttp.Answer a = post(open.address(), "127.0.0.1", "/api/fetch?fed=http%3A%2F%2Fa%2F");
    assertEquals(400, a.status());
    assertTrue(a.body().contains("unknown parameter 'fed'"), a.body());
    assertEquals(
        400, post(open.address(), "127.0.0.1", "/api/fetch?feed=file:/etc/passwd").status());
    assertEquals(400, post(open.address(), "127.0.0.1", "/api/fetch?wait=forever").status());
    assertTrue(asked.isEmpty(), "nothing fetched: " + asked);
  }

  @Test
  void allowsPostOnlyOnTheControlPath() throws Exception {
    RawHttp.Answer get = RawHttp.get(open.address(), "127.0.0.1", "/api/fetch");
    assertEquals(405, get.status());
    assertEquals("POST", get.headers().get("allow"));
    RawHttp.Answer feed = post(open.address(), "127.0.0.1", "/feed.atom");
    assertEquals(405, feed.status());
    assertEquals("GET, HEAD", feed.headers().get("allow"));
    assertEquals(
        405, RawHttp.send(open.address(), "127.0.0.1", "PUT /api/fetch HTTP/1.1").status());
    assertTrue(asked.isEmpty(), "nothing fetched: " + asked);
  }

  @Test
  void needsTheTokenWhenOneIsSet() throws Exception {
    URI local = URI.create("http://127.0.0.1:" + guarded.address().getPort() + "/");
    assertEquals(401, post(local, "127.0.0.1", "/api/fetch").status());
    assertTrue(asked.isEmpty());
    assertEquals(
        202, post(local, "127.0.0.1", "/api/fetch", "Authorization: Bearer " + TOKEN).status());
  }

  @Test
  void answersOnlyThisMachine() throws Exception {
    InetAddress other = nonLoopbackAddress();
    assumeTrue(other != null, "this machine has no non-loopback IPv4 address");
    URI remote =
        URI.create("http://" + other.getHostAddress() + ":" + guarded.address().getPort() + "/");
    RawHttp.Answer a =
        post(remote, other.getHostAddress(), "/api/fetch", "Authorization: Bearer " + TOKEN);
    assertEquals(403, a.status(), a.body());
    assertTrue(asked.isEmpty(), "nothing fetched: " + asked);
    assertNull(a.headers().get("allow"));
  }

  private static InetAddress nonLoopbackAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
          return a;
        }
      }
    }
    return null;
  }
}
