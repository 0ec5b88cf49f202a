package org.feedfold.index;

import java.time.Duration;
import java.util.Locale;
import org.feedfold.cluster.MatchEvidence;

/** Stores the evidence of a match in an article document, and reads it back for {@code explain}. */
final class Explanations {
  private Explanations() {}

  static String encode(MatchEvidence e) {
    return String.format(
        Locale.ROOT,
        "%d %d %d %.4f %.4f %.4f %d",
        e.shared(),
        e.smaller(),
        e.larger(),
        e.containment(),
        e.jaccard(),
        e.titleSimilarity(),
        e.apart().toSeconds());
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
