package org.feedfold.index;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.feedfold.model.FeedState;

/**
 * Counts what the index holds, for {@code feedfold stats} and {@code /api/stats}.
 *
 * @param articles article documents
 * @param stories story documents
 * @param feeds subscriptions the index has a state for
 * @param bytes the size of the index directory on disk
 * @param feedsOk feeds whose last attempt succeeded, or that were never fetched
 * @param feedsFailing feeds failing since their last success, not disabled
 * @param feedsDisabled feeds disabled (gone, HTTP 410)
 * @param lastFetch when the most recent fetch attempt of any feed finished; {@code null} if none
 * @param errorsByKind failing and disabled feeds counted by the {@link #errorKind kind} of their
 *     last error, sorted by kind
 */
public record IndexStats(
    long articles,
    long stories,
    long feeds,
    long bytes,
    long feedsOk,
    long feedsFailing,
    long feedsDisabled,
    Instant lastFetch,
    Map<String, Long> errorsByKind) {
  public IndexStats {
    errorsByKind = Map.copyOf(errorsByKind);
  }

  /**
   * Returns the stats of a store holding these counts, with the feeds counted by status from their
   * states: ok, failing (errors since the last success, not disabled) or disabled, the latest
   * fetch, and the failing and disabled ones by the {@link #errorKind kind} of their last error.
   */
  public static IndexStats of(
      long articles, long stories, long feeds, long bytes, Iterable<FeedState> states) {
    long ok = 0;
    long failing = 0;
    long disabled = 0;
    Instant last = null;
    Map<String, Long> kinds = new TreeMap<>();
    for (FeedState f : states) {
      if (f.disabled()) {
        disabled++;
      } else if (f.errors() > 0) {
        failing++;
      } else {
        ok++;
      }
      if (f.disabled() || f.errors() > 0) {
        kinds.merge(errorKind(f.lastError()), 1L, Long::sum);
      }
      if (f.lastFetched() != null && (last == null || f.lastFetched().isAfter(last))) {
        last = f.lastFetched();
      }
    }
    return new IndexStats(articles, stories, feeds, bytes, ok, failing, disabled, last, kinds);
  }

  /**
   * Returns the kind of a feed's last error, its reason without the details that vary: {@code "HTTP
   * 404"}, {@code "HTTP 5xx"} (every server error counts as one kind), {@code "not a feed"}, {@code
   * "connect timed out"}, {@code "unknown host"}. At most 3 words, never {@code null}.
   */
  public static String errorKind(String lastError) {
    if (lastError == null || lastError.isBlank()) {
      return "unknown";
    }
    String s = lastError.strip();
    if (s.matches("HTTP \\d{3}\\b.*")) {
      String status = s.substring(5, 8);
      return status.startsWith("5") ? "HTTP 5xx" : "HTTP " + status;
    }
    StringBuilder kind = new StringBuilder();
    int words = 0;
    for (String w : s.split("[\\s:(]+")) {
      if (w.isEmpty()
          || words == 3
          || w.equals("after")
          || w.equals("by")
          || w.matches(".*[0-9.'\"/].*")) {
        break;
      }
      kind.append(words++ == 0 ? "" : " ").append(w);
    }
    return kind.length() == 0 ? "other" : kind.toString().toLowerCase(Locale.ROOT);
  }
}
