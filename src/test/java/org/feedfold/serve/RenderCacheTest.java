package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.feedfold.index.IndexStats;
import org.feedfold.model.SearchHit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Counts how often a loopback server reads and renders the feed as the generation moves. */
class RenderCacheTest {
  final AtomicInteger reads = new AtomicInteger();
  final AtomicLong generation = new AtomicLong(7);
  final HealthCheckTest.Clock clock = new HealthCheckTest.Clock();
  final HttpClient client = HttpClient.newHttpClient();
  FeedServer server;

  @BeforeEach
  void start() throws IOException {
    ApiSource api =
        new ApiSource() {
          @Override
          public List<SearchHit> search(String query, Instant since, int limit) {
            return List.of();
          }

          @Override
          public List<FeedStatus> feeds() {
            return List.of();
          }

          @Override
          public IndexStats stats() {
            return new IndexStats(0, 0, 0, 0, 0, 0, 0, null, java.util.Map.of());
          }

          @Override
          public long generation() {
            return generation.get();
          }
        };
    server =
        new FeedServer(
            new ServeSettings("127.0.0.1", 0, 10, 20, "T", null),
            (q, since, limit) -> {
              reads.incrementAndGet();
              return Stories.all();
            },
            StoryLookup.NONE,
            api,
            clock);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.address().resolve(path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void rendersAPageOncePerGeneration() throws Exception {
    byte[] first = get("/feed.atom").body();
    byte[] again = get("/feed.atom").body();

    assertEquals(1, reads.get());
    assertArrayEquals(first, again);
    generation.incrementAndGet();
    get("/feed.atom");
    assertEquals(2, reads.get());
  }

  @Test
  void keepsEachRouteQueryAndEncodingApart() throws Exception {
    get("/feed.atom");
    get("/feed.rss");
    get("/feed.atom?q=bridge");
    get("/feed.atom", "Accept-Encoding", "gzip");
    get("/feed.atom?q=bridge");

    assertEquals(4, reads.get());
  }

  @Test
  void answers304FromTheKeptPageWithoutRendering() throws Exception {
    String etag = get("/feed.atom").headers().firstValue("ETag").orElseThrow();

    var r = get("/feed.atom", "If-None-Match", etag);

    assertEquals(304, r.statusCode());
    assertEquals(etag, r.headers().firstValue("ETag").orElseThrow());
    assertEquals(1, reads.get());
    assertEquals(200, get("/feed.atom", "If-None-Match", "\"other\"").statusCode());
    assertEquals(1, reads.get());
  }

  @Test
  void aRelativeSinceIsReadAgainOnceTheClockMoves() throws Exception {
    get("/feed.atom?since=24h");
    get("/feed.atom?since=24h");
    assertEquals(1, reads.get());

    clock.now = clock.now.plus(Duration.ofSeconds(1));
    get("/feed.atom?since=24h");
    assertEquals(2, reads.get());
  }
}
