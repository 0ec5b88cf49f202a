package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.Story;
import org.jdom2.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

/**
 * Serves RFC 5005 archived feeds from a real index over HTTP: nine stories first published on two
 * days (five, then four), in parts of two stories.
 */
class ArchivedFeedTest {
  static final Instant DAY1 = Instant.parse("2026-11-20T00:00:00Z");
  static final Instant DAY2 = Instant.parse("2026-11-22T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final String HISTORY = "http://purl.org/syndication/history/1.0";

  final HttpClient client = HttpClient.newHttpClient();
  final HealthCheckTest.Clock clock = new HealthCheckTest.Clock();
  final List<ClusterCorpus.Original> corpus = ClusterCorpus.wikinews();
  @TempDir Path dir;
  ArticleIndex index;
  FeedServer server;
  int next;

  @BeforeEach
  void start() throws IOException {
    clock.now = NOW;
    index = ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), clock);
    for (int i = 0; i < 5; i++) {
      add(DAY1.plus(Duration.ofHours(1 + i)));
    }
    for (int i = 0; i < 4; i++) {
      add(DAY2.plus(Duration.ofHours(1 + i)));
    }
    index.commit();
    ServeSettings settings =
        new ServeSettings(
            "127.0.0.1",
            0,
            2,
            20,
            "T",
            null,
            ServeSettings.Limits.defaults(),
            "",
            List.of(new SavedFeed("all", null, null, null, null, 1, 0)),
            null);
    server = new FeedServer(settings, StorySource.of(index), clock);
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    index.close();
  }

  /** Adds the next Wikinews original as a story of its own, published at {@code at}. */
  void add(Instant at) throws IOException {
    ClusterCorpus.Original o = corpus.get(next++);
    index.add(
        new ArticleInput(
            "a" + next,
            o.url(),
            null,
            o.title(),
            String.join("\n", o.paragraphs()),
            null,
            at,
            at,
            "Wire",
            null,
            null,
            "en"));
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.address().resolve(path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static Feed atom(byte[] body) throws Exception {
    return (Feed) new WireFeedInput().build(new InputSource(new ByteArrayInputStream(body)));
  }

  static String link(Feed feed, String rel) {
    return feed.getOtherLinks().stream()
        .filter(l -> l.getRel().equals(rel))
        .map(Link::getHref)
        .map(h -> h.replaceFirst("^http://[^/]+/", ""))
        .findFirst()
        .orElse(null);
  }

  static List<String> ids(Feed feed) {
    return feed.getEntries().stream().map(e -> e.getId()).toList();
  }

  static boolean markedArchive(Feed feed) {
    for (Element e : feed.getForeignMarkup()) {
      if (e.getName().equals("archive") && e.getNamespaceURI().equals(HISTORY)) {
        return true;
      }
    }
    return false;
  }

  /** Walks prev-archive from {@code start}: each archive document's path and body, newest first. */
  Map<String, byte[]> walk(String start) throws Exception {
    Map<String, byte[]> docs = new LinkedHashMap<>();
    String path = link(atom(get(start).body()), "prev-archive");
    while (path != null) {
      assertFalse(docs.containsKey(path), "visited twice: " + path);
      HttpResponse<byte[]> r = get(path);
      assertEquals(200, r.statusCode(), path);
      docs.put(path, r.body());
      path = link(atom(r.body()), "prev-archive");
    }
    return docs;
  }

  Set<String> allStoryIds() throws IOException {
    Set<String> out = new HashSet<>();
    for (Story s : index.stories(null, null, 1000)) {
      out.add("urn:feedfold:story:" + s.id());
    }
    return out;
  }

  @Test
  void walkingPrevArchiveFromTheSubscriptionDocumentVisitsEveryStoryOnce() throws Exception {
    Map<String, byte[]> docs = walk("feed.atom");

    List<String> seen = new ArrayList<>();
    for (byte[] body : docs.values()) {
      seen.addAll(ids(atom(body)));
    }
    assertEquals(allStoryIds().size(), seen.size(), "each story once: " + seen);
    assertEquals(allStoryIds(), new HashSet<>(seen));
    assertEquals(
        List.of(
            "feed.atom?archive=2026-11-22",
            "feed.atom?archive=2026-11-22.1",
            "feed.atom?archive=2026-11-20",
            "feed.atom?archive=2026-11-20.2",
            "feed.atom?archive=2026-11-20.1"),
        List.copyOf(docs.keySet()));
  }

  @Test
  void archiveDocumentsCarryFhArchiveCurrentAndTheirNeighbours() throws Exception {
    Feed sub = atom(get("feed.atom").body());
    assertFalse(markedArchive(sub), "a subscription document is not an archive");
    assertEquals("feed.atom?archive=2026-11-22", link(sub, "prev-archive"));

    Feed middle = atom(get("feed.atom?archive=2026-11-20.2").body());
    assertTrue(markedArchive(middle));
    assertEquals("feed.atom", link(middle, "current"));
    assertEquals("feed.atom?archive=2026-11-20.2", link(middle, "self"));
    assertEquals("feed.atom?archive=2026-11-20.1", link(middle, "prev-archive"));
    assertEquals("feed.atom?archive=2026-11-20.3", link(middle, "next-archive"));
    assertEquals(2, middle.getEntries().size());

    Feed lastOfDay1 = atom(get("feed.atom?archive=2026-11-20.3").body());
    assertEquals("feed.atom?archive=2026-11-22.1", link(lastOfDay1, "next-archive"));
    Feed oldest = atom(get("feed.atom?archive=2026-11-20.1").body());
    assertNull(link(oldest, "prev-archive"));
  }

  @Test
  void archiveDocumentsStayTheSameWhenNewStoriesArrive() throws Exception {
    Map<String, byte[]> before = walk("feed.atom");

    for (int i = 0; i < 3; i++) {
      add(NOW.minus(Duration.ofHours(3 - i)));
    }
    index.commit();
    Map<String, byte[]> after = walk("feed.atom");

    // The newest document of before gained a next-archive link, nothing else.
    String newestBefore = before.keySet().iterator().next();
    for (Map.Entry<String, byte[]> e : before.entrySet()) {
      byte[] now = get(e.getKey()).body();
      assertEquals(ids(atom(e.getValue())), ids(atom(now)), e.getKey());
      if (!e.getKey().equals(newestBefore)) {
        assertEquals(
            new String(e.getValue(), StandardCharsets.UTF_8),
            new String(now, StandardCharsets.UTF_8),
            e.getKey());
      }
    }
    assertEquals(
        "feed.atom?archive=2026-11-24.1", link(atom(get(newestBefore).body()), "next-archive"));
    List<String> seen = new ArrayList<>();
    for (byte[] body : after.values()) {
      seen.addAll(ids(atom(body)));
    }
    assertEquals(12, seen.size());
    assertEquals(allStoryIds(), new HashSet<>(seen));
  }

  @Test
  void closedDaysAreCachedLongAndRevalidateWithTheirEtag() throws Exception {
    add(NOW.minus(Duration.ofHours(1)));
    index.commit();
    HttpResponse<byte[]> closed = get("feed.atom?archive=2026-11-20.1");
    assertEquals("max-age=604800", closed.headers().firstValue("Cache-Control").orElseThrow());
    String etag = closed.headers().firstValue("ETag").orElseThrow();

    assertEquals(304, get("feed.atom?archive=2026-11-20.1", "If-None-Match", etag).statusCode());
    // Today is still open: its documents change as stories arrive.
    HttpResponse<byte[]> open = get("feed.atom?archive=2026-11-24");
    assertEquals("no-cache", open.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals(1, atom(open.body()).getEntries().size());
  }

  @Test
  void aStoryGainingAVersionChangesItsArchiveDocumentAndEtag() throws Exception {
    String path = "feed.atom?archive=2026-11-20.1";
    HttpResponse<byte[]> first = get(path);
    ClusterCorpus.Original o = corpus.get(0);
    clock.now = NOW.plusSeconds(60);
    index.add(
        new ArticleInput(
            "a1",
            o.url(),
            null,
            o.title(),
            "Update: officials gave new figures.\n" + String.join("\n", o.paragraphs()),
            null,
            DAY1.plus(Duration.ofHours(1)),
            DAY1.plus(Duration.ofHours(1)),
            "Wire",
            null,
            null,
            "en"));
    index.commit();

    HttpResponse<byte[]> second = get(path);
    assertEquals(ids(atom(first.body())), ids(atom(second.body())));
    assertFalse(
        first.headers().firstValue("ETag").equals(second.headers().firstValue("ETag")), "new ETag");
    assertTrue(new String(second.body(), StandardCharsets.UTF_8).contains("new figures"));
  }

  @Test
  void rssArchiveDocumentsMarkTheChannelAndRomeReadsThemBack() throws Exception {
    byte[] body = get("feed.rss?archive=2026-11-20.2").body();
    String xml = new String(body, StandardCharsets.UTF_8);
    assertTrue(xml.contains("<fh:archive />") || xml.contains("<fh:archive/>"), xml);
    assertTrue(xml.contains("rel=\"prev-archive\""), xml);
    assertTrue(xml.contains("rel=\"current\""), xml);
    SyndFeed feed =
        new SyndFeedInput()
            .build(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    assertEquals(2, feed.getEntries().size());
    String sub = new String(get("feed.rss").body(), StandardCharsets.UTF_8);
    assertTrue(sub.contains("feed.rss?archive=2026-11-22\" rel=\"prev-archive\""), sub);
    assertFalse(sub.contains("fh:archive"), sub);
  }

  @Test
  void jsonFeedArchiveDocumentsLeadToOlderOnesWithNextUrl() throws Exception {
    var json = new ObjectMapper().readTree(get("feed.json?archive=2026-11-20.2").body());
    assertEquals(2, json.get("items").size());
    assertTrue(json.get("next_url").asText().endsWith("/feed.json?archive=2026-11-20.1"));
    assertNull(
        new ObjectMapper().readTree(get("feed.json?archive=2026-11-20.1").body()).get("next_url"));
  }

  @Test
  void filteredAndSavedFeedsLinkArchivesWithTheirFilters() throws Exception {
    String word = corpus.get(0).title().split(" ")[0];
    Feed filtered = atom(get("feed.atom?q=" + word + "&limit=3").body());
    assertEquals("feed.atom?q=" + word + "&archive=2026-11-22", link(filtered, "prev-archive"));
    Feed archived = atom(get("feed.atom?q=" + word + "&archive=2026-11-20.1").body());
    assertEquals("feed.atom?q=" + word, link(archived, "current"));

    Feed saved = atom(get("feeds/all.atom").body());
    assertEquals("feeds/all.atom?archive=2026-11-22", link(saved, "prev-archive"));
    Map<String, byte[]> docs = walk("feeds/all.atom");
    assertEquals(5, docs.size());
  }

  @Test
  void aPartPastTheDaysLastIsNotFoundAndABadKeyIsRefused() throws Exception {
    assertEquals(404, get("feed.atom?archive=2026-11-20.4").statusCode());
    assertEquals(400, get("feed.atom?archive=yesterday").statusCode());
    assertEquals(400, get("feed.atom?archive=2026-02-30").statusCode());
    assertNotNull(link(atom(get("feed.atom?archive=2026-11-21").body()), "prev-archive"));
  }
}
