package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.index.IndexStats;
import org.feedfold.index.StoryExplanation;
import org.feedfold.model.FeedState;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Story;
import org.feedfold.model.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Calls the JSON API of a loopback {@link FeedServer} over a real index of folded articles. */
class ApiTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final Subscription OK =
      new Subscription(URI.create("https://ok.example/feed"), "Ok", null);
  static final Subscription BAD =
      new Subscription(URI.create("https://bad.example/feed"), "Bad", null);
  static final Subscription NEW =
      new Subscription(URI.create("https://new.example/feed"), "New", null);

  @TempDir static Path dir;
  static ArticleIndex index;
  static FeedServer server;

  @BeforeAll
  static void start() throws IOException {
    index = ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), () -> NOW);
    for (ClusterCorpus.Item item : ClusterCorpus.generate(ClusterCorpus.wikinews(), 5, 3)) {
      index.add(item.article());
    }
    index.putFeedState(
        new FeedState(OK.url().toString(), "Ok Feed", null, null, NOW, NOW, 0, null, false));
    index.putFeedState(
        new FeedState(
            BAD.url().toString(),
            null,
            null,
            null,
            NOW.minusSeconds(60),
            null,
            3,
            "HTTP 502",
            false));
    index.commit();
    ApiSource api =
        new ApiSource() {
          @Override
          public List<SearchHit> search(String query, Instant since, int limit) throws IOException {
            return index.search(query, since, limit);
          }

          @Override
          public List<FeedStatus> feeds() throws IOException {
            return List.of(OK, BAD, NEW).stream()
                .map(
                    s -> {
                      try {
                        return new FeedStatus(
                            s,
                            index
                                .feedState(s.url().toString())
                                .orElse(FeedState.initial(s.url().toString())));
                      } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    })
                .toList();
          }

          @Override
          public IndexStats stats() throws IOException {
            return index.stats();
          }
        };
    StoryLookup lookup =
        new StoryLookup() {
          @Override
          public Optional<Story> story(String id) throws IOException {
            return index.story(id);
          }

          @Override
          public Optional<StoryExplanation> explain(String id) throws IOException {
            return index.explain(id);
          }
        };
    server =
        new FeedServer(
            new ServeSettings("127.0.0.1", 0, 10, 50, "Test Feed", null),
            index::stories,
            lookup,
            api,
            InstantSource.fixed(NOW));
    server.start();
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    index.close();
  }

  record Answer(int status, String contentType, JsonNode json) {}

  static Answer get(String pathAndQuery) throws Exception {
    HttpResponse<byte[]> r =
        client.send(
            HttpRequest.newBuilder(server.address().resolve(pathAndQuery)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(
        r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), JSON.readTree(r.body()));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Nested
  class Search {
    @Test
    void returnsHitsAsTheCliPrintsThemWithSnippets() throws Exception {
      String word = ClusterCorpus.wikinews().get(0).title().split(" ")[0];
      Answer a = get("/api/search?q=" + enc("title:" + word) + "&limit=3");

      assertEquals(200, a.status());
      assertTrue(a.contentType().startsWith("application/json"));
      JsonNode items = a.json().get("items");
      assertTrue(items.size() >= 1 && items.size() <= 3, a.json().toString());
      for (String key : List.of("id", "url", "title", "source", "published", "story", "score")) {
        assertTrue(items.get(0).has(key), key);
      }
      assertEquals(3, a.json().get("limit").asInt());
      assertEquals(0, a.json().get("offset").asInt());
    }

    @Test
    void pagesWithOffset() throws Exception {
      String q = "/api/search?q=" + enc("the") + "&limit=2";
      JsonNode first = get(q).json().get("items");
      JsonNode second = get(q + "&offset=1").json().get("items");

      assertEquals(first.get(1).get("id"), second.get(0).get("id"));
    }
  }

  @Nested
  class Stories {
    @Test
    void listsStoriesNewestFirstWithTheirArticles() throws Exception {
      Answer a = get("/api/stories?limit=50");

      assertEquals(200, a.status());
      JsonNode items = a.json().get("items");
      assertEquals(index.stats().stories(), items.size());
      assertTrue(items.get(0).get("articles").size() >= 1);
      assertTrue(items.get(0).has("story"));
    }

    @Test
    void sinceInTheFutureListsNone() throws Exception {
      assertEquals(0, get("/api/stories?since=2030-01-01").json().get("items").size());
    }

    @Test
    void returnsOneStoryAndItsReasonsOnRequest() throws Exception {
      String id = get("/api/stories?limit=1").json().get("items").get(0).get("story").asText();

      Answer plain = get("/api/stories/" + id);
      Answer explained = get("/api/stories/" + id + "?explain=true");

      assertEquals(200, plain.status());
      assertEquals(id, plain.json().get("story").asText());
      assertFalse(plain.json().has("explain"));
      assertTrue(explained.json().get("explain").isArray());
    }

    @Test
    void unknownStoryIsJson404() throws Exception {
      Answer a = get("/api/stories/nope");

      assertEquals(404, a.status());
      assertEquals(404, a.json().get("status").asInt());
      assertTrue(a.json().get("error").asText().contains("nope"));
    }
  }

  @Test
  void feedsListsEachSubscriptionWithStatusErrorsAndNextDue() throws Exception {
    JsonNode items = get("/api/feeds").json().get("items");

    assertEquals(3, items.size());
    assertEquals("https://ok.example/feed", items.get(0).get("url").asText());
    assertEquals("ok", items.get(0).get("status").asText());
    assertEquals("2026-11-27T10:00:00Z", items.get(0).get("next_fetch").asText());
    assertEquals("failing", items.get(1).get("status").asText());
    assertEquals(3, items.get(1).get("errors").asInt());
    assertEquals("HTTP 502", items.get(1).get("last_error").asText());
    assertTrue(items.get(2).get("last_fetched").isNull());
  }

  @Test
  void statsCountsTheIndexAndFeeds() throws Exception {
    JsonNode s = get("/api/stats").json();

    assertEquals(index.stats().articles(), s.get("articles").asLong());
    assertEquals(index.stats().stories(), s.get("stories").asLong());
    assertEquals(1, s.get("feeds").get("ok").asInt());
    assertEquals(1, s.get("feeds").get("failing").asInt());
    assertEquals(0, s.get("feeds").get("disabled").asInt());
    assertTrue(s.get("index_bytes").asLong() > 0);
    assertEquals("2026-11-27T10:00:00Z", s.get("last_fetch").asText());
    assertEquals(1, s.get("errors_by_kind").get("HTTP 5xx").asInt());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/search",
        "/api/search?q=x&limit=0",
        "/api/search?q=x&limit=51",
        "/api/search?q=x&limit=ten",
        "/api/search?q=x&offset=-1",
        "/api/search?q=x&offset=10001",
        "/api/search?q=title:(foo",
        "/api/stories?limit=51",
        "/api/stories?since=yesterday-ish",
      })
  void refusesBadParametersWithJson400(String pathAndQuery) throws Exception {
    Answer a = get(pathAndQuery);

    assertEquals(400, a.status(), a.json().toString());
    assertEquals(400, a.json().get("status").asInt());
    assertFalse(a.json().get("error").asText().isBlank());
  }

  @Test
  void refusesOverlongQueryWithJson400() throws Exception {
    Answer a = get("/api/search?q=" + "a".repeat(501));

    assertEquals(400, a.status());
    assertTrue(a.json().get("error").asText().contains("500"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/stories", "/api/stories/ID", "/stories/ID.json", "/api/stats"})
  void answers304ToTheEtagOfAnUnchangedAnswer(String path) throws Exception {
    String id = get("/api/stories?limit=1").json().get("items").get(0).get("story").asText();
    java.net.URI uri = server.address().resolve(path.replace("ID", id));
    HttpResponse<byte[]> first =
        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    String etag = first.headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> again =
        client.send(
            HttpRequest.newBuilder(uri).header("If-None-Match", etag).build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertEquals(200, first.statusCode());
    assertEquals(304, again.statusCode());
  }

  @Test
  void unknownApiPathIsJson404() throws Exception {
    Answer a = get("/api/nothing");

    assertEquals(404, a.status());
    assertEquals(404, a.json().get("status").asInt());
  }
}
