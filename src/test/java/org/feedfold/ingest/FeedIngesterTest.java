package org.feedfold.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.e2e.Fixtures;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.FeedState;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.feedfold.model.Subscription;
import org.feedfold.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedIngesterTest {
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-11-27T12:00:00Z"));

  @TempDir Path dir;
  private WireMockServer http;
  private HttpFetcher fetcher;
  private ArticleIndex index;
  private FeedIngester ingester;

  @BeforeEach
  void setUp() throws IOException {
    http = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    http.start();
    Fixtures.serve(http, "/teaser/rss.xml", "teaser.xml", "application/rss+xml");
    Fixtures.serve(http, "/news/quake-toll.html", "quake-toll.html", "text/html; charset=utf-8");
    fetcher = new HttpFetcher(FetchSettings.defaults("test"));
    index = ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), CLOCK);
    ingester = TestIngesters.create(fetcher, index, CLOCK);
  }

  @AfterEach
  void tearDown() throws IOException {
    index.close();
    fetcher.close();
    http.stop();
  }

  private Subscription teaserFeed() {
    return new Subscription(URI.create(http.baseUrl() + "/teaser/rss.xml"), null, null);
  }

  @Test
  void fetchesThePageOfATeaserOnceAndIndexesItsText() throws IOException {
    FeedReport first = ingester.ingest(teaserFeed());
    assertEquals(new FeedReport(teaserFeed().url(), "fetched", 1, 1, 0, null), first);
    List<SearchHit> hits = index.search("landslide", null, 10);
    assertEquals(1, hits.size(), "the page's body, not only the teaser, is indexed");
    assertEquals("Example Teasers", hits.get(0).source());
    assertTrue(index.search("\"Celebrity chef\"", null, 10).isEmpty(), "page furniture is not");

    FeedReport again = ingester.ingest(teaserFeed());
    assertEquals(0, again.added() + again.changed());
    http.verify(1, getRequestedFor(urlPathEqualTo("/news/quake-toll.html")));
    assertEquals(1, index.search("landslide", null, 10).size(), "re-polls keep the page text");
  }

  @Test
  void keepsTheTeasersWhenEveryLinkAnswersTheSameConsentPage() throws IOException {
    Fixtures.serve(http, "/walled/rss.xml", "walled.xml", "application/rss+xml");
    for (int i = 1; i <= 4; i++) {
      Fixtures.serve(http, "/walled/" + i + ".html", "consent.html", "text/html; charset=utf-8");
    }
    Subscription walled =
        new Subscription(URI.create(http.baseUrl() + "/walled/rss.xml"), null, null);

    assertTrue(ingester.ingest(walled).ok());
    List<Story> stories = index.stories(null, null, 10);

    assertEquals(5, stories.size(), "five unrelated stories, not one story of the consent page");
    for (Story s : stories) {
      assertFalse(s.text().contains("cookies"), () -> s.title() + ": " + s.text());
    }
    assertEquals(1, index.search("Manafort", null, 10).size(), "the teaser is indexed");
    assertEquals(1, index.search("landslide", null, 10).size(), "a real page still replaces it");
  }

  @Test
  void keepsEntriesApartThatAllLinkToTheFrontPage() throws IOException {
    Fixtures.serve(http, "/front/rss.xml", "homepage.xml", "application/rss+xml");
    Fixtures.serve(http, "/", "homepage.html", "text/html; charset=utf-8");
    Subscription front =
        new Subscription(URI.create(http.baseUrl() + "/front/rss.xml"), null, null);

    FeedReport report = ingester.ingest(front);
    List<Story> stories = index.stories(null, null, 10);

    assertEquals(new FeedReport(front.url(), "fetched", 4, 4, 0, null), report);
    assertEquals(4, stories.size(), "four stories, not one entry updated three times");
    for (Story s : stories) {
      assertEquals(1, s.articles().size(), s.title());
      assertFalse(s.text().contains("Front Page"), () -> s.title() + ": " + s.text());
    }
    http.verify(0, getRequestedFor(urlPathEqualTo("/")));
    assertEquals(0, ingester.ingest(front).changed(), "a re-poll changes nothing");
  }

  @Test
  void listsAnArticleThatSeveralFeedsOfItsOutletCarryOnce() throws IOException {
    Fixtures.serve(http, "/world/rss.xml", "section-world.xml", "application/rss+xml");
    Fixtures.serve(http, "/top/rss.xml", "section-top.xml", "application/rss+xml");
    Subscription world =
        new Subscription(URI.create(http.baseUrl() + "/world/rss.xml"), null, null);
    Subscription top = new Subscription(URI.create(http.baseUrl() + "/top/rss.xml"), null, null);

    ingester.ingest(world);
    FeedReport second = ingester.ingest(top);
    List<Story> stories = index.stories(null, null, 10);

    assertEquals(new FeedReport(top.url(), "fetched", 1, 0, 0, null), second);
    assertEquals(1, stories.size());
    assertEquals(
        List.of("Example Teasers - World"),
        stories.get(0).articles().stream().map(StoryMember::source).toList(),
        "one page in two section feeds (one link with tracking parameters) is one article");
    assertTrue(stories.get(0).text().contains("landslide"), "the page's text");
    http.verify(1, getRequestedFor(urlPathEqualTo("/news/quake-toll.html")));
    assertEquals(0, ingester.ingest(top).changed(), "a re-poll changes nothing");
    http.verify(1, getRequestedFor(urlPathEqualTo("/news/quake-toll.html")));
  }

  /**
   * The entries of a document are looked up in the store at once, before any is added (issue 13);
   * what the document's own adds store meanwhile (an entry repeated, one page under two guids) is
   * known as the entry-by-entry lookups knew it: each new page is fetched once, an entry another
   * feed of the outlet brought stays that feed's, and the report counts are the same.
   */
  @Test
  void looksUpADocumentOnceAndKnowsWhatItsOwnEntriesAddedMeanwhile() throws IOException {
    Fixtures.serve(http, "/world/rss.xml", "section-world.xml", "application/rss+xml");
    Fixtures.serve(http, "/digest/rss.xml", "section-digest.xml", "application/rss+xml");
    Fixtures.serve(http, "/news/ferry-aground.html", "ferry.html", "text/html; charset=utf-8");
    Subscription world =
        new Subscription(URI.create(http.baseUrl() + "/world/rss.xml"), null, null);
    Subscription digest =
        new Subscription(URI.create(http.baseUrl() + "/digest/rss.xml"), null, null);
    Map<String, Integer> calls = new TreeMap<>();
    Store counted =
        (Store)
            Proxy.newProxyInstance(
                Store.class.getClassLoader(),
                new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                  calls.merge(method.getName(), 1, Integer::sum);
                  try {
                    return method.invoke(index, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    FeedIngester asking =
        new FeedIngester(TestIngesters.stages(fetcher), counted, IngestSettings.defaults(), CLOCK);

    asking.ingest(world);
    calls.clear();
    FeedReport first = asking.ingest(digest);
    int knownCalls = calls.getOrDefault("known", 0);
    FeedReport again = asking.ingest(digest);
    List<Story> stories = index.stories(null, null, 10);

    assertEquals(new FeedReport(digest.url(), "fetched", 5, 1, 0, null), first);
    assertEquals(new FeedReport(digest.url(), "fetched", 5, 0, 0, null), again);
    http.verify(1, getRequestedFor(urlPathEqualTo("/news/ferry-aground.html")));
    http.verify(1, getRequestedFor(urlPathEqualTo("/news/quake-toll.html")));
    assertEquals(2, stories.size(), stories.toString());
    Map<String, List<String>> sources = new TreeMap<>();
    for (Story s : stories) {
      sources.put(
          s.articles().get(0).title(), s.articles().stream().map(StoryMember::source).toList());
    }
    assertEquals(
        Map.of(
            "Ferry runs aground off Cebu", List.of("Example Teasers - Digest"),
            "Quake toll rises in Mindanao", List.of("Example Teasers - World")),
        sources,
        "each page one article, under the feed that brought it first");
    assertEquals(1, knownCalls, "one lookup for the document: " + calls);
  }

  @Test
  void fetchesAPrivateFeedAndItsPagesWithItsPasswordAndStoresItNowhere() throws IOException {
    String feed = Fixtures.text(http, "teaser.xml");
    http.stubFor(
        get(urlPathEqualTo("/private/rss.xml"))
            .atPriority(1)
            .withBasicAuth("editor", "s3cret")
            .willReturn(
                aResponse().withHeader("Content-Type", "application/rss+xml").withBody(feed)));
    for (String path : List.of("/private/rss.xml", "/news/quake-toll.html")) {
      http.stubFor(
          get(urlPathEqualTo(path))
              .atPriority(2)
              .withHeader("Authorization", absent())
              .willReturn(aResponse().withStatus(401)));
    }
    Subscription partner =
        new Subscription(
            URI.create(http.baseUrl().replace("://", "://editor:s3cret@") + "/private/rss.xml"),
            null,
            null);

    FeedReport report = ingester.ingest(partner);

    assertEquals(1, report.added(), report.toString());
    http.verify(
        1,
        getRequestedFor(urlPathEqualTo("/news/quake-toll.html"))
            .withBasicAuth(new BasicCredentials("editor", "s3cret")));
    List<String> feedUrls = new ArrayList<>();
    index.forEachArticle(a -> feedUrls.add(a.feedUrl()));
    assertEquals(List.of(http.baseUrl() + "/private/rss.xml"), feedUrls);
  }

  @Test
  void followsARedirectPageToTheArticle() throws IOException {
    http.stubFor(
        get(urlPathEqualTo("/news/quake-toll.html"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html")
                    .withBody(
                        "<html><head><meta http-equiv=\"refresh\""
                            + " content=\"0; url=/2019/10/quake-toll.html\"></head>"
                            + "<body><p>Redirecting…</p></body></html>")));
    Fixtures.serve(http, "/2019/10/quake-toll.html", "quake-toll.html", "text/html; charset=utf-8");

    ingester.ingest(teaserFeed());

    http.verify(1, getRequestedFor(urlPathEqualTo("/2019/10/quake-toll.html")));
    assertEquals(
        1, index.search("kidapawan", null, 10).size(), "the article's text, not the teaser's");
  }

  @Test
  void fetchesAPageWhoseLinkHasAccentsAndSpacesAsABrowserWould() throws IOException {
    Fixtures.serve(http, "/intl/rss.xml", "intl-links.xml", "application/rss+xml");
    String asked = "/news/deprem%20%C3%B6l%C3%A7%C3%BCm%C3%BC/quake-toll.html";
    Fixtures.serve(http, asked, "quake-toll.html", "text/html; charset=utf-8");

    ingester.ingest(new Subscription(URI.create(http.baseUrl() + "/intl/rss.xml"), null, null));

    http.verify(1, getRequestedFor(urlPathEqualTo(asked)));
    assertEquals(1, index.search("kidapawan", null, 10).size(), "the page's text");
  }

  @Test
  void readsAnArticlePageAServerLabelsAsAFile() throws IOException {
    http.stubFor(
        get(urlPathEqualTo("/news/quake-toll.html"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/octet-stream")
                    .withBody(Fixtures.text(http, "quake-toll.html"))));

    ingester.ingest(teaserFeed());

    assertEquals(1, index.search("kidapawan", null, 10).size(), "the page's text");
  }

  @Test
  void keepsTheFeedTextWhenTheLinkIsADocumentOfAnotherKind() throws IOException {
    http.stubFor(
        get(urlPathEqualTo("/news/quake-toll.html"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/pdf")
                    .withBody("%PDF-1.4\n<html><body>kidapawan</body></html>")));

    ingester.ingest(teaserFeed());

    assertEquals(0, index.search("kidapawan", null, 10).size());
    assertEquals(1, index.search("landslide", null, 10).size(), "the teaser");
  }

  @Test
  void takesADateInTheFutureForTheTimeTheEntryWasSeen() throws IOException {
    Fixtures.serve(http, "/wire/rss.xml", "dated-wire.xml", "application/rss+xml");
    Fixtures.serve(http, "/misdated/rss.xml", "misdated.xml", "application/rss+xml");
    ingester.ingest(new Subscription(URI.create(http.baseUrl() + "/wire/rss.xml"), null, null));
    ingester.ingest(new Subscription(URI.create(http.baseUrl() + "/misdated/rss.xml"), null, null));

    List<Story> stories = index.stories(null, null, 10);

    assertEquals(1, stories.size(), "a copy dated a year ahead still folds with its original");
    StoryMember copy =
        stories.get(0).articles().stream()
            .filter(m -> m.source().equals("Example Misdated"))
            .findFirst()
            .orElseThrow();
    assertNull(copy.published(), "its date is not believed: it counts from when it was seen");
    assertFalse(copy.original(), "the wire, dated this morning, had it first");
  }

  @Test
  void indexesNoScriptFromAHostileFeedOrItsPages() throws IOException {
    Fixtures.serve(http, "/hostile/rss.xml", "hostile.xml", "application/rss+xml");
    Fixtures.serve(http, "/news/hostile.html", "hostile.html", "text/html; charset=utf-8");
    Subscription hostile =
        new Subscription(URI.create(http.baseUrl() + "/hostile/rss.xml"), null, null);

    assertTrue(ingester.ingest(hostile).ok());
    List<Story> stories = index.stories(null, null, 10);

    assertEquals(2, stories.size());
    for (Story s : stories) {
      String html = s.html().html().toLowerCase(Locale.ROOT);
      for (String active : List.of("<script", "onerror", "onclick", "javascript:", "<iframe")) {
        assertFalse(html.contains(active), () -> active + " in " + html);
      }
    }
    assertEquals(1, index.search("librarians", null, 10).size(), "the page's text is indexed");
    assertEquals(1, index.search("cranes", null, 10).size(), "the feed's text is indexed");
  }

  @Test
  void recordsTheFailureInTheFeedStateAndRecoversLater() throws IOException {
    http.stubFor(get(urlPathEqualTo("/teaser/rss.xml")).willReturn(aResponse().withStatus(503)));
    FeedReport failed = ingester.ingest(teaserFeed());
    assertEquals("failed", failed.outcome());
    FeedState state = index.feedState(teaserFeed().url().toString()).orElseThrow();
    assertEquals(1, state.errors());
    assertEquals("failing", state.status());
    assertTrue(state.nextFetch().isAfter(CLOCK.instant()));

    Fixtures.serve(http, "/teaser/rss.xml", "teaser.xml", "application/rss+xml");
    assertTrue(ingester.ingest(teaserFeed()).ok());
    FeedState recovered = index.feedState(teaserFeed().url().toString()).orElseThrow();
    assertEquals(0, recovered.errors());
    assertNull(recovered.lastError());
    assertEquals("Example Teasers", recovered.title());
  }

  @Test
  void reportsBytesThatAreNoFeed() throws IOException {
    http.stubFor(
        get(urlPathEqualTo("/teaser/rss.xml"))
            .willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("")));
    FeedReport r = ingester.ingest(teaserFeed());
    assertEquals("failed", r.outcome());
    assertTrue(r.error().startsWith("not a feed"), r.error());
  }

  @Test
  void keepsValidatorsForConditionalRequests() throws IOException {
    http.stubFor(
        get(urlPathEqualTo("/teaser/rss.xml"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/rss+xml")
                    .withHeader("ETag", "\"v1\"")
                    .withBody(Fixtures.text(http, "teaser.xml"))));
    ingester.ingest(teaserFeed());
    // Jetty, under WireMock, marks the ETag of its gzipped response as "v1--gzip".
    String etag = index.feedState(teaserFeed().url().toString()).orElseThrow().etag();
    assertTrue(etag.startsWith("\"v1"), etag);
  }
}
