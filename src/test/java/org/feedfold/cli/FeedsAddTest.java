package org.feedfold.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.feedfold.config.Subscriptions;
import org.feedfold.e2e.Fixtures;
import org.feedfold.model.Credentials;
import org.feedfold.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feeds add} checks what it adds: a feed keeps its title, a page leads to its feed. */
class FeedsAddTest {
  @TempDir Path dir;
  private WireMockServer http;
  private Path config;
  private Path opml;

  @BeforeEach
  void setUp() throws Exception {
    http = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    http.start();
    Fixtures.serve(http, "/wire/rss.xml", "wire-v1.xml", "application/rss+xml");
    http.stubFor(
        get(urlPathEqualTo("/"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody(
                        "<html><head><title>Wire</title>"
                            + "<link rel=\"alternate\" type=\"application/rss+xml\""
                            + " href=\"/wire/rss.xml\" title=\"Wire feed\"></head>"
                            + "<body><p>News.</p></body></html>")));
    http.stubFor(
        get(urlPathEqualTo("/about"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html><body><p>About us.</p></body></html>")));
    opml = dir.resolve("feeds.opml");
    Files.writeString(opml, "<opml version=\"2.0\"><head/><body></body></opml>\n");
    config = dir.resolve("feedfold.properties");
    Files.writeString(config, "data.dir=" + dir.resolve("data") + "\nfeeds.file=" + opml + "\n");
  }

  @AfterEach
  void tearDown() {
    http.stop();
  }

  private CliRun add(String... args) {
    String[] all = new String[2 + args.length];
    all[0] = "feeds";
    all[1] = "add";
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.run(config, all);
  }

  @Test
  void recordsTheFeedsOwnTitle() throws Exception {
    CliRun r = add(http.baseUrl() + "/wire/rss.xml");
    assertEquals(0, r.code(), r.err());
    List<Subscription> subs = Subscriptions.read(opml);
    assertEquals(1, subs.size());
    assertTrue(subs.get(0).title() != null && !subs.get(0).title().isBlank(), subs.toString());
    assertTrue(r.out().contains("added: " + http.baseUrl() + "/wire/rss.xml"), r.out());
  }

  @Test
  void followsTheFeedAHomePageAdvertises() throws Exception {
    CliRun r = add(http.baseUrl() + "/");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        List.of(URI.create(http.baseUrl() + "/wire/rss.xml")),
        Subscriptions.read(opml).stream().map(Subscription::url).toList());
    assertTrue(
        r.out().contains("found " + http.baseUrl() + "/wire/rss.xml advertised by"), r.out());
  }

  @Test
  void refusesAPageThatIsNoFeedAndLinksToNone() throws Exception {
    String before = Files.readString(opml);
    CliRun r = add(http.baseUrl() + "/about");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.err().contains("is not a feed"), r.err());
    assertTrue(r.err().contains("links to none"), r.err());
    assertEquals(before, Files.readString(opml), "nothing added");
  }

  @Test
  void keepsThePasswordOfAPrivateFeedInTheListAndShowsItNowhere() throws Exception {
    http.stubFor(
        get(urlPathEqualTo("/private/rss.xml"))
            .withBasicAuth("editor", "s@cret pw")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/rss+xml")
                    .withBody(Fixtures.text(http, "wire-v1.xml"))));
    String clean = "http://127.0.0.1:" + http.port() + "/private/rss.xml";

    CliRun r = add("http://editor:s%40cret%20pw@127.0.0.1:" + http.port() + "/private/rss.xml");

    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("added: " + clean), r.out());
    assertTrue(r.out().contains("as user 'editor'"), r.out());
    assertFalse(r.out().contains("cret"), r.out());
    Subscription s = Subscriptions.read(opml).get(0);
    assertEquals(URI.create(clean), s.url());
    assertEquals(new Credentials("editor", "s@cret pw"), s.credentials());
    assertTrue(Files.readString(opml).contains("//editor:s%40cret%20pw@127.0.0.1:"));

    CliRun again =
        add("--no-check", "http://editor:other@127.0.0.1:" + http.port() + "/private/rss.xml");
    assertTrue(again.out().contains("already subscribed: " + clean), again.out());
    assertFalse(again.out().contains("other"), again.out());
  }

  @Test
  void saysAPrivateFeedNeedsAPassword() throws Exception {
    http.stubFor(
        get(urlPathEqualTo("/private/rss.xml"))
            .willReturn(
                aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"x\"")));

    CliRun r = add(http.baseUrl() + "/private/rss.xml");

    assertEquals(1, r.code(), r.out());
    assertTrue(r.err().contains("needs a user name and password"), r.err());
  }

  @Test
  void takesAFeedSchemeUrlForTheHttpUrlItWraps() throws Exception {
    CliRun r = add("feed://127.0.0.1:" + http.port() + "/wire/rss.xml");

    assertEquals(0, r.code(), r.err());
    assertEquals(
        List.of(URI.create("http://127.0.0.1:" + http.port() + "/wire/rss.xml")),
        Subscriptions.read(opml).stream().map(Subscription::url).toList());
  }

  @Test
  void addsAsGivenWithoutCheckingWhenAsked() throws Exception {
    CliRun r = add("--no-check", "--title", "Later", "https://not-up-yet.example/feed.xml");
    assertEquals(0, r.code(), r.err());
    assertEquals("Later", Subscriptions.read(opml).get(0).title());
  }
}
