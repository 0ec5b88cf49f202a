package org.feedfold.fetch;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Computes when a feed should be fetched next, from the last outcome and the failure streak.
 *
 * <p>The rule, with {@code i}, {@code min} and {@code max} from {@link RefreshSettings}:
 *
 * <ol>
 *   <li>{@link FetchOutcome.Gone}: never again ({@link Optional#empty()}); the feed is disabled.
 *   <li>Success ({@link FetchOutcome.Fetched}, {@link FetchOutcome.NotModified}): the base delay is
 *       {@code i}.
 *   <li>{@link FetchOutcome.Failed} and {@link FetchOutcome.RateLimited}: exponential back-off,
 *       {@code i × 2^(n-1)} for the {@code n}-th failure in a row ({@code n >= 1}).
 *   <li>Jitter: the base delay is shortened by up to 10 %, by a fraction derived from the URL, so
 *       feeds added together spread out yet each feed's schedule is reproducible.
 *   <li>Server floors: a {@code Retry-After} or {@code Cache-Control: max-age} longer than the
 *       delay raises it; a shorter one never makes us fetch sooner than the rule above.
 *   <li>The delay is finally clamped to {@code [min, max]}: even a server asking for a week's pause
 *       is asked again after {@code max}.
 * </ol>
 *
 * <p>Pure and thread-safe: the time and the failure count are passed in.
 */
public final class RefreshPolicy {
  private static final double MAX_JITTER = 0.10;

  /** 2^20 × 30 min exceeds any sane maximum; stops the shift overflowing. */
  private static final int MAX_DOUBLINGS = 20;

  private final RefreshSettings settings;

  /** Creates a policy with the given bounds. */
  public RefreshPolicy(RefreshSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Returns when to fetch {@code feed} next, or empty when it should be disabled.
   *
   * @param feed the feed URL, the jitter seed
   * @param outcome the outcome of the fetch that just finished
   * @param consecutiveFailures failures in a row including this outcome when it failed or was rate
   *     limited (so at least 1 then); ignored after a success
   * @param now when the fetch finished
   */
  public Optional<Instant> nextFetch(
      URI feed, FetchOutcome outcome, int consecutiveFailures, Instant now) {
    Objects.requireNonNull(now, "now");
    return delay(feed, outcome, consecutiveFailures).map(now::plus);
  }

  /** Returns the delay before the next fetch, or empty when the feed should be disabled. */
  public Optional<Duration> delay(URI feed, FetchOutcome outcome, int consecutiveFailures) {
    Objects.requireNonNull(feed, "feed");
    Objects.requireNonNull(outcome, "outcome");
    Duration floor;
    Duration base;
    if (outcome instanceof FetchOutcome.Gone) {
      return Optional.empty();
    } else if (outcome instanceof FetchOutcome.Fetched f) {
      base = settings.interval();
      floor = f.maxAge();
    } else if (outcome instanceof FetchOutcome.NotModified m) {
      base = settings.interval();
      floor = m.maxAge();
    } else if (outcome instanceof FetchOutcome.RateLimited r) {
      base = backOff(consecutiveFailures);
      floor = r.retryAfter();
    } else {
      base = backOff(consecutiveFailures);
      floor = null;
    }
    Duration delay = jitter(base, feed);
    if (floor != null && floor.compareTo(delay) > 0) {
      delay = floor;
    }
    return Optional.of(clamp(delay));
  }

  private Duration backOff(int failures) {
    int doublings = Math.min(Math.max(failures, 1) - 1, MAX_DOUBLINGS);
    Duration d = settings.interval().multipliedBy(1L << doublings);
    return d.compareTo(settings.maxInterval()) > 0 ? settings.maxInterval() : d;
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
