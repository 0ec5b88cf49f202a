package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedfold.Await;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.index.IndexStats;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Story;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serves a real index as the daemon does and commits to it: the first page read before a commit is
 * rendered for the new generation when the commit makes it visible, before a reader asks again.
 */
class WarmOnCommitTest {
  static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  @TempDir Path dir;
  final HealthCheckTest.Clock clock = new HealthCheckTest.Clock();
  final HttpClient client = HttpClient.newHttpClient();
  final AtomicInteger reads = new AtomicInteger();
  ArticleIndex index;
  FeedServer server;

  @BeforeEach
  void start() throws IOException {
    index = ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), () -> T0);
    index.add(article("a1", "Council approves new bridge", "The council voted to fund it."));
    index.commit();
    StorySource of = StorySource.of(index);
    StorySource counted =
        new StorySource() {
          @Override
          public List<Story> stories(String query, Instant since, int limit) throws IOException {
            reads.incrementAndGet();
            return of.stories(query, since, limit);
          }

          @Override
          public StoryArchive archive() {
            return of.archive();
          }
        };
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
          public IndexStats stats() throws IOException {
            return index.stats();
          }

          @Override
          public long generation() {
            try {
              return index.generation();
            } catch (IOException e) {
              return -1;
            }
          }

          @Override
          public Runnable onGeneration(Runnable listener) {
            return index.onGeneration(listener);
          }
        };
    server =
        new FeedServer(
            new ServeSettings("127.0.0.1", 0, 10, 20, "T", null),
            counted,
            StoryLookup.NONE,
            api,
            clock);
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    index.close();
  }

  static ArticleInput article(String id, String title, String text) {
    return new ArticleInput(
        id,
        "https://wire.example/" + id,
        null,
        title,
        text,
        null,
        T0,
        T0,
        "Wire Service",
        null,
        null,
        "en");
  }

  String atom() throws Exception {
    HttpResponse<byte[]> r =
        client.send(
            HttpRequest.newBuilder(server.address().resolve("feed.atom")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void theFirstPageAfterACommitIsRenderedBeforeAReaderAsksAndShowsTheCommit() throws Exception {
    assertFalse(atom().contains("Storm warning issued"));
    assertEquals(1, reads.get());

    index.add(article("a2", "Storm warning issued", "Winds up to 90 km/h in the north."));
    index.commit();
    Await.await("the page rendered for the commit", () -> reads.get() == 2);

    String page = atom();
    assertEquals(2, reads.get());
    assertTrue(page.contains("Storm warning issued"), page);
    assertTrue(page.contains("Council approves new bridge"), page);
  }

  @Test
  void aWarmedPageIsByteForByteWhatARequestRenders() throws Exception {
    atom();
    index.add(article("a2", "Storm warning issued", "Winds up to 90 km/h in the north."));
    index.commit();
    Await.await("the page rendered for the commit", () -> reads.get() == 2);
    String warmed = atom();

    // A new server renders on request only: nothing read before is kept there.
    try (FeedServer fresh =
        new FeedServer(
            new ServeSettings("127.0.0.1", 0, 10, 20, "T", null), StorySource.of(index), clock)) {
      fresh.start();
      String rendered =
          new String(
              client
                  .send(
                      HttpRequest.newBuilder(fresh.address().resolve("feed.atom")).build(),
                      HttpResponse.BodyHandlers.ofByteArray())
                  .body(),
              StandardCharsets.UTF_8);
      // Only the feed's self links differ: each server has its own port.
      assertArrayEquals(
          rendered.replace(fresh.address().toString(), "BASE").getBytes(StandardCharsets.UTF_8),
          warmed.replace(server.address().toString(), "BASE").getBytes(StandardCharsets.UTF_8));
    }
  }
}
