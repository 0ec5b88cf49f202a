package org.feedfold.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * Holds the thresholds that decide when two articles report the same story.
 *
 * <p>Shingle counts below are counts of <em>sampled</em> shingles (one in {@code sampleModulus}
 * word n-grams is kept, chosen by value so both sides keep the same ones).
 *
 * @param window how far apart in publication time two articles may be and still be one story
 *     ({@code cluster.window})
 * @param minContainment the least share of the shorter text's informative shingles found in the
 *     longer one ({@code cluster.min-containment})
 * @param strongContainment a containment that needs no other support even when the shared passage
 *     is short ({@code cluster.strong-containment})
 * @param strongSharedShingles a shared passage this long (in sampled shingles, about four words
 *     each) needs no title support ({@code cluster.strong-shared-shingles})
 * @param titleSupportedContainment a lower containment accepted when the titles strongly agree and
 *     the shared passage is long ({@code cluster.title-supported-containment})
 * @param minTitleSimilarity how alike two titles must be (Dice coefficient of their content words)
 *     to support a short match ({@code cluster.min-title-similarity})
 * @param strongTitleSimilarity how alike two titles must be to support a match below {@code
 *     minContainment} ({@code cluster.strong-title-similarity})
 * @param minSharedShingles the least number of shared informative shingles for any match, so that
 *     short texts cannot glue stories together ({@code cluster.min-shared-shingles})
 * @param shingleWords words per shingle ({@code cluster.shingle-words})
 * @param sampleModulus keep a shingle when its hash modulo this is zero ({@code
 *     cluster.sample-modulus})
 * @param boilerplateStories a shingle found in this many different stories is boilerplate and
 *     counts for nothing ({@code cluster.boilerplate-stories})
 * @param maxCandidates how many candidate articles are verified per added article ({@code
 *     cluster.max-candidates})
 * @param windowArticles how many articles' fingerprints to hold in memory for matching, at most
 *     (about 3 KB each); more are held only when more were published within one window ({@code
 *     cluster.window-articles})
 */
public record ClusterSettings(
    Duration window,
    double minContainment,
    double strongContainment,
    int strongSharedShingles,
    double titleSupportedContainment,
    double minTitleSimilarity,
    double strongTitleSimilarity,
    int minSharedShingles,
    int shingleWords,
    int sampleModulus,
    int boilerplateStories,
    int maxCandidates,
    int windowArticles) {
  public ClusterSettings {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("cluster.window must be positive: " + window);
    }
    share("cluster.min-containment", minContainment);
    share("cluster.title-supported-containment", titleSupportedContainment);
    share("cluster.min-title-similarity", minTitleSimilarity);
    share("cluster.strong-containment", strongContainment);
    share("cluster.strong-title-similarity", strongTitleSimilarity);
    if (strongContainment < minContainment) {
      throw new IllegalArgumentException(
          "cluster.strong-containment must not be below cluster.min-containment: "
              + strongContainment);
    }
    range("cluster.strong-shared-shingles", strongSharedShingles, 1, 10_000);
    if (titleSupportedContainment > minContainment) {
      throw new IllegalArgumentException(
          "cluster.title-supported-containment must not exceed cluster.min-containment: "
              + titleSupportedContainment);
    }
    range("cluster.min-shared-shingles", minSharedShingles, 1, 1000);
    range("cluster.shingle-words", shingleWords, 2, 12);
    range("cluster.sample-modulus", sampleModulus, 1, 64);
    range("cluster.boilerplate-stories", boilerplateStories, 2, 1000);
    range("cluster.max-candidates", maxCandidates, 1, 1000);
    range("cluster.window-articles", windowArticles, 1000, 100_000_000);
  }

  /**
   * Returns the defaults: a 7-day window; containment 0.5 with a long shared passage (20 sampled
   * shingles), a title similarity of 0.5 or a containment of 0.9; containment 0.3 with titles
   * similar 0.8 and a long passage; at least 3 shared sampled shingles; word 5-grams sampled 1 in
   * 4; boilerplate once a shingle is in 3 stories; 12 candidates verified; up to 50,000 articles
   * held in memory.
   */
  public static ClusterSettings defaults() {
    return new ClusterSettings(
        Duration.ofDays(7), 0.5, 0.9, 20, 0.3, 0.5, 0.8, 3, 5, 4, 3, 12, 50_000);
  }

  private static void share(String key, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(key + " must be in (0, 1]: " + value);
    }
  }

  private static void range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " must be in [" + min + ", " + max + "]: " + value);
    }
  }
}
