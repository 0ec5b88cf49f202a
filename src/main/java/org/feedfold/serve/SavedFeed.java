package org.feedfold.serve;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Is a named feed defined in the configuration and served at {@code /feeds/NAME.atom}, {@code .rss}
 * and {@code .json}: the merged feed narrowed by the same filters as the query parameters. Keys:
 * {@code feed.NAME.query} (Lucene query, as {@code ?q=}), {@code feed.NAME.source}, {@code
 * feed.NAME.since}, {@code feed.NAME.min-sources}, {@code feed.NAME.limit} and {@code
 * feed.NAME.title}. A request may add {@code ?page=}, and {@code ?limit=} when the feed sets none.
 *
 * @param name lower-case letters, digits, {@code -} and {@code _}, at most 40
 * @param title the feed title, or {@code null} for {@code serve.title} and the name
 * @param query the search text, or {@code null}
 * @param source the outlet name, or {@code null}
 * @param since how far back, as {@code ?since=} takes it ({@code 7d}, a date), or {@code null}
 * @param minSources distinct outlets a story needs, 1..100 (1: any)
 * @param limit stories per page, or 0 for {@code serve.limit}
 */
public record SavedFeed(
    String name,
    String title,
    String query,
    String source,
    String since,
    int minSources,
    int limit) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
  private static final Pattern KEY = Pattern.compile("feed\\.([^.]+)\\.([a-z-]+)");
  private static final List<String> FIELDS =
      List.of("query", "source", "since", "min-sources", "limit", "title");

  /** Validates every component; the message names the {@code feed.NAME.*} key at fault. */
  public SavedFeed {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "feed." + name + ": a saved feed's name is 1-40 lower-case letters, digits, - and _");
    }
    if (query != null && query.length() > FeedQuery.MAX_QUERY_CHARS) {
      throw new IllegalArgumentException(
          key(name, "query") + " is longer than " + FeedQuery.MAX_QUERY_CHARS + " characters");
    }
    if (source != null && source.length() > StoryFilter.MAX_SOURCE_CHARS) {
      throw new IllegalArgumentException(
          key(name, "source") + " is longer than " + StoryFilter.MAX_SOURCE_CHARS + " characters");
    }
    if (since != null) {
      try {
        SinceParser.parse(since, Instant.EPOCH);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(key(name, "since") + ": " + e.getMessage(), e);
      }
    }
    if (minSources < 1 || minSources > StoryFilter.MAX_MIN_SOURCES) {
      throw new IllegalArgumentException(
          key(name, "min-sources")
              + " must be 1-"
              + StoryFilter.MAX_MIN_SOURCES
              + ": "
              + minSources);
    }
    if (limit < 0 || limit > 10_000) {
      throw new IllegalArgumentException(key(name, "limit") + " must be 1-10000: " + limit);
    }
  }

  /** Returns whether a configuration key belongs to a saved feed ({@code feed.NAME.FIELD}). */
  public static boolean isKey(String key) {
    return key.startsWith("feed.");
  }

  /**
   * Builds saved feeds from their {@code feed.NAME.FIELD=value} entries, in the order names first
   * appear.
   *
   * @throws IllegalArgumentException naming the key: an unknown field, a bad name or value
   */
  public static List<SavedFeed> of(Map<String, String> entries) {
    Map<String, Map<String, String>> byName = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> e : entries.entrySet()) {
      var m = KEY.matcher(e.getKey());
      if (!m.matches() || !FIELDS.contains(m.group(2))) {
        throw new IllegalArgumentException(
            "unknown key '"
                + e.getKey()
                + "' (a saved feed has feed.NAME."
                + String.join(", feed.NAME.", FIELDS)
                + ")");
      }
      byName
          .computeIfAbsent(m.group(1), n -> new java.util.HashMap<>())
          .put(m.group(2), e.getValue().strip());
    }
    List<SavedFeed> out = new java.util.ArrayList<>();
    for (Map.Entry<String, Map<String, String>> e : byName.entrySet()) {
      Map<String, String> f = e.getValue();
      out.add(
          new SavedFeed(
              e.getKey(),
              blankToNull(f.get("title")),
              blankToNull(f.get("query")),
              blankToNull(f.get("source")),
              blankToNull(f.get("since")),
              number(e.getKey(), "min-sources", f.get("min-sources"), 1),
              number(e.getKey(), "limit", f.get("limit"), 0)));
    }
    return List.copyOf(out);
  }

  /** Returns the filters as a raw query string, as a request would send them. */
  String rawQuery() {
    StringBuilder b = new StringBuilder();
    append(b, "q", query);
    append(b, "source", source);
    append(b, "since", since);
    append(b, "min_sources", minSources > 1 ? Integer.toString(minSources) : null);
    append(b, "limit", limit > 0 ? Integer.toString(limit) : null);
    return b.toString();
  }

  private static void append(StringBuilder b, String key, String value) {
    if (value != null) {
      b.append(b.length() == 0 ? "" : "&")
          .append(key)
          .append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  private static String key(String name, String field) {
    return "feed." + name + "." + field;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static int number(String name, String field, String value, int absent) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key(name, field) + " must be a whole number: " + value, e);
    }
  }
}
