package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.feedfold.index.IndexStats;
import org.feedfold.model.FeedState;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Subscription;
import org.junit.jupiter.api.Test;

/** Decides whether fetching has stalled from feed states and a settable clock. */
class HealthCheckTest {
  static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
  static final Duration LIMIT = Duration.ofMinutes(15);

  /** A settable clock. */
  static final class Clock implements InstantSource {
    volatile Instant now = START;

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Feeds and a stall limit as the daemon would give them. */
  static final class Feeds implements ApiSource {
    final List<FeedStatus> feeds = new ArrayList<>();
    Duration limit = LIMIT;

    void add(FeedState state) {
      feeds.add(new FeedStatus(new Subscription(URI.create(state.url()), null, null), state));
    }

    @Override
    public List<SearchHit> search(String query, Instant since, int limit) {
      return List.of();
    }

    @Override
    public List<FeedStatus> feeds() {
      return feeds;
    }

    @Override
    public IndexStats stats() {
      return new IndexStats(0, 0, 0, 0, 0, 0, 0, null, java.util.Map.of());
    }

    @Override
    public Duration stallAfter() {
      return limit;
    }
  }

  final Clock clock = new Clock();
  final Feeds feeds = new Feeds();
  final HealthCheck health = new HealthCheck(feeds, clock);

  static FeedState fetched(String url, Instant at, Instant next) {
    return new FeedState(url, null, null, null, at, next, 0, null, false);
  }

  @Test
  void isHealthyWithoutSubscriptions() {
    clock.now = START.plus(Duration.ofDays(1));
    assertNull(health.problem());
  }

  @Test
  void givesANewFeedTheStallLimitFromStartUp() {
    feeds.add(FeedState.initial("https://a.example/feed"));

    clock.now = START.plus(Duration.ofMinutes(14));
    assertNull(health.problem());
    clock.now = START.plus(Duration.ofMinutes(16));
    String problem = health.problem();
    assertTrue(problem.startsWith("fetching stalled: 1 feed overdue"), problem);
  }

  @Test
  void reportsStalledWhenAFeedIsOverdueAndNoFetchFinished() {
    Instant last = START.plus(Duration.ofHours(1));
    feeds.add(fetched("https://a.example/feed", last, last.plus(Duration.ofMinutes(5))));
    feeds.add(fetched("https://b.example/feed", last, last.plus(Duration.ofHours(2))));

    clock.now = last.plus(Duration.ofMinutes(19));
    assertNull(health.problem(), "within the limit of the due time");
    clock.now = last.plus(Duration.ofMinutes(21));
    String problem = health.problem();
    assertTrue(problem.contains("1 feed overdue"), problem);
    assertTrue(problem.contains("no fetch finished since " + last), problem);
  }

  @Test
  void aRecentFetchOfAnotherFeedMeansFetchingStillRuns() {
    feeds.add(fetched("https://a.example/feed", START, START.plus(Duration.ofMinutes(5))));
    feeds.add(fetched("https://b.example/feed", START.plus(Duration.ofMinutes(30)), null));

    clock.now = START.plus(Duration.ofMinutes(40));
    assertNull(health.problem());
  }

  @Test
  void doesNotWaitForDisabledFeeds() {
    feeds.add(
        new FeedState(
            "https://gone.example/f", null, null, null, START, null, 1, "HTTP 410", true));

    clock.now = START.plus(Duration.ofDays(1));
    assertNull(health.problem());
  }

  @Test
  void withoutAStallLimitIsAlwaysHealthy() {
    feeds.limit = null;
    feeds.add(FeedState.initial("https://a.example/feed"));

    clock.now = START.plus(Duration.ofDays(1));
    assertNull(health.problem());
  }

  @Test
  void answers503WithTheReasonOverHttp() throws Exception {
    feeds.add(FeedState.initial("https://a.example/feed"));
    FeedServer server =
        new FeedServer(
            new ServeSettings("127.0.0.1", 0, 10, 20, "T", null),
            (q, s, l) -> List.of(),
            StoryLookup.NONE,
            feeds,
            clock);
    server.start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      HttpRequest get = HttpRequest.newBuilder(server.address().resolve("healthz")).build();
      assertEquals(200, client.send(get, HttpResponse.BodyHandlers.ofString()).statusCode());
      clock.now = START.plus(Duration.ofMinutes(16));
      // The verdict is recomputed off the event loop; the answer after that shows it.
      HttpResponse<String> r = client.send(get, HttpResponse.BodyHandlers.ofString());
      // Up to 30 s: on a loaded machine (CI, parallel builds) the worker may wait its turn.
      for (int i = 0; i < 1500 && r.statusCode() == 200; i++) {
        Thread.sleep(20);
        r = client.send(get, HttpResponse.BodyHandlers.ofString());
      }
      assertEquals(503, r.statusCode());
      assertTrue(r.body().startsWith("unhealthy: fetching stalled"), r.body());
    } finally {
      server.close();
    }
  }
}
