package org.feedfold.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.Subscription;
import org.feedfold.serve.FeedServer;
import org.feedfold.serve.PushReceiver;
import org.feedfold.serve.ServeSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscribes to a WireMock hub a feed advertises, answers its verification and takes its pushes
 * through the real Netty server (behind a bearer token the hub does not send) into a real index.
 */
class WebSubSubscriberTest {
  static final String TOKEN = "a-token-of-sixteen-chars";
  static final URI PUBLIC = URI.create("https://feedfold.example/");
  static final String TOPIC = "https://gazette.example/feed.xml";

  @TempDir Path dir;
  WireMockServer wire;
  HttpFetcher fetcher;
  ArticleIndex index;
  TestClock clock;
  FeedIngester ingester;
  WebSub webSub;
  FeedServer server;
  Subscription sub;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    wire = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    wire.start();
    wire.stubFor(post(urlEqualTo("/hub")).willReturn(aResponse().withStatus(202)));
    wire.stubFor(
        get(urlEqualTo("/feed.xml"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/atom+xml")
                    .withBody(fixture("feed.xml"))));
    sub = new Subscription(URI.create(wire.baseUrl() + "/feed.xml"), "Gazette", null);
    clock = new TestClock(Instant.parse("2026-11-30T05:30:00Z"));
    fetcher = new HttpFetcher(FetchSettings.defaults("test"));
    index = ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), clock);
    ingester = TestIngesters.create(fetcher, index, clock);
    webSub =
        new WebSub(
            new WebSubSettings(PUBLIC, Duration.ofDays(7), 1 << 20),
            fetcher,
            ingester,
            dir,
            clock,
            new Random(42));
    server =
        new FeedServer(
            new ServeSettings(
                "127.0.0.1", 0, 10, 50, "Test", null, ServeSettings.Limits.defaults(), TOKEN),
            index::stories,
            clock);
    server.push(receiver(webSub));
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    index.close();
    fetcher.close();
    wire.stop();
  }

  @Test
  void subscribesToTheAdvertisedHubAfterAFetch() throws IOException {
    ingester.ingest(sub);

    Map<String, String> form = onlySubscription();
    assertEquals("subscribe", form.get("hub.mode"));
    assertEquals(TOPIC, form.get("hub.topic"), "the feed's rel=self is the topic");
    assertTrue(
        form.get("hub.callback").matches("https://feedfold\\.example/websub/[A-Za-z0-9_-]{22}"),
        form.get("hub.callback"));
    assertTrue(form.get("hub.secret").length() >= 43, "32 random bytes or more");
    assertEquals("604800", form.get("hub.lease_seconds"));
  }

  @Test
  void aSecondFetchDoesNotAskAgainWhileTheRequestIsPending() throws IOException {
    ingester.ingest(sub);
    clock.advance(Duration.ofMinutes(30));
    ingester.ingest(sub);

    assertEquals(1, wire.findAll(postRequestedFor(urlEqualTo("/hub"))).size());
  }

  @Test
  void verificationEchoesTheChallengeForTheTopicAskedFor() throws Exception {
    ingester.ingest(sub);
    String path = callbackPath(onlySubscription());

    HttpResponse<String> ok = verify(path, "subscribe", TOPIC, "c-123", "86400");
    HttpResponse<String> wrongTopic =
        verify(path, "subscribe", "https://other.example/feed", "c-456", "86400");
    HttpResponse<String> wrongId =
        verify("/websub/AAAAAAAAAAAAAAAAAAAAAA", "subscribe", TOPIC, "c-789", "86400");
    HttpResponse<String> notAsked = verify(path, "unsubscribe", TOPIC, "c-000", null);

    assertEquals(200, ok.statusCode());
    assertEquals("c-123", ok.body());
    assertEquals(404, wrongTopic.statusCode());
    assertEquals(404, wrongId.statusCode());
    assertEquals(404, notAsked.statusCode());
    assertEquals(
        401,
        send(HttpRequest.newBuilder(server.address().resolve("/feed.atom")).GET()).statusCode(),
        "every other path still needs the token");
  }

  @Test
  void aSignedPushIsIngestedAsAFetchedBody() throws Exception {
    ingester.ingest(sub);
    Map<String, String> form = onlySubscription();
    verify(callbackPath(form), "subscribe", TOPIC, "c", "86400");
    String id = ArticleAssembler.articleId(sub.url(), "https://gazette.example/lighthouse-keeper");
    assertFalse(index.contains(id));

    byte[] body = fixture("push.xml").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r =
        push(
            callbackPath(form), body, "sha256=" + hmac("HmacSHA256", form.get("hub.secret"), body));

    assertEquals(202, r.statusCode());
    assertTrue(index.contains(id), "the pushed entry is an article");
    assertTrue(
        index.stories(null, null, 10).stream()
            .anyMatch(s -> s.title().contains("Lighthouse keeper")),
        "and a story");
  }

  @Test
  void aPushLargerThanTheServersSmallBodyCapIsTaken() throws Exception {
    ingester.ingest(sub);
    Map<String, String> form = onlySubscription();
    verify(callbackPath(form), "subscribe", TOPIC, "c", "86400");
    byte[] body =
        fixture("push.xml")
            .replace("<title>Harbour", "<!-- " + "x".repeat(64 * 1024) + " --><title>Harbour")
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> r =
        push(
            callbackPath(form), body, "sha512=" + hmac("HmacSHA512", form.get("hub.secret"), body));

    assertEquals(202, r.statusCode());
    assertTrue(
        index.contains(
            ArticleAssembler.articleId(sub.url(), "https://gazette.example/lighthouse-keeper")));
    assertEquals(
        405,
        send(HttpRequest.newBuilder(server.address().resolve("/feed.atom"))
                .POST(HttpRequest.BodyPublishers.ofString("x")))
            .statusCode(),
        "other paths still take GET and HEAD only");
  }

  @Test
  void aPushWithABadOrMissingSignatureIsAnsweredButIgnored() throws Exception {
    ingester.ingest(sub);
    Map<String, String> form = onlySubscription();
    verify(callbackPath(form), "subscribe", TOPIC, "c", "86400");
    byte[] body = fixture("push.xml").getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> bad =
        push(callbackPath(form), body, "sha256=" + hmac("HmacSHA256", "not-the-secret", body));
    HttpResponse<String> missing = push(callbackPath(form), body, null);
    HttpResponse<String> sha1 = push(callbackPath(form), body, "sha1=" + "00".repeat(20));

    assertEquals(202, bad.statusCode());
    assertEquals(202, missing.statusCode());
    assertEquals(202, sha1.statusCode());
    assertFalse(
        index.contains(
            ArticleAssembler.articleId(sub.url(), "https://gazette.example/lighthouse-keeper")));
  }

  @Test
  void acceptsEachSignatureAlgorithmOfTheSpec() {
    byte[] body = "x".getBytes(StandardCharsets.UTF_8);
    for (String[] a :
        new String[][] {
          {"sha1", "HmacSHA1"},
          {"sha256", "HmacSHA256"},
          {"sha384", "HmacSHA384"},
          {"sha512", "HmacSHA512"}
        }) {
      assertTrue(WebSub.signed(body, a[0] + "=" + hmac(a[1], "s", body), "s"), a[0]);
    }
    assertFalse(WebSub.signed(body, "md5=" + "00".repeat(16), "s"));
    assertFalse(WebSub.signed(body, "sha256=zz", "s"));
  }

  @Test
  void renewsTheLeaseOnceMostOfItHasPassed() throws Exception {
    ingester.ingest(sub);
    verify(callbackPath(onlySubscription()), "subscribe", TOPIC, "c", "1000");

    clock.advance(Duration.ofSeconds(840));
    ingester.tick(clock.instant());
    assertEquals(1, wire.findAll(postRequestedFor(urlEqualTo("/hub"))).size(), "not yet");

    clock.advance(Duration.ofSeconds(20));
    ingester.tick(clock.instant());
    ingester.tick(clock.instant());
    assertEquals(
        2, wire.findAll(postRequestedFor(urlEqualTo("/hub"))).size(), "renewed once at 85%");
  }

  @Test
  void unsubscribesWhenTheFeedIsNoLongerListed() throws Exception {
    ingester.ingest(sub);
    String path = callbackPath(onlySubscription());
    verify(path, "subscribe", TOPIC, "c", "86400");

    ingester.subscriptions(List.of());

    List<LoggedRequest> asked = wire.findAll(postRequestedFor(urlEqualTo("/hub")));
    assertEquals(2, asked.size());
    assertEquals("unsubscribe", form(asked.get(1)).get("hub.mode"));
    assertEquals("c2", verify(path, "unsubscribe", TOPIC, "c2", null).body());
    assertTrue(webSub.leases().isEmpty());
  }

  @Test
  void subscriptionsSurviveARestart() throws Exception {
    ingester.ingest(sub);
    String path = callbackPath(onlySubscription());
    verify(path, "subscribe", TOPIC, "c", "86400");

    WebSub again =
        new WebSub(
            new WebSubSettings(PUBLIC, Duration.ofDays(7), 1 << 20),
            fetcher,
            ingester,
            dir,
            clock,
            new Random(7));

    assertEquals(webSub.leases(), again.leases());
  }

  private Map<String, String> onlySubscription() {
    List<LoggedRequest> asked = wire.findAll(postRequestedFor(urlEqualTo("/hub")));
    assertEquals(1, asked.size(), "one subscription request");
    return form(asked.get(0));
  }

  private static Map<String, String> form(LoggedRequest r) {
    Map<String, String> form = new HashMap<>();
    for (String pair : r.getBodyAsString().split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return form;
  }

  private static String callbackPath(Map<String, String> form) {
    return URI.create(form.get("hub.callback")).getPath();
  }

  private HttpResponse<String> verify(
      String path, String mode, String topic, String challenge, String lease) throws Exception {
    String q =
        "hub.mode="
            + mode
            + "&hub.topic="
            + URLEncoder.encode(topic, StandardCharsets.UTF_8)
            + "&hub.challenge="
            + challenge
            + (lease == null ? "" : "&hub.lease_seconds=" + lease);
    return send(HttpRequest.newBuilder(server.address().resolve(path + "?" + q)).GET());
  }

  private HttpResponse<String> push(String path, byte[] body, String signature) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.address().resolve(path))
            .header("Content-Type", "application/atom+xml")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      b.header("X-Hub-Signature", signature);
    }
    return send(b);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws IOException {
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static String hmac(String algorithm, String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private String fixture(String name) {
    try (InputStream in = getClass().getResourceAsStream("/ingest/websub/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("HUB", wire.baseUrl() + "/hub");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PushReceiver receiver(WebSub w) {
    return new PushReceiver() {
      @Override
      public String verify(
          String id, String mode, String topic, String challenge, String leaseSeconds) {
        return w.verify(id, mode, topic, challenge, leaseSeconds);
      }

      @Override
      public boolean deliver(String id, byte[] body, String contentType, String signature)
          throws IOException {
        return w.deliver(id, body, contentType, signature);
      }

      @Override
      public long maxBody() {
        return w.maxBody();
      }
    };
  }
}
