package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.ArticleInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Serves the merged feeds from a real index of folded Wikinews republications and checks each is
 * valid: Atom and RSS by the W3C Feed Validator over HTTP (the kit in {@code
 * ../shared/eval/feedvalidator}, no error and no warning) and by Rome parsing them back, JSON Feed
 * against the keys of its 1.1 spec. The clock is fixed, so every story is updated at one instant:
 * the feeds must still give each entry its own {@code updated}.
 */
class FeedValidityIT {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dir;
  static ArticleIndex index;
  static FeedServer server;

  @BeforeAll
  static void start() throws IOException {
    index = ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), () -> NOW);
    for (ClusterCorpus.Item item : ClusterCorpus.generate(ClusterCorpus.wikinews(), 6, 11)) {
      index.add(item.article());
    }
    // A German outlet's link as its feed wrote it: an IRI with a space, which no feed or page
    // may carry as is.
    index.add(
        new ArticleInput(
            "nachrichten-1",
            "https://nachrichten.example/politik/müll gebühren.html?ort=köln&jahr=2026",
            null,
            "Müllgebühren steigen in Köln",
            "Die Stadt Köln erhöht im kommenden Jahr die Müllgebühren für alle Haushalte. Der"
                + " Stadtrat stimmte am Dienstag mit großer Mehrheit für die neue Satzung.",
            null,
            NOW.minusSeconds(3_600),
            NOW.minusSeconds(3_000),
            "Nachrichten",
            "https://nachrichten.example/feed",
            null,
            "de"));
    index.commit();
    server =
        new FeedServer(
            new ServeSettings("127.0.0.1", 0, 50, 500, "Feedfold", null),
            StorySource.of(index),
            InstantSource.fixed(NOW));
    server.start();
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    index.close();
  }

  static byte[] get(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> r =
        client.send(
            HttpRequest.newBuilder(server.address().resolve(path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), path);
    return r.body();
  }

  @ParameterizedTest
  @ValueSource(strings = {"feed.atom", "feed.rss"})
  void passesTheW3cFeedValidatorWithoutWarnings(String path) throws Exception {
    validate(path);
  }

  /** The subscription document's prev-archive: the newest archive document (RFC 5005 §4). */
  static String newestArchive(String path) throws Exception {
    String xml = new String(get(path), StandardCharsets.UTF_8);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<(?:atom:)?link[^>]*rel=\"prev-archive\"[^>]*>")
            .matcher(xml);
    assertTrue(m.find(), path + " links no prev-archive");
    java.util.regex.Matcher href =
        java.util.regex.Pattern.compile("href=\"http://[^/]+/([^\"]+)\"").matcher(m.group());
    assertTrue(href.find(), m.group());
    return href.group(1).replace("&amp;", "&");
  }

  @ParameterizedTest
  @ValueSource(strings = {"feed.atom", "feed.rss"})
  void archiveDocumentsPassTheW3cFeedValidatorWithoutWarnings(String path) throws Exception {
    String archive = newestArchive(path);
    validate(archive);
    SyndFeed feed =
        new SyndFeedInput()
            .build(
                new InputStreamReader(
                    new ByteArrayInputStream(get(archive)), StandardCharsets.UTF_8));
    assertTrue(!feed.getEntries().isEmpty(), archive);
  }

  static void validate(String path) throws Exception {
    Path kit = Path.of(System.getProperty("feedfold.feedvalidator", "none"));
    assumeTrue(Files.isRegularFile(kit), "no feed validator kit at " + kit);
    String python = python();
    ProcessBuilder pb =
        new ProcessBuilder(python, kit.toString(), server.address().resolve(path).toString())
            .redirectErrorStream(true);
    // The validator fetches with urllib, which would send even loopback requests to a proxy.
    pb.environment()
        .keySet()
        .removeIf(k -> k.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "validator still running");
    assertTrue(out.strip().endsWith(": 0 errors, 0 warnings"), out);
    assertEquals(0, p.exitValue(), out);
  }

  /** Returns a Python 3 with the validator's libraries, or skips (fails on CI) without one. */
  static String python() throws IOException, InterruptedException {
    for (String candidate : List.of("python3", "/usr/bin/python3")) {
      try {
        Process p =
            new ProcessBuilder(candidate, "-c", "import lxml, html5lib, rdflib")
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
      } catch (IOException e) {
        // not installed: try the next
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("no python3 with lxml, html5lib and rdflib for the feed validator");
    }
    assumeTrue(false, "no python3 with lxml, html5lib and rdflib");
    return null;
  }

  @ParameterizedTest
  @ValueSource(strings = {"feed.atom", "feed.rss"})
  void isParsedBackByRomeWithOneEntryPerStoryAndDistinctIds(String path) throws Exception {
    SyndFeed feed =
        new SyndFeedInput()
            .build(
                new InputStreamReader(new ByteArrayInputStream(get(path)), StandardCharsets.UTF_8));
    int stories = index.stories(null, null, 500).size();
    assertTrue(stories >= 6, "stories: " + stories);
    assertEquals(stories, feed.getEntries().size());
    assertEquals(
        stories, feed.getEntries().stream().map(e -> e.getUri()).distinct().count(), "ids");
  }

  @Test
  void atomEntriesEachHaveTheirOwnUpdatedTime() throws Exception {
    SyndFeed feed =
        new SyndFeedInput()
            .build(
                new InputStreamReader(
                    new ByteArrayInputStream(get("feed.atom")), StandardCharsets.UTF_8));
    long distinct = feed.getEntries().stream().map(e -> e.getUpdatedDate()).distinct().count();
    assertEquals(feed.getEntries().size(), distinct);
  }

  private static final Set<String> FEED_KEYS =
      Set.of(
          "version",
          "title",
          "home_page_url",
          "feed_url",
          "description",
          "user_comment",
          "next_url",
          "icon",
          "favicon",
          "authors",
          "language",
          "expired",
          "hubs",
          "items");
  private static final Set<String> ITEM_KEYS =
      Set.of(
          "id",
          "url",
          "external_url",
          "title",
          "content_html",
          "content_text",
          "summary",
          "image",
          "banner_image",
          "date_published",
          "date_modified",
          "authors",
          "tags",
          "language",
          "attachments");

  @Test
  void jsonFeedUsesOnlyTheKeysOfJsonFeed11() throws Exception {
    JsonNode feed = JSON.readTree(get("feed.json"));
    assertEquals("https://jsonfeed.org/version/1.1", feed.get("version").asText());
    assertTrue(feed.get("title").isTextual());
    assertTrue(feed.get("items").isArray());
    assertTrue(URI.create(feed.get("feed_url").asText()).isAbsolute());
    assertKeys(feed, FEED_KEYS);
    assertTrue(feed.get("items").size() >= 6);
    for (JsonNode item : feed.get("items")) {
      assertKeys(item, ITEM_KEYS);
      assertTrue(item.get("id").isTextual(), "id is a string");
      assertTrue(item.has("content_html") || item.has("content_text"), "content");
      for (String date : List.of("date_published", "date_modified")) {
        if (item.has(date)) {
          // RFC 3339, as the spec requires.
          OffsetDateTime.parse(item.get(date).asText());
        }
      }
    }
  }

  /** Fails on a key the spec does not define; extensions start with an underscore (spec §4). */
  private static void assertKeys(JsonNode object, Set<String> allowed) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      assertTrue(allowed.contains(key) || key.startsWith("_"), "unknown key " + key);
    }
  }
}
