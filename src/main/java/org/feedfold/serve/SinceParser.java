package org.feedfold.serve;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a "since" time the way both {@code ?since=} and the CLI's {@code --since} take it: a
 * duration back from now ({@code 90m}, {@code 24h}, {@code 7d}, {@code 2w}, {@code PT90M}), an ISO
 * date (midnight UTC) or an ISO-8601 instant. A pure function; thread-safe.
 */
public final class SinceParser {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})([smhdw])");

  private SinceParser() {}

  /**
   * Returns the instant {@code value} names, durations counted back from {@code now}.
   *
   * @throws IllegalArgumentException saying which forms are accepted
   */
  public static Instant parse(String value, Instant now) {
    String v = value.strip();
    Matcher m = SHORT_DURATION.matcher(v.toLowerCase(Locale.ROOT));
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        Duration d =
            switch (m.group(2)) {
              case "s" -> Duration.ofSeconds(n);
              case "m" -> Duration.ofMinutes(n);
              case "h" -> Duration.ofHours(n);
              case "d" -> Duration.ofDays(n);
              default -> Duration.ofDays(7 * n);
            };
        return now.minus(d);
      }
      if (v.startsWith("P") || v.startsWith("p")) {
        return now.minus(Duration.parse(v).abs());
      }
      if (v.length() == 10) {
        return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "since must be an ISO-8601 instant (2026-11-27T10:00:00Z), a date (2026-11-27) or a"
              + " duration (24h, 7d, PT90M): '"
              + (v.length() > 40 ? v.substring(0, 40) + "…" : v)
              + "'",
          e);
    }
  }
}
