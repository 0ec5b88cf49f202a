package org.feedfold.cluster;

import java.time.Duration;
import java.util.function.IntPredicate;

/**
 * Decides whether two articles report the same story, from their fingerprints.
 *
 * <p>The decision is containment-aware: a teaser, an excerpt, or an earlier version of a live story
 * is contained in the later, longer text, so the share of the <em>shorter</em> text found in the
 * longer one counts, not the Jaccard overlap. Shingles the caller marks as boilerplate (site
 * templates, footers, common phrases) count for neither side. A lower containment is accepted when
 * the titles agree, and nothing matches with fewer than {@link ClusterSettings#minSharedShingles()}
 * shared shingles or outside {@link ClusterSettings#window()}.
 *
 * <p>Immutable and thread-safe; pure (no I/O).
 */
public final class StoryMatcher {
  private final ClusterSettings settings;

  /** Creates a matcher with these thresholds. */
  public StoryMatcher(ClusterSettings settings) {
    this.settings = settings;
  }

  /** Returns the settings this matcher decides with. */
  public ClusterSettings settings() {
    return settings;
  }

  /**
   * Measures {@code a} against {@code b}.
   *
   * @param boilerplate says which shingle hashes to ignore; called at most once per distinct hash
   * @param apart distance between the publication times
   */
  public MatchEvidence measure(
      Fingerprint a, Fingerprint b, IntPredicate boilerplate, Duration apart) {
    int[] x = a.shingles();
    int[] y = b.shingles();
    int i = 0;
    int j = 0;
    int nx = 0;
    int ny = 0;
    int shared = 0;
    while (i < x.length || j < y.length) {
      if (j == y.length || (i < x.length && x[i] < y[j])) {
        nx += boilerplate.test(x[i++]) ? 0 : 1;
      } else if (i == x.length || y[j] < x[i]) {
        ny += boilerplate.test(y[j++]) ? 0 : 1;
      } else {
        if (!boilerplate.test(x[i])) {
          nx++;
          ny++;
          shared++;
        }
        i++;
        j++;
      }
    }
    int smaller = Math.min(nx, ny);
    int larger = Math.max(nx, ny);
    double containment = smaller == 0 ? 0 : (double) shared / smaller;
    double jaccard = shared == 0 ? 0 : (double) shared / (nx + ny - shared);
    return new MatchEvidence(
        shared,
        smaller,
        larger,
        containment,
        jaccard,
        dice(a.titleWords(), b.titleWords()),
        apart.abs());
  }

  /** Returns true if the evidence shows one story. */
  public boolean sameStory(MatchEvidence e) {
    if (e.apart().compareTo(settings.window()) > 0 || e.shared() < settings.minSharedShingles()) {
      return false;
    }
    ClusterSettings c = settings;
    boolean longPassage = e.shared() >= c.strongSharedShingles();
    if (e.containment() >= c.minContainment()) {
      // A short shared passage (a teaser, a stock paragraph of background) is only trusted when it
      // is nearly all of the shorter text or the titles agree.
      return longPassage
          || e.containment() >= c.strongContainment()
          || e.titleSimilarity() >= c.minTitleSimilarity();
    }
    return longPassage
        && e.containment() >= c.titleSupportedContainment()
        && e.titleSimilarity() >= c.strongTitleSimilarity();
  }

  /**
   * Returns true if evidence measured <em>without</em> discounting boilerplate shows a near copy:
   * nearly all of the shorter text (at least {@link ClusterSettings#strongContainment()}, and
   * {@link ClusterSettings#minSharedShingles()} shingles) is in the longer one and the titles
   * agree. This catches a short report whose phrases other reports of the same event also use,
   * which makes them look like boilerplate; the title keeps two stories in one site's template
   * apart.
   */
  public boolean nearCopy(MatchEvidence raw) {
    return raw.apart().compareTo(settings.window()) <= 0
        && raw.shared() >= settings.minSharedShingles()
        && raw.containment() >= settings.strongContainment()
        && raw.titleSimilarity() >= settings.minTitleSimilarity();
  }

  /**
   * Returns true if a match is strong enough on its own to merge the matched story with another one
   * the same article matched: a long shared passage and agreeing titles. Weaker matches merge two
   * stories only if their members match each other, so that one story's text wrapped in boilerplate
   * shared with another story cannot glue the two together.
   */
  public boolean mayBridge(MatchEvidence e) {
    return e.shared() >= settings.strongSharedShingles()
        && e.titleSimilarity() >= settings.minTitleSimilarity();
  }

  /**
   * Ranks matches: containment, with title agreement as supporting evidence, so an article joins
   * the story it republishes rather than one it only shares boilerplate with.
   */
  public static double rank(MatchEvidence e) {
    return e.containment() + e.titleSimilarity() / 2;
  }

  private static double dice(int[] x, int[] y) {
    if (x.length == 0 || y.length == 0) {
      return 0;
    }
    return 2.0 * Fingerprint.countShared(x, y) / (x.length + y.length);
  }
}
