package org.feedfold.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RefreshPolicyTest {
  static final URI FEED = URI.create("https://news.example/feed.xml");
  static final RefreshPolicy POLICY = new RefreshPolicy(RefreshSettings.defaults());

  static FetchOutcome outcome(String kind, Long serverSeconds) {
    Duration server = serverSeconds == null ? null : Duration.ofSeconds(serverSeconds);
    return switch (kind) {
      case "fetched" ->
          new FetchOutcome.Fetched(FEED, 200, null, null, new byte[0], false, null, null, server);
      case "notModified" -> new FetchOutcome.NotModified(FEED, server);
      case "rateLimited" -> new FetchOutcome.RateLimited(FEED, 429, server);
      case "failed" -> new FetchOutcome.Failed(FEED, 500, "HTTP 500");
      default -> new FetchOutcome.Gone(FEED, 410);
    };
  }

  /** Defaults: 30 min interval, 15 min minimum, 24 h maximum; jitter takes off at most 10 %. */
  @ParameterizedTest(name = "{0} after {1} failures, server says {2}s -> [{3}, {4}] min")
  @CsvSource({
    // outcome, failures, Retry-After or max-age (s), lowest, highest (minutes)
    "fetched,      0,       , 27,   30",
    "notModified,  0,       , 27,   30",
    "fetched,      0,   3600, 60,   60",
    "notModified,  0,   7200, 120,  120",
    "fetched,      0,     60, 27,   30",
    "failed,       1,       , 27,   30",
    "failed,       2,       , 54,   60",
    "failed,       3,       , 108,  120",
    "failed,       6,       , 864,  960",
    "failed,       7,       , 1296, 1440",
    "failed,     100,       , 1296, 1440",
    "rateLimited,  1,   7200, 120,  120",
    "rateLimited,  1,     10, 27,   30",
    "rateLimited,  3,       , 108,  120",
    "rateLimited,  1, 864000, 1440, 1440",
  })
  void computesDelayWithinBounds(
      String kind, int failures, Long serverSeconds, long lowMinutes, long highMinutes) {
    Duration delay = POLICY.delay(FEED, outcome(kind, serverSeconds), failures).orElseThrow();

    assertTrue(
        delay.compareTo(Duration.ofMinutes(lowMinutes)) >= 0
            && delay.compareTo(Duration.ofMinutes(highMinutes)) <= 0,
        () -> "delay " + delay);
  }

  @Nested
  class Gone {
    @Test
    void disablesFeedThatIsGone() {
      assertEquals(
          Optional.empty(), POLICY.nextFetch(FEED, outcome("gone", null), 0, Instant.EPOCH));
    }
  }

  @Nested
  class Jitter {
    @Test
    void givesSameFeedSameDelayEveryTime() {
      assertEquals(
          POLICY.delay(FEED, outcome("fetched", null), 0),
          POLICY.delay(URI.create(FEED.toString()), outcome("fetched", null), 0));
    }

    @Test
    void spreadsDifferentFeedsApart() {
      Set<Duration> delays =
          IntStream.range(0, 20)
              .mapToObj(i -> URI.create("https://site" + i + ".example/rss"))
              .map(u -> POLICY.delay(u, outcome("fetched", null), 0).orElseThrow())
              .collect(Collectors.toSet());

      assertTrue(delays.size() > 10, () -> "distinct delays: " + delays.size());
    }

    @Test
    void neverFetchesMoreOftenThanMinInterval() {
      RefreshPolicy tight =
          new RefreshPolicy(
              new RefreshSettings(
                  Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofHours(1)));

      assertEquals(
          Optional.of(Duration.ofMinutes(10)), tight.delay(FEED, outcome("fetched", 0L), 0));
    }
  }

  @Nested
  class NextFetch {
    @Test
    void addsDelayToNow() {
      Instant now = Instant.parse("2026-11-27T10:00:00Z");

      assertEquals(
          Optional.of(now.plus(Duration.ofHours(2))),
          POLICY.nextFetch(FEED, outcome("rateLimited", 7200L), 1, now));
    }
  }

  @Nested
  class SettingsValidation {
    @Test
    void namesKeyWhenIntervalBelowMinimum() {
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new RefreshSettings(
                      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1)));
      assertTrue(e.getMessage().startsWith("fetch.interval"), e.getMessage());
    }

    @Test
    void namesKeyWhenMaximumBelowInterval() {
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new RefreshSettings(
                      Duration.ofHours(2), Duration.ofMinutes(5), Duration.ofHours(1)));
      assertTrue(e.getMessage().startsWith("fetch.max-interval"), e.getMessage());
    }
  }

  /** The interval follows how often the feed publishes (issue 10); injected times, no clock. */
  @Nested
  class Adapts {
    final Instant now = Instant.parse("2026-11-27T10:00:00Z");

    List<Instant> every(Duration gap, Duration newestAge, int count) {
      return IntStream.range(0, count)
          .mapToObj(i -> now.minus(newestAge).minus(gap.multipliedBy(i)))
          .toList();
    }

    RefreshPolicy.Refresh schedule(FetchOutcome outcome, FeedSignals signals) {
      return POLICY.schedule(FEED, outcome, 0, signals, now).orElseThrow();
    }

    @Test
    void pollsAFeedPublishingHourlyEveryHalfHour() {
      FeedSignals hourly =
          new FeedSignals(
              null, null, null, every(Duration.ofHours(1), Duration.ofMinutes(10), 20), 1);

      assertEquals(Duration.ofMinutes(30), schedule(outcome("fetched", null), hourly).interval());
    }

    @Test
    void holdsABusyFeedAtTheMinimum() {
      FeedSignals busy =
          new FeedSignals(
              null, null, null, every(Duration.ofMinutes(2), Duration.ofMinutes(1), 20), 5);

      assertEquals(Duration.ofMinutes(15), schedule(outcome("fetched", null), busy).interval());
    }

    @Test
    void letsAFeedThatWentQuietDriftToTheMaximumByHalfAFetchAtMost() {
      List<Instant> weeksAgo = every(Duration.ofHours(1), Duration.ofDays(21), 20);
      Duration interval = Duration.ofMinutes(30);
      List<Duration> seen = new java.util.ArrayList<>();
      for (int fetch = 0; fetch < 12; fetch++) {
        interval =
            schedule(outcome("fetched", null), new FeedSignals(interval, null, null, weeksAgo, 0))
                .interval();
        seen.add(interval);
      }

      assertEquals(Duration.ofMinutes(45), seen.get(0));
      assertEquals(Duration.ofHours(24), seen.get(seen.size() - 1));
    }

    @Test
    void keepsPollingAFeedWhoseNewEntriesCarryOldDates() {
      FeedSignals backdated =
          new FeedSignals(
              Duration.ofMinutes(30),
              null,
              null,
              every(Duration.ofHours(1), Duration.ofDays(900), 20),
              2);

      assertEquals(
          Duration.ofMinutes(30), schedule(outcome("fetched", null), backdated).interval());
    }

    @Test
    void startsNoHigherThanHalfAgainTheConfiguredIntervalWhateverTheDatesSay() {
      FeedSignals quietFirst =
          new FeedSignals(null, null, null, every(Duration.ofDays(1), Duration.ofDays(30), 5), 5);

      assertEquals(
          Duration.ofMinutes(45), schedule(outcome("fetched", null), quietFirst).interval());
    }

    @Test
    void withoutDatesShrinksAfterNewEntriesAndGrowsAfterNone() {
      FeedSignals brought = new FeedSignals(Duration.ofHours(2), null, null, List.of(), 3);
      FeedSignals nothing = new FeedSignals(Duration.ofHours(2), null, null, List.of(), 0);

      assertEquals(Duration.ofHours(1), schedule(outcome("fetched", null), brought).interval());
      assertEquals(Duration.ofHours(3), schedule(outcome("fetched", null), nothing).interval());
      assertEquals(Duration.ofHours(3), schedule(outcome("notModified", null), nothing).interval());
    }

    @Test
    void startsAtTheConfiguredIntervalWhenNothingIsKnown() {
      assertEquals(
          Duration.ofMinutes(30),
          schedule(outcome("fetched", null), FeedSignals.none()).interval());
    }

    @Test
    void takesTheOutlinesIntervalOverTheLearntOne() {
      FeedSignals overridden =
          new FeedSignals(
              Duration.ofMinutes(30),
              Duration.ofHours(2),
              null,
              every(Duration.ofMinutes(5), Duration.ZERO, 20),
              9);

      RefreshPolicy.Refresh r = schedule(outcome("fetched", null), overridden);

      assertEquals(Duration.ofHours(2), r.interval());
      assertTrue(r.next().isAfter(now.plus(Duration.ofMinutes(107))), () -> r.toString());
    }

    @Test
    void waitsAtLeastThePublishersTtl() {
      FeedSignals ttl = new FeedSignals(Duration.ofMinutes(30), null, Duration.ofHours(3), null, 1);

      RefreshPolicy.Refresh r = schedule(outcome("fetched", null), ttl);

      assertEquals(now.plus(Duration.ofHours(3)), r.next());
    }

    @Test
    void keepsTheLearntIntervalThroughFailures() {
      FeedSignals learnt = new FeedSignals(Duration.ofHours(5), null, null, null, 0);

      RefreshPolicy.Refresh r =
          POLICY.schedule(FEED, outcome("failed", null), 2, learnt, now).orElseThrow();

      assertEquals(Duration.ofHours(5), r.interval());
      assertTrue(r.next().isBefore(now.plus(Duration.ofMinutes(61))), () -> r.toString());
    }

    @Test
    void spreadsFeedsOfOneHostApartYetSchedulesEachTheSameWayEveryTime() {
      Set<Instant> nexts =
          IntStream.range(0, 20)
              .mapToObj(i -> URI.create("https://bridge.example/feed/" + i))
              .map(
                  u ->
                      POLICY
                          .schedule(u, outcome("fetched", null), 0, FeedSignals.none(), now)
                          .orElseThrow()
                          .next())
              .collect(Collectors.toSet());

      assertTrue(nexts.size() > 10, () -> "distinct times: " + nexts.size());
      assertEquals(
          POLICY.schedule(FEED, outcome("fetched", null), 0, FeedSignals.none(), now),
          POLICY.schedule(FEED, outcome("fetched", null), 0, FeedSignals.none(), now));
    }
  }
}
