package org.feedfold.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoryMatcherTest {
  private final StoryMatcher matcher = new StoryMatcher(ClusterSettings.defaults());

  @ParameterizedTest(name = "{7}")
  @CsvSource({
    "12, 12, 150, 1.00, 1.0, 2,   true,  teaser wholly contained",
    "9,  13, 142, 0.69, 1.0, 2,   true,  short passage with the same title",
    "7,  11, 155, 0.64, 0.2, 2,   false, short stock paragraph under another title",
    "10, 11, 90,  0.91, 0.0, 2,   true,  short passage nearly all of the shorter text",
    "60, 100, 120, 0.60, 0.0, 2,  true,  long passage under a new headline",
    "48, 142, 149, 0.34, 0.9, 2,  true,  low containment, long passage, same headline",
    "48, 142, 149, 0.34, 0.67, 2, false, low containment with only similar headlines",
    "100, 100, 100, 1.00, 1.0, 200, false, verbatim copy outside the window",
    "2,  2,  100, 1.00, 1.0, 2,   false, too few shared shingles",
  })
  void decides(
      int shared,
      int smaller,
      int larger,
      double containment,
      double title,
      int hoursApart,
      boolean same,
      String why) {
    MatchEvidence e =
        new MatchEvidence(
            shared, smaller, larger, containment, 0, title, Duration.ofHours(hoursApart));
    assertEquals(same, matcher.sameStory(e), why);
  }

  @Test
  void measuresContainmentOfShorterText() {
    Fingerprint a = new Fingerprint(new int[] {1, 2, 3, 4}, new int[] {7}, 20);
    Fingerprint b = new Fingerprint(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, new int[] {7}, 40);
    MatchEvidence e = matcher.measure(a, b, h -> false, Duration.ZERO);
    assertEquals(4, e.shared());
    assertEquals(1.0, e.containment());
    assertEquals(0.5, e.jaccard());
    assertEquals(1.0, e.titleSimilarity());
  }

  @Test
  void ignoresBoilerplateOnBothSides() {
    Fingerprint teaser = new Fingerprint(new int[] {1, 2, 90, 91, 92, 93}, new int[0], 30);
    Fingerprint other = new Fingerprint(new int[] {5, 6, 90, 91, 92, 93}, new int[0], 30);
    MatchEvidence e = matcher.measure(teaser, other, h -> h >= 90, Duration.ZERO);
    assertEquals(0, e.shared());
    assertFalse(matcher.sameStory(e));
    assertTrue(matcher.measure(teaser, other, h -> false, Duration.ZERO).containment() > 0.6);
  }

  @Test
  void takesANearCopyWithAgreeingTitleMeasuredWithBoilerplateCounted() {
    Fingerprint report = new Fingerprint(new int[] {10, 11, 12, 13, 14}, new int[] {1, 2, 3}, 30);
    Fingerprint copy =
        new Fingerprint(new int[] {10, 11, 12, 13, 14, 50, 51, 52}, new int[] {1, 2, 3}, 60);
    Fingerprint otherTitle =
        new Fingerprint(new int[] {10, 11, 12, 13, 14, 50, 51, 52}, new int[] {7, 8, 9}, 60);
    Fingerprint partial = new Fingerprint(new int[] {10, 11, 12, 60, 61}, new int[] {1, 2, 3}, 30);
    assertTrue(matcher.nearCopy(matcher.measure(report, copy, h -> false, Duration.ofHours(2))));
    assertFalse(
        matcher.nearCopy(matcher.measure(report, otherTitle, h -> false, Duration.ofHours(2))));
    assertFalse(matcher.nearCopy(matcher.measure(partial, copy, h -> false, Duration.ofHours(2))));
    assertFalse(matcher.nearCopy(matcher.measure(report, copy, h -> false, Duration.ofDays(30))));
  }

  @Test
  void rejectsThresholdsOutOfRangeNamingTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ClusterSettings(
                    Duration.ofDays(7), 1.5, 0.9, 20, 0.3, 0.5, 0.8, 3, 5, 4, 3, 12, 100_000));
    assertTrue(e.getMessage().startsWith("cluster.min-containment"), e.getMessage());
  }
}
