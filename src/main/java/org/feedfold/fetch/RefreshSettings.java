package org.feedfold.fetch;

import java.time.Duration;

/**
 * Holds the refresh timing bounds of {@link RefreshPolicy}.
 *
 * @param interval {@code fetch.interval}: the starting interval of a feed whose rhythm is not yet
 *     known, and the base of the failure back-off (default 30 min)
 * @param minInterval {@code fetch.min-interval}: no feed is fetched more often (default 15 min)
 * @param maxInterval {@code fetch.max-interval}: no live feed waits longer, whatever the back-off
 *     or server asks (default 24 h)
 */
public record RefreshSettings(Duration interval, Duration minInterval, Duration maxInterval) {
  /** Validates {@code 0 < minInterval <= interval <= maxInterval}, naming the key at fault. */
  public RefreshSettings {
    if (minInterval == null || minInterval.isNegative() || minInterval.isZero()) {
      throw new IllegalArgumentException(
          "fetch.min-interval must be a positive duration: " + minInterval);
    }
    if (interval == null || interval.compareTo(minInterval) < 0) {
      throw new IllegalArgumentException(
          "fetch.interval must be at least fetch.min-interval: " + interval);
    }
    if (maxInterval == null || maxInterval.compareTo(interval) < 0) {
      throw new IllegalArgumentException(
          "fetch.max-interval must be at least fetch.interval: " + maxInterval);
    }
  }

  /** Returns the defaults: 30 min interval, 15 min minimum, 24 h maximum. */
  public static RefreshSettings defaults() {
    return new RefreshSettings(
        Duration.ofMinutes(30), Duration.ofMinutes(15), Duration.ofHours(24));
  }
}
