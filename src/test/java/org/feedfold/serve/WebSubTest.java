package org.feedfold.serve;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Advertises a WebSub hub in the feeds and pings a WireMock hub when the index changes. */
class WebSubTest {
  static final URI HUB = URI.create("https://hub.example/");
  WireMockServer hub;

  @BeforeEach
  void start() {
    hub = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    hub.start();
    hub.stubFor(post(urlEqualTo("/hub")).willReturn(aResponse().withStatus(204)));
  }

  @AfterEach
  void stop() {
    hub.stop();
  }

  static FeedView view() {
    return FeedView.of("Feedfold", URI.create("http://feeds.example/"), "feed.atom", Stories.all())
        .withHub(HUB);
  }

  @Test
  void feedsAdvertiseTheHub() throws Exception {
    String atom = new String(AtomRenderer.render(view()), StandardCharsets.UTF_8);
    String rss = new String(RssRenderer.render(view()), StandardCharsets.UTF_8);
    JsonNode json = new ObjectMapper().readTree(JsonFeedRenderer.render(view()));

    assertTrue(atom.contains("<link rel=\"hub\" href=\"https://hub.example/\" />"), atom);
    assertTrue(rss.contains("<atom:link href=\"https://hub.example/\" rel=\"hub\" />"), rss);
    assertEquals("WebSub", json.get("hubs").get(0).get("type").asText());
    assertEquals(HUB.toString(), json.get("hubs").get(0).get("url").asText());
  }

  @Test
  void withoutAHubNothingIsAdvertised() {
    FeedView plain =
        FeedView.of("Feedfold", URI.create("http://feeds.example/"), "feed.atom", Stories.all());
    assertFalse(new String(AtomRenderer.render(plain), StandardCharsets.UTF_8).contains("hub"));
  }

  @Test
  void pingsEachFeedOncePerChangeOfTheIndex() {
    AtomicLong generation = new AtomicLong(5);
    List<URI> topics =
        List.of(
            URI.create("http://feeds.example/feed.atom"),
            URI.create("http://feeds.example/feed.rss"));
    WebSubPinger pinger =
        new WebSubPinger(
            URI.create(hub.baseUrl() + "/hub"),
            generation::get,
            () -> topics,
            HttpClient.newHttpClient());

    assertFalse(pinger.checkOnce(), "nothing changed since start");
    generation.set(6);
    assertTrue(pinger.checkOnce());
    assertFalse(pinger.checkOnce(), "pinged already");

    hub.verify(2, postRequestedFor(urlEqualTo("/hub")));
    hub.verify(
        postRequestedFor(urlEqualTo("/hub"))
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
            .withRequestBody(
                equalTo("hub.mode=publish&hub.url=http%3A%2F%2Ffeeds.example%2Ffeed.atom")));
  }

  @Test
  void aFailingHubIsAskedAgainAtTheNextChange() {
    hub.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));
    AtomicLong generation = new AtomicLong(1);
    WebSubPinger pinger =
        new WebSubPinger(
            URI.create(hub.baseUrl() + "/down"),
            generation::get,
            () -> List.of(URI.create("http://feeds.example/feed.atom")),
            HttpClient.newHttpClient());

    generation.set(2);
    pinger.checkOnce();
    generation.set(3);
    pinger.checkOnce();

    hub.verify(2, postRequestedFor(urlEqualTo("/down")));
  }

  @Test
  void aDaemonThatDoesNotLeadPingsNothingAndTheLeaderPingsTheChangeOnce() {
    AtomicLong generation = new AtomicLong(1);
    AtomicBoolean leads = new AtomicBoolean(false);
    WebSubPinger pinger =
        new WebSubPinger(
            URI.create(hub.baseUrl() + "/hub"),
            generation::get,
            () -> List.of(URI.create("http://feeds.example/feed.atom")),
            HttpClient.newHttpClient(),
            leads::get);

    generation.set(2);
    assertFalse(pinger.checkOnce(), "another daemon leads: it tells the hub");
    hub.verify(0, postRequestedFor(urlEqualTo("/hub")));

    leads.set(true);
    assertTrue(pinger.checkOnce(), "leading now: the change seen meanwhile is told");
    assertFalse(pinger.checkOnce());
    hub.verify(1, postRequestedFor(urlEqualTo("/hub")));
  }
}
