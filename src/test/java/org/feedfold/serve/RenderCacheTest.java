package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.feedfold.Await;
import org.feedfold.index.IndexStats;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Counts how often a loopback server reads and renders the feed as the generation moves, is told of
 * new generations, and is asked in several encodings at once.
 */
class RenderCacheTest {
  final AtomicInteger reads = new AtomicInteger();
  final AtomicLong generation = new AtomicLong(7);
  final HealthCheckTest.Clock clock = new HealthCheckTest.Clock();
  final HttpClient client = HttpClient.newHttpClient();
  final AtomicReference<Runnable> listener = new AtomicReference<>();
  volatile List<Story> stories = Stories.all();
  volatile Hold hold = () -> {};
  FeedServer server;

  /** Holds a read of the stories open; tests set it to stop a render midway. */
  interface Hold {
    void run() throws InterruptedException;
  }

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

          @Override
          public Runnable onGeneration(Runnable l) {
            listener.set(l);
            return () -> listener.set(null);
          }
        };
    server =
        new FeedServer(
            new ServeSettings("127.0.0.1", 0, 10, 20, "T", null),
            (q, since, limit) -> {
              try {
                hold.run();
              } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
              }
              reads.incrementAndGet();
              return stories;
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
  void keepsEachRouteAndQueryApart() throws Exception {
    get("/feed.atom");
    get("/feed.rss");
    get("/feed.atom?q=bridge");
    get("/feed.atom?q=bridge");

    assertEquals(3, reads.get());
  }

  @Test
  void rendersAPageOnceForEveryEncoding() throws Exception {
    HttpResponse<byte[]> plain = get("/feed.atom");
    HttpResponse<byte[]> zipped = get("/feed.atom", "Accept-Encoding", "gzip");
    HttpResponse<byte[]> zippedAgain = get("/feed.atom", "Accept-Encoding", "gzip");

    assertEquals(1, reads.get());
    assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
    try (var in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
      assertArrayEquals(plain.body(), in.readAllBytes());
    }
    assertArrayEquals(zipped.body(), zippedAgain.body());
    String tag = plain.headers().firstValue("ETag").orElseThrow();
    assertEquals(
        tag.substring(0, tag.length() - 1) + Compression.SUFFIX + "\"",
        zipped.headers().firstValue("ETag").orElseThrow());
    var notModified =
        get(
            "/feed.atom",
            "Accept-Encoding",
            "gzip",
            "If-None-Match",
            zipped.headers().firstValue("ETag").orElseThrow());
    assertEquals(304, notModified.statusCode());
  }

  @Test
  void rendersTheAskedFirstPagesForANewGenerationBeforeAReaderAsks() throws Exception {
    get("/feed.atom");
    get("/feed.json", "Accept-Encoding", "gzip");
    assertEquals(2, reads.get());
    stories = List.of(Stories.storm(), Stories.bridge(), fresh());

    generation.incrementAndGet();
    listener.get().run();
    Await.await("both pages rendered for generation 8", () -> reads.get() == 4);

    HttpResponse<byte[]> atom = get("/feed.atom");
    HttpResponse<byte[]> json = get("/feed.json", "Accept-Encoding", "gzip");
    assertEquals(4, reads.get());
    assertTrue(new String(atom.body(), StandardCharsets.UTF_8).contains("Freshly committed"));
    try (var in = new GZIPInputStream(new ByteArrayInputStream(json.body()))) {
      assertTrue(
          new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("Freshly committed"));
    }
  }

  @Test
  void aPageIsNeverServedFromAnOlderGenerationWhileItsRenderRuns() throws Exception {
    get("/feed.atom");
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    hold =
        () -> {
          reading.countDown();
          release.await();
        };
    generation.incrementAndGet();
    listener.get().run();
    reading.await();
    // The warm of generation 8 is stuck reading; generation 9 has the new story.
    hold = () -> {};
    stories = List.of(Stories.storm(), Stories.bridge(), fresh());
    generation.incrementAndGet();

    String body = new String(get("/feed.atom").body(), StandardCharsets.UTF_8);

    release.countDown();
    assertTrue(body.contains("Freshly committed"), body);
  }

  @Nested
  class OneRenderForManyReaders {
    final AtomicInteger renders = new AtomicInteger();
    final CountDownLatch rendering = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final RenderCache cache = new RenderCache(generation::get, clock);

    Reply render(Routes.Request r) {
      renders.incrementAndGet();
      rendering.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return new Reply(
          200,
          "text/plain",
          "page".getBytes(StandardCharsets.UTF_8),
          Map.of("ETag", "\"p\""),
          false);
    }

    @Test
    void aReaderOfAPageBeingRenderedWaitsForThatRender() throws Exception {
      Routes.Request feed =
          new Routes.Request("GET", new RequestTarget("/feed.atom", null), null, null);
      ExecutorService pool =
          new ThreadPoolExecutor(
              2,
              2,
              0,
              TimeUnit.SECONDS,
              new ArrayBlockingQueue<>(2),
              r -> new Thread(r, "render-cache-test"));
      try {
        Future<Reply> first = pool.submit(() -> cache.answer(feed, null, this::render));
        rendering.await();
        Future<Reply> second = pool.submit(() -> cache.answer(feed, null, this::render));
        Await.await("the second reader waits", () -> cache.waiting() == 1);
        release.countDown();

        assertArrayEquals(first.get().body(), second.get().body());
        assertEquals(1, renders.get());
        assertEquals(1, cache.renders());
      } finally {
        release.countDown();
        pool.shutdownNow();
      }
    }
  }

  static Story fresh() {
    return new Story(
        "s-fresh",
        "Freshly committed story",
        "https://wire.example/fresh",
        null,
        "New.",
        Stories.T0.plusSeconds(9000),
        Stories.T0.plusSeconds(9000),
        List.of(
            new StoryMember(
                "a9",
                "https://wire.example/fresh",
                "Freshly committed story",
                "Wire Service",
                Stories.T0.plusSeconds(9000),
                true)));
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
