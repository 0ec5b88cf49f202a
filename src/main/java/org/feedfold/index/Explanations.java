package org.feedfold.index;

import java.time.Duration;
import org.feedfold.cluster.MatchEvidence;

/** Stores the evidence of a match in an article document, and reads it back for {@code explain}. */
final class Explanations {
  private Explanations() {}

  static String encode(MatchEvidence e) {
    // Concatenation, not String.format: this runs for every article that joins a story.
    return e.shared()
        + " "
        + e.smaller()
        + " "
        + e.larger()
        + " "
        + round(e.containment())
        + " "
        + round(e.jaccard())
        + " "
        + round(e.titleSimilarity())
        + " "
        + e.apart().toSeconds();
  }

  /** Rounds to four decimals, as explanations show them. */
  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  static MatchEvidence decode(String s) {
    if (s == null) {
      return null;
    }
    String[] p = s.split(" ");
    return new MatchEvidence(
        Integer.parseInt(p[0]),
        Integer.parseInt(p[1]),
        Integer.parseInt(p[2]),
        Double.parseDouble(p[3]),
        Double.parseDouble(p[4]),
        Double.parseDouble(p[5]),
        Duration.ofSeconds(Long.parseLong(p[6])));
  }
}
