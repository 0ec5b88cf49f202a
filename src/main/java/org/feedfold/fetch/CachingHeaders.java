package org.feedfold.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses the response headers that steer refresh timing; pure and thread-safe. */
final class CachingHeaders {
  /** Longest delay a header may ask for; larger values are clamped, not trusted. */
  static final Duration MAX_DELAY = Duration.ofDays(365);

  private CachingHeaders() {}

  /**
   * Parses {@code Retry-After} (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, relative to
   * {@code now}. Returns {@code null} when absent or malformed; a date in the past gives zero.
   */
  static Duration retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      return seconds(v);
    }
    try {
      // RFC 1123 is the preferred HTTP-date form; obsolete forms are rare enough to ignore.
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return d.isNegative() ? Duration.ZERO : min(d);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Returns the {@code max-age} directive of a {@code Cache-Control} value (RFC 9111 §5.2.2.1), or
   * {@code null} when absent or malformed.
   */
  static Duration maxAge(String cacheControl) {
    if (cacheControl == null) {
      return null;
    }
    for (String directive : cacheControl.split(",")) {
      String d = directive.trim().toLowerCase(Locale.ROOT);
      if (d.startsWith("max-age=")) {
        String v = d.substring("max-age=".length()).replace("\"", "");
        return v.isEmpty() || !v.chars().allMatch(Character::isDigit) ? null : seconds(v);
      }
    }
    return null;
  }

  /**
   * Returns how long a response stays fresh (RFC 9111 §4.2.1): {@code Cache-Control: max-age} when
   * present, else {@code Expires} minus {@code Date} (or minus {@code now} without a valid {@code
   * Date}). An {@code Expires} in the past or malformed (such as {@code 0}) means already stale,
   * zero (§5.3). Returns {@code null} when neither header is present.
   */
  static Duration freshness(String cacheControl, String expires, String date, Instant now) {
    Duration maxAge = maxAge(cacheControl);
    if (maxAge != null || expires == null || expires.isBlank()) {
      return maxAge;
    }
    Instant at = httpDate(expires);
    if (at == null) {
      return Duration.ZERO;
    }
    Instant served = httpDate(date);
    Duration d = Duration.between(served == null ? now : served, at);
    return d.isNegative() ? Duration.ZERO : min(d);
  }

  private static Instant httpDate(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Duration seconds(String digits) {
    if (digits.length() > 10) {
      return MAX_DELAY;
    }
    return min(Duration.ofSeconds(Long.parseLong(digits)));
  }

  private static Duration min(Duration d) {
    return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
  }
}
