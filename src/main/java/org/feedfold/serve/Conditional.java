package org.feedfold.serve;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** Implements the validators and conditional-request checks of RFC 9110 §8.8 and §13. */
final class Conditional {
  private Conditional() {}

  /** Returns a strong entity tag derived from the body bytes (SHA-256, 128 bits shown). */
  static String etag(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return '"'
          + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22)
          + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Formats an instant as an IMF-fixdate, the HTTP-date form to generate. */
  static String httpDate(Instant t) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
  }

  /**
   * Returns whether a GET may be answered 304: {@code If-None-Match} (weak comparison, §13.1.2)
   * when present, else {@code If-Modified-Since} (§13.1.3) against {@code lastModified}.
   */
  static boolean notModified(
      String ifNoneMatch, String ifModifiedSince, String etag, Instant lastModified) {
    if (ifNoneMatch != null) {
      for (String candidate : ifNoneMatch.split(",")) {
        String c = candidate.strip();
        if (c.equals("*") || opaque(c).equals(opaque(etag))) {
          return true;
        }
      }
      // §13.2.2: If-Modified-Since is ignored when If-None-Match is present.
      return false;
    }
    if (ifModifiedSince != null && lastModified != null) {
      try {
        Instant since =
            ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant();
        return !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
      } catch (DateTimeParseException e) {
        return false;
      }
    }
    return false;
  }

  /** Returns the tag without weakness and without the gzip suffix (see {@link Compression}). */
  private static String opaque(String tag) {
    return Compression.identityTag(tag.startsWith("W/") ? tag.substring(2) : tag);
  }
}
