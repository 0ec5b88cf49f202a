package org.feedfold.index;

import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedfold.model.FeedState;

/**
 * Sums up the health of the subscriptions for {@code stats}: how many feeds are ok, failing or
 * disabled, when the last fetch was, and the failing feeds' last errors by kind. Immutable.
 *
 * @param feeds how many feeds were summed up
 * @param ok feeds whose last attempt succeeded
 * @param failing feeds whose last attempt failed and that will be retried
 * @param disabled feeds gone (HTTP 410) or disabled
 * @param neverFetched feeds never attempted (neither ok nor failing)
 * @param lastFetch the latest attempt of any feed; {@code null} if none was ever fetched
 * @param errorsByKind for feeds with a last error (failing or disabled), how many per kind, by kind
 *     name ({@link #kind})
 */
public record FeedSummary(
    int feeds,
    int ok,
    int failing,
    int disabled,
    int neverFetched,
    Instant lastFetch,
    SortedMap<String, Integer> errorsByKind) {
  private static final Pattern HTTP = Pattern.compile("^HTTP (\\d)\\d\\d\\b");

  public FeedSummary {
    errorsByKind = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(errorsByKind));
  }

  /** Sums up {@code states}, one per feed. */
  public static FeedSummary of(Collection<FeedState> states) {
    int ok = 0;
    int failing = 0;
    int disabled = 0;
    int never = 0;
    Instant last = null;
    Map<String, Integer> kinds = new TreeMap<>();
    for (FeedState s : states) {
      switch (s.status()) {
        case "disabled" -> disabled++;
        case "failing" -> failing++;
        case "ok" -> ok++;
        default -> {} // "new": counted below as never fetched
      }
      if (s.lastFetched() == null) {
        never++;
      } else if (last == null || s.lastFetched().isAfter(last)) {
        last = s.lastFetched();
      }
      if (s.lastError() != null) {
        kinds.merge(kind(s.lastError()), 1, Integer::sum);
      }
    }
    return new FeedSummary(states.size(), ok, failing, disabled, never, last, new TreeMap<>(kinds));
  }

  /**
   * Returns the kind of a failure reason as the fetcher and ingester word it: {@code gone}, {@code
   * rate-limited}, {@code http-4xx}, {@code http-5xx}, {@code timeout}, {@code dns}, {@code
   * refused}, {@code tls}, {@code redirect}, {@code protocol}, {@code too-large}, {@code parse},
   * else {@code other}.
   */
  static String kind(String reason) {
    String r = reason.toLowerCase(Locale.ROOT);
    Matcher http = HTTP.matcher(reason);
    if (r.contains("(gone)")) {
      return "gone";
    } else if (r.contains("rate limited")) {
      return "rate-limited";
    } else if (http.find()) {
      return "http-" + http.group(1) + "xx";
    } else if (r.contains("timed out")) {
      return "timeout";
    } else if (r.startsWith("unknown host")) {
      return "dns";
    } else if (r.startsWith("connection refused")) {
      return "refused";
    } else if (r.startsWith("tls")) {
      return "tls";
    } else if (r.startsWith("redirect")) {
      return "redirect";
    } else if (r.startsWith("protocol error")) {
      return "protocol";
    } else if (r.contains("larger than") || r.contains("too large")) {
      return "too-large";
    } else if (r.contains("not a feed") || r.contains("pars") || r.contains("xml")) {
      return "parse";
    }
    return "other";
  }
}
