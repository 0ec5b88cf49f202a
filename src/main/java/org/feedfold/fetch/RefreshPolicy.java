package org.feedfold.fetch;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Computes when a feed should be fetched next, from the last outcome, the failure streak and what
 * is known of the feed's rhythm ({@link FeedSignals}).
 *
 * <p>The rule, with {@code i}, {@code min} and {@code max} from {@link RefreshSettings}:
 *
 * <ol>
 *   <li>{@link FetchOutcome.Gone}: never again ({@link Optional#empty()}); the feed is disabled.
 *   <li>Success: the feed's interval adapts to how often it publishes. With at least two dated
 *       entries in a fetched document it is half the mean gap between the {@value #DATED_ENTRIES}
 *       newest, or half the age of the newest when the feed has been quiet longer than that (poll
 *       twice per expected entry). Without dates (and after a 304) the interval learnt so far
 *       halves after a fetch that added articles and grows by half after one that added none. The
 *       first success without dates starts at {@code i}. The interval grows by at most half per
 *       fetch (from {@code i} at the first), and not at all after a fetch that added articles, so a
 *       feed whose new entries carry old dates stays polled. An outline's {@code feedfoldInterval}
 *       replaces the learnt interval. The result is clamped to {@code [min, max]}.
 *   <li>{@link FetchOutcome.Failed} and {@link FetchOutcome.RateLimited}: exponential back-off,
 *       {@code i × 2^(n-1)} for the {@code n}-th failure in a row ({@code n >= 1}); the learnt
 *       interval is kept for when the feed recovers.
 *   <li>Jitter: the delay is shortened by up to 10 %, by a fraction derived from the URL, so feeds
 *       of one host added together spread out, yet each feed's schedule is reproducible.
 *   <li>Floors: the publisher's {@code <ttl>} / {@code sy:updatePeriod}, {@code Cache-Control:
 *       max-age} or {@code Expires}, and {@code Retry-After} longer than the delay raise it; a
 *       shorter one never makes us fetch sooner than the rule above. The publisher's hint is also
 *       folded into the learnt interval, so the 304s that follow keep honouring it.
 *   <li>The delay is finally clamped to {@code [min, max]}: even a server asking for a week's pause
 *       is asked again after {@code max}.
 * </ol>
 *
 * <p>Pure and thread-safe: the time, the failure count and the signals are passed in.
 */
public final class RefreshPolicy {
  private static final double MAX_JITTER = 0.10;

  /** Entries whose dates estimate the publishing rhythm: recent enough to follow a change. */
  static final int DATED_ENTRIES = 20;

  /** 2^20 × 30 min exceeds any sane maximum; stops the shift overflowing. */
  private static final int MAX_DOUBLINGS = 20;

  private final RefreshSettings settings;

  /**
   * Says when to fetch a feed next, and the interval to remember for it.
   *
   * @param next when the next fetch is due
   * @param interval the adaptive interval to store with the feed ({@code FeedState.interval});
   *     {@code null} while nothing has been learnt
   */
  public record Refresh(Instant next, Duration interval) {}

  /** Creates a policy with the given bounds. */
  public RefreshPolicy(RefreshSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Returns the bounds this policy applies. */
  public RefreshSettings settings() {
    return settings;
  }

  /**
   * Returns when to fetch {@code feed} next and the interval learnt, or empty when it should be
   * disabled.
   *
   * @param feed the feed URL, the jitter seed
   * @param outcome the outcome of the fetch that just finished
   * @param consecutiveFailures failures in a row including this outcome when it failed or was rate
   *     limited (so at least 1 then); ignored after a success
   * @param signals what is known of the feed's rhythm; {@link FeedSignals#none()} when nothing
   * @param now when the fetch finished
   */
  public Optional<Refresh> schedule(
      URI feed, FetchOutcome outcome, int consecutiveFailures, FeedSignals signals, Instant now) {
    Objects.requireNonNull(feed, "feed");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(signals, "signals");
    Objects.requireNonNull(now, "now");
    Duration base;
    Duration serverFloor;
    Duration remembered;
    if (outcome instanceof FetchOutcome.Gone) {
      return Optional.empty();
    } else if (outcome instanceof FetchOutcome.Fetched f) {
      remembered = learn(signals, estimate(signals.entryDates(), now));
      base = remembered;
      serverFloor = f.maxAge();
    } else if (outcome instanceof FetchOutcome.NotModified m) {
      remembered = learn(signals, null);
      base = remembered;
      serverFloor = m.maxAge();
    } else if (outcome instanceof FetchOutcome.RateLimited r) {
      remembered = signals.interval();
      base = backOff(consecutiveFailures);
      serverFloor = r.retryAfter();
    } else {
      remembered = signals.interval();
      base = backOff(consecutiveFailures);
      serverFloor = null;
    }
    Duration delay = jitter(base, feed);
    delay = atLeast(delay, serverFloor);
    if (!(outcome instanceof FetchOutcome.Failed)) {
      delay = atLeast(delay, signals.advertised());
    }
    return Optional.of(new Refresh(now.plus(clamp(delay)), remembered));
  }

  /**
   * Returns when to fetch {@code feed} next, or empty when it should be disabled, knowing nothing
   * of its rhythm (as {@link #schedule} with {@link FeedSignals#none()}).
   */
  public Optional<Instant> nextFetch(
      URI feed, FetchOutcome outcome, int consecutiveFailures, Instant now) {
    return schedule(feed, outcome, consecutiveFailures, FeedSignals.none(), now).map(Refresh::next);
  }

  /** Returns the delay before the next fetch of a feed whose rhythm is unknown, or empty. */
  public Optional<Duration> delay(URI feed, FetchOutcome outcome, int consecutiveFailures) {
    Instant t = Instant.EPOCH;
    return nextFetch(feed, outcome, consecutiveFailures, t).map(n -> Duration.between(t, n));
  }

  /**
   * Returns the interval after a success: the user's, else the dates', else from the yield. Apart
   * from the user's, it grows by at most half per fetch (from {@code fetch.interval} at the first),
   * and not at all after a fetch that added articles: backdated entries (new entries with old
   * dates) must not park an active feed at the maximum.
   */
  private Duration learn(FeedSignals s, Duration fromDates) {
    Duration learnt;
    if (s.override() != null) {
      return clamp(atLeast(s.override(), s.advertised()));
    }
    Duration previous = s.interval() == null ? settings.interval() : s.interval();
    if (fromDates != null) {
      learnt = fromDates;
    } else if (s.interval() == null) {
      learnt = settings.interval();
    } else if (s.newEntries() > 0) {
      learnt = previous.dividedBy(2);
    } else {
      learnt = previous.plus(previous.dividedBy(2));
    }
    Duration cap =
        s.newEntries() > 0 && s.interval() != null
            ? previous
            : previous.plus(previous.dividedBy(2));
    if (learnt.compareTo(cap) > 0) {
      learnt = cap;
    }
    return clamp(atLeast(learnt, s.advertised()));
  }

  /**
   * Returns half the mean gap between the newest dated entries, or half the newest's age when that
   * is longer; {@code null} with fewer than two distinct past dates.
   */
  static Duration estimate(List<Instant> dates, Instant now) {
    List<Instant> recent =
        dates.stream()
            .filter(d -> !d.isAfter(now))
            .distinct()
            .sorted(Comparator.reverseOrder())
            .limit(DATED_ENTRIES)
            .toList();
    if (recent.size() < 2) {
      return null;
    }
    Instant newest = recent.get(0);
    Duration span = Duration.between(recent.get(recent.size() - 1), newest);
    Duration meanGap = span.dividedBy(recent.size() - 1);
    Duration quiet = Duration.between(newest, now);
    return (quiet.compareTo(meanGap) > 0 ? quiet : meanGap).dividedBy(2);
  }

  private Duration backOff(int failures) {
    int doublings = Math.min(Math.max(failures, 1) - 1, MAX_DOUBLINGS);
    Duration d = settings.interval().multipliedBy(1L << doublings);
    return d.compareTo(settings.maxInterval()) > 0 ? settings.maxInterval() : d;
  }

  private static Duration atLeast(Duration d, Duration floor) {
    return floor != null && floor.compareTo(d) > 0 ? floor : d;
  }

  private static Duration jitter(Duration base, URI feed) {
    CRC32 crc = new CRC32();
    crc.update(feed.toString().getBytes(StandardCharsets.UTF_8));
    double fraction = (crc.getValue() % 10_000) / 10_000.0;
    long millis = base.toMillis();
    return Duration.ofMillis(millis - (long) (millis * MAX_JITTER * fraction));
  }

  private Duration clamp(Duration d) {
    if (d.compareTo(settings.minInterval()) < 0) {
      return settings.minInterval();
    }
    return d.compareTo(settings.maxInterval()) > 0 ? settings.maxInterval() : d;
  }
}
