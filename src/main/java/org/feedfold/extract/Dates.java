package org.feedfold.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;

/**
 * Parses the date forms pages put in metadata: ISO 8601 / RFC 3339 with or without offset, seconds
 * or fraction ({@code 2024-05-01T10:00:00+0200}, {@code 2024-05-01 10:00}), a bare date, and RFC
 * 1123 ({@code Wed, 01 May 2024 10:00:00 GMT}). A time without offset is taken as UTC, a bare date
 * as its UTC midnight.
 *
 * <p>Stateless and thread-safe. Returns {@code null} for anything else rather than guessing.
 */
final class Dates {
  private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d\\d)(\\d\\d)$");
  private static final Pattern SHORT_TIME = Pattern.compile("T(\\d\\d:\\d\\d)(?=$|[Z+-])");

  private Dates() {}

  static Instant parse(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.strip();
    if (s.length() < 8 || s.length() > 64) {
      return null;
    }
    if (Character.isLetter(s.charAt(0))) {
      try {
        return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11).replace(" ", "");
    }
    s = COMPACT_OFFSET.matcher(s).replaceFirst("$1:$2");
    s = SHORT_TIME.matcher(s).replaceFirst("T$1:00");
    try {
      if (s.length() <= 10) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      TemporalAccessor t =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
      if (t instanceof OffsetDateTime odt) {
        return odt.toInstant();
      }
      return ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
