package org.feedfold.parse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.feedfold.model.FeedEntry;

/**
 * Makes a stable id for an entry that has neither guid nor link: a SHA-256 of its title and date,
 * so the same entry fetched twice gets the same id; and keeps the ids of one document apart. Thread
 * safe (stateless).
 */
final class EntryIds {
  private EntryIds() {}

  /** Returns {@code "urn:sha256:<hex>"} over title and date; any argument may be null. */
  static String hash(String title, Instant published, Instant updated) {
    Instant date = published != null ? published : updated;
    // The exact key of earlier versions: stored article ids derive from it.
    String key = (title == null ? "" : title) + '\n' + (date == null ? "" : date.toString());
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "urn:sha256:" + HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /**
   * Returns {@code entries} with ids that differ unless the entries are equal: a later entry with
   * the id of an earlier, different one (a repeated guid, or the same title without guid, link or
   * date) gets {@code "<id>#<hex>"}, a hash of its title, link, dates and text, so it is an article
   * of its own and keeps its id when fetched again. Equal entries keep one id: they are one article
   * listed twice.
   */
  static List<FeedEntry> disambiguate(List<FeedEntry> entries) {
    Map<String, FeedEntry> seen = new HashMap<>();
    List<FeedEntry> out = new ArrayList<>(entries.size());
    for (FeedEntry e : entries) {
      FeedEntry first = seen.putIfAbsent(e.id(), e);
      if (first != null && !first.equals(e)) {
        String id =
            e.id()
                + "#"
                + sha256(
                    8,
                    Objects.toString(e.title(), ""),
                    Objects.toString(e.link(), ""),
                    Objects.toString(e.published(), ""),
                    Objects.toString(e.updated(), ""),
                    e.summary() == null ? "" : e.summary().html(),
                    e.content() == null ? "" : e.content().html());
        for (int n = 2; seen.containsKey(id) && !seen.get(id).equals(e); n++) {
          id = id.replaceFirst("(-\\d+)?$", "-" + n);
        }
        e =
            new FeedEntry(
                id,
                e.title(),
                e.link(),
                e.published(),
                e.updated(),
                e.author(),
                e.summary(),
                e.content(),
                e.categories(),
                e.enclosures());
        seen.putIfAbsent(id, e);
      }
      out.add(e);
    }
    return out;
  }

  private static String sha256(int bytes, String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        sha.update(p.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest(), 0, bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
