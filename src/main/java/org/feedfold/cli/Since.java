package org.feedfold.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts {@code --since} values: a duration back from now ({@code 90m}, {@code 24h}, {@code 7d},
 * {@code 2w}), a date ({@code 2026-11-01}, midnight UTC) or an instant ({@code
 * 2026-11-01T12:00:00Z}).
 */
final class Since implements ITypeConverter<Instant> {
  private static final Pattern AGO = Pattern.compile("(\\d+)(s|m|h|d|w)");
  private final InstantSource clock;

  Since() {
    this(InstantSource.system());
  }

  Since(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public Instant convert(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    Matcher m = AGO.matcher(v);
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
      return clock.instant().minus(d);
    }
    try {
      return LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException notADate) {
      try {
        return OffsetDateTime.parse(value.strip()).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "expected a duration (24h, 7d), a date (2026-11-01) or an instant"
                + " (2026-11-01T12:00:00Z), got '"
                + value
                + "'");
      }
    }
  }
}
