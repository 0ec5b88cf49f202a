package org.feedfold.serve;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Is a parsed feed query string: {@code ?q=}, {@code ?since=} and {@code ?limit=}.
 *
 * @param query the search text, or {@code null}
 * @param since only stories updated at or after this, or {@code null}
 * @param limit stories to return, {@code 1..maxLimit}
 */
record FeedQuery(String query, Instant since, int limit) {
  static final int MAX_QUERY_CHARS = 500;
  private static final int MAX_RAW_CHARS = RequestTarget.MAX_QUERY_CHARS;

  /** Says why a query string was rejected; the message is shown to the client. */
  static final class BadQuery extends Exception {
    private static final long serialVersionUID = 1L;

    BadQuery(String message) {
      super(message);
    }
  }

  /**
   * Parses a raw (still percent-encoded) query string.
   *
   * @param raw the query string, or {@code null}
   * @param now the time durations count back from
   * @throws BadQuery naming the parameter and the accepted forms
   */
  static FeedQuery parse(String raw, Instant now, int defaultLimit, int maxLimit) throws BadQuery {
    Map<String, String> params = params(raw);
    String q = params.get("q");
    if (q != null) {
      q = q.strip();
      if (q.isEmpty()) {
        q = null;
      } else if (q.length() > MAX_QUERY_CHARS) {
        throw new BadQuery("q is longer than " + MAX_QUERY_CHARS + " characters");
      }
    }
    Instant since = params.containsKey("since") ? since(params.get("since"), now) : null;
    int limit = params.containsKey("limit") ? limit(params.get("limit"), maxLimit) : defaultLimit;
    return new FeedQuery(q, since, limit);
  }

  /** Decodes a raw query string; the first occurrence of a parameter wins. */
  static Map<String, String> params(String raw) throws BadQuery {
    Map<String, String> params = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    if (raw.length() > MAX_RAW_CHARS) {
      throw new BadQuery("query string is longer than " + MAX_RAW_CHARS + " characters");
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      // The first occurrence wins, as most frameworks do.
      params.putIfAbsent(key, value);
    }
    return params;
  }

  private static String decode(String s) throws BadQuery {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadQuery("malformed percent-encoding in query string");
    }
  }

  /** Reads {@code ?since=}; see {@link SinceParser}. */
  static Instant since(String value, Instant now) throws BadQuery {
    try {
      return SinceParser.parse(value, now);
    } catch (IllegalArgumentException e) {
      throw new BadQuery(e.getMessage());
    }
  }

  private static int limit(String value, int maxLimit) throws BadQuery {
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new BadQuery("limit must be a whole number from 1 to " + maxLimit);
    }
    if (n < 1) {
      throw new BadQuery("limit must be a whole number from 1 to " + maxLimit);
    }
    // Larger limits are capped rather than refused, so a greedy reader still gets a feed.
    return Math.min(n, maxLimit);
  }
}
