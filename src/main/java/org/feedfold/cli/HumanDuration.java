package org.feedfold.cli;

import java.time.Duration;

/**
 * Formats a duration as a person reads it, to two units at most: {@code 40 s}, {@code 40 min},
 * {@code 5 h}, {@code 5 h 20 min}, {@code 2 d 3 h}. Negative durations are formatted by their size.
 */
final class HumanDuration {
  private HumanDuration() {}

  static String format(Duration d) {
    Duration a = d.abs();
    long days = a.toDays();
    long hours = a.toHoursPart();
    long minutes = a.toMinutesPart();
    if (days > 0) {
      return days + " d" + (hours > 0 ? " " + hours + " h" : "");
    }
    if (hours > 0) {
      return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
    }
    if (minutes > 0) {
      return minutes + " min";
    }
    return a.toSecondsPart() + " s";
  }
}
