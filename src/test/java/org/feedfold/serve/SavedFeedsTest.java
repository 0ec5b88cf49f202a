package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/** Serves saved feeds from settings and checks which stories and links they give. */
class SavedFeedsTest {
  static FeedServer server;
  static final List<String> queries = new ArrayList<>();
  static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    var all = FeedFiltersTest.stories();
    ServeSettings settings =
        new ServeSettings(
            "127.0.0.1",
            0,
            10,
            100,
            "News",
            null,
            ServeSettings.Limits.defaults(),
            "",
            List.of(
                new SavedFeed("busy", null, "story", null, null, 3, 2),
                new SavedFeed("gazette", "The Gazette's", null, "Gazette", null, 1, 0)),
            null);
    server =
        new FeedServer(
            settings,
            (q, since, limit) -> {
              synchronized (queries) {
                queries.add(q);
              }
              return all.subList(0, Math.min(limit, all.size()));
            },
            InstantSource.fixed(FeedFiltersTest.T0));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<byte[]> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(server.address().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static Feed atom(String path) throws Exception {
    HttpResponse<byte[]> r = get(path);
    assertEquals(
        200, r.statusCode(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
    return (Feed) new WireFeedInput().build(new InputSource(new ByteArrayInputStream(r.body())));
  }

  @Test
  void appliesTheSavedQueryAndFiltersAndPagesByRequest() throws Exception {
    Feed page2 = atom("/feeds/busy.atom?page=2&limit=50&min_sources=1");

    assertEquals(List.of("s8", "s11"), FeedFiltersTest.ids(page2));
    synchronized (queries) {
      assertEquals("story", queries.get(queries.size() - 1));
    }
    assertEquals("News: busy", page2.getTitle());
    var links = FeedFiltersTest.links(page2);
    assertEquals("/feeds/busy.atom?page=2", links.get("self"));
    assertEquals("/feeds/busy.atom?page=3", links.get("next"));
  }

  @Test
  void servesEachSavedFeedInEveryFormat() throws Exception {
    assertEquals("The Gazette's", atom("/feeds/gazette.atom").getTitle());
    assertEquals(200, get("/feeds/gazette.rss").statusCode());
    String json =
        new String(get("/feeds/gazette.json").body(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(json.contains("\"feed_url\" : \"http://127.0.0.1:"), json);
    assertTrue(json.contains("/feeds/gazette.json\""), json);
  }

  @Test
  void anUnknownSavedFeedIs404() throws Exception {
    assertEquals(404, get("/feeds/nothing.atom").statusCode());
    assertEquals(404, get("/feeds/busy.html").statusCode());
  }
}
