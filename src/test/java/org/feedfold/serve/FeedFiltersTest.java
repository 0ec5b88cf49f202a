package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.InputSource;

/** Filters and pages the merged feed of 30 stories carried by one to three outlets each. */
class FeedFiltersTest {
  static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  static final String[] OUTLETS = {"Wire Service", "Gazette", "Daily"};
  static FeedServer server;
  static final HttpClient client = HttpClient.newHttpClient();

  /** Story n is carried by outlets 0..(n % 3); story 0 is the newest. */
  static List<Story> stories() {
    List<Story> out = new ArrayList<>();
    for (int n = 0; n < 30; n++) {
      Instant at = T0.minusSeconds(60L * n);
      List<StoryMember> members = new ArrayList<>();
      for (int o = 0; o <= n % 3; o++) {
        members.add(
            new StoryMember(
                "a" + n + "-" + o,
                "https://o" + o + ".example/" + n,
                "Story " + n,
                OUTLETS[o],
                at,
                o == 0));
      }
      out.add(
          new Story("s" + n, "Story " + n, "https://o0.example/" + n, null, "t", at, at, members));
    }
    return out;
  }

  @BeforeAll
  static void start() throws IOException {
    List<Story> all = stories();
    server =
        new FeedServer(
            new ServeSettings("127.0.0.1", 0, 10, 100, "Test", null),
            (q, since, limit) -> all.subList(0, Math.min(limit, all.size())),
            InstantSource.fixed(T0));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.address().resolve(path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static Feed atom(String path) throws Exception {
    HttpResponse<byte[]> r = get(path);
    assertEquals(
        200, r.statusCode(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
    return (Feed) new WireFeedInput().build(new InputSource(new ByteArrayInputStream(r.body())));
  }

  static List<String> ids(Feed feed) {
    return feed.getEntries().stream()
        .map(e -> e.getId().replace("urn:feedfold:story:", ""))
        .toList();
  }

  static Map<String, String> links(Feed feed) {
    return feed.getOtherLinks().stream()
        .collect(
            Collectors.toMap(Link::getRel, l -> l.getHref().replaceFirst("^http://[^/]+/", "/")));
  }

  @Test
  void minSourcesKeepsStoriesCarriedByAtLeastThatManyOutlets() throws Exception {
    assertEquals(List.of("s2", "s5", "s8", "s11"), ids(atom("/feed.atom?min_sources=3&limit=4")));
  }

  @Test
  void sourceKeepsStoriesOneOfWhoseOutletsHasThatNameIgnoringCase() throws Exception {
    assertEquals(List.of("s1", "s2", "s4", "s5"), ids(atom("/feed.atom?source=gazette&limit=4")));
  }

  @Test
  void pagesLinkFirstPreviousAndNextAsRfc5005Says() throws Exception {
    Feed page2 = atom("/feed.atom?limit=5&page=2");

    assertEquals(List.of("s5", "s6", "s7", "s8", "s9"), ids(page2));
    Map<String, String> links = links(page2);
    assertEquals("/feed.atom?limit=5&page=2", links.get("self"));
    assertEquals("/feed.atom?limit=5", links.get("first"));
    assertEquals("/feed.atom?limit=5", links.get("previous"));
    assertEquals("/feed.atom?limit=5&page=3", links.get("next"));
  }

  @Test
  void theLastPageHasNoNextAndTheFirstPageKeepsItsPlainSelfLink() throws Exception {
    assertNull(links(atom("/feed.atom?limit=10&page=3&min_sources=2")).get("next"));
    Map<String, String> first = links(atom("/feed.atom"));
    assertEquals("/feed.atom", first.get("self"));
    assertEquals("/feed.atom?page=2", first.get("next"));
  }

  @Test
  void jsonFeedGivesTheNextPageAsNextUrl() throws Exception {
    JsonNode feed = new ObjectMapper().readTree(get("/feed.json?limit=5&source=Daily").body());

    assertTrue(feed.get("next_url").asText().endsWith("/feed.json?source=Daily&limit=5&page=2"));
    assertEquals(5, feed.get("items").size());
  }

  @Test
  void rssLinksItsNextPageWithAtomLink() throws Exception {
    String rss =
        new String(get("/feed.rss?limit=5").body(), java.nio.charset.StandardCharsets.UTF_8);

    assertTrue(rss.contains("rel=\"next\""), rss);
  }

  @Test
  void answers304ToAFilteredPagesEtag() throws Exception {
    String etag = get("/feed.atom?min_sources=2&page=2").headers().firstValue("ETag").orElseThrow();

    assertEquals(304, get("/feed.atom?min_sources=2&page=2", "If-None-Match", etag).statusCode());
    assertEquals(200, get("/feed.atom?min_sources=2", "If-None-Match", etag).statusCode());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "min_sources=0",
        "min_sources=101",
        "min_sources=x",
        "page=0",
        "page=1002",
        "limit=10&page=1002"
      })
  void refusesBadFilterParameters(String query) throws Exception {
    assertEquals(400, get("/feed.atom?" + query).statusCode());
  }
}
