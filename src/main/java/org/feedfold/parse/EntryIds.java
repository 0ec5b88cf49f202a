package org.feedfold.parse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Makes a stable id for an entry that has neither guid nor link: a SHA-256 of its title and date,
 * so the same entry fetched twice gets the same id. Thread-safe (stateless).
 */
final class EntryIds {
  private EntryIds() {}

  /** Returns {@code "urn:sha256:<hex>"} over title and date; any argument may be null. */
  static String hash(String title, Instant published, Instant updated) {
    Instant date = published != null ? published : updated;
    String key = (title == null ? "" : title) + '\n' + (date == null ? "" : date.toString());
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "urn:sha256:" + HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
