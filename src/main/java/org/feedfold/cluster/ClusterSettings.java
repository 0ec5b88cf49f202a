package org.feedfold.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * Holds the thresholds that decide when two articles report the same story.
 *
 * @param window how far apart in publication time two articles may be and still be one story
 * @param minContainment the least share of the shorter text's shingles found in the longer one
 */
public record ClusterSettings(Duration window, double minContainment) {
  public ClusterSettings {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("cluster.window must be positive: " + window);
    }
    if (!(minContainment > 0 && minContainment <= 1)) {
      throw new IllegalArgumentException(
          "cluster.min-containment must be in (0, 1]: " + minContainment);
    }
  }

  /** Returns the defaults: a 7-day window and containment 0.5. */
  public static ClusterSettings defaults() {
    return new ClusterSettings(Duration.ofDays(7), 0.5);
  }
}
