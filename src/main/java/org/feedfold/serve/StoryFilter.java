package org.feedfold.serve;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;

/**
 * Narrows and pages the stories of a feed: {@code ?source=} (only stories one of whose outlets has
 * this name, ignoring case), {@code ?min_sources=} (only stories carried by at least this many
 * distinct outlets, 1..{@value #MAX_MIN_SOURCES}) and {@code ?page=} (RFC 5005 §3 paged feeds,
 * 1-based, reaching at most {@value #MAX_OFFSET} stories deep).
 *
 * <p>The index cannot filter on outlets, so a filtered feed looks at the newest {@value #SCAN}
 * stories (or query matches) and keeps those that pass: cost is bounded, and older matches are left
 * out. Immutable and thread-safe.
 *
 * @param source the outlet name wanted, or {@code null}
 * @param minSources distinct outlets a story needs, 1 for any
 * @param page the page, from 1
 */
record StoryFilter(String source, int minSources, int page) {
  static final int MAX_SOURCE_CHARS = 200;
  static final int MAX_MIN_SOURCES = 100;
  static final int MAX_OFFSET = ApiRoutes.MAX_OFFSET;
  static final int SCAN = 2_000;

  /** Parses the filter parameters of a raw query string. */
  static StoryFilter parse(String raw, int limit) throws FeedQuery.BadQuery {
    Map<String, String> params = FeedQuery.params(raw);
    String source = params.get("source");
    if (source != null) {
      source = source.strip();
      if (source.isEmpty()) {
        source = null;
      } else if (source.length() > MAX_SOURCE_CHARS) {
        throw new FeedQuery.BadQuery("source is longer than " + MAX_SOURCE_CHARS + " characters");
      }
    }
    int min = number(params.get("min_sources"), "min_sources", MAX_MIN_SOURCES);
    int maxPage = MAX_OFFSET / limit + 1;
    int page = number(params.get("page"), "page", maxPage);
    return new StoryFilter(source, min, page);
  }

  private static int number(String value, String name, int max) throws FeedQuery.BadQuery {
    if (value == null) {
      return 1;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new FeedQuery.BadQuery(name + " must be a whole number from 1 to " + max);
  }

  /** Is one page of stories and whether another may follow it. */
  record Page(List<Story> stories, boolean more) {}

  /** Reads one page of {@code limit} stories of {@code query} from {@code source}. */
  Page select(StorySource from, FeedQuery query) throws IOException {
    int offset = (page - 1) * query.limit();
    boolean filtering = source != null || minSources > 1;
    int want = offset + query.limit();
    List<Story> got =
        from.stories(query.query(), query.since(), filtering ? Math.max(SCAN, want) : want);
    List<Story> kept = filtering ? got.stream().filter(this::keeps).toList() : got;
    List<Story> out = new ArrayList<>();
    for (int i = offset; i < kept.size() && out.size() < query.limit(); i++) {
      out.add(kept.get(i));
    }
    // A full page may have a next one; RFC 5005 lets the next page be empty.
    boolean more = filtering ? kept.size() > want : got.size() >= want;
    return new Page(out, more);
  }

  /** Returns whether {@code s} passes {@code source} and {@code minSources}. */
  boolean keeps(Story s) {
    Set<String> outlets =
        s.articles().stream()
            .map(StoryMember::source)
            .filter(Objects::nonNull)
            .map(o -> o.strip().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    return outlets.size() >= minSources
        && (source == null || outlets.contains(source.toLowerCase(Locale.ROOT)));
  }

  /**
   * Returns {@code raw}'s feed parameters in a fixed order with {@code page} replaced, as a query
   * string starting with {@code ?}, or {@code ""} when none is left.
   */
  static String queryString(String raw, int page) throws FeedQuery.BadQuery {
    StringBuilder b = filters(raw, List.of("q", "source", "since", "min_sources", "limit"));
    if (page > 1) {
      b.append(b.length() == 0 ? '?' : '&').append("page=").append(page);
    }
    return b.toString();
  }

  /**
   * Returns {@code raw}'s filters in a fixed order, without {@code limit} and {@code page}, and
   * {@code archive}, as a query string starting with {@code ?}: the link to an archive document.
   */
  static String archiveQueryString(String raw, String archive) throws FeedQuery.BadQuery {
    StringBuilder b = filters(raw, List.of("q", "source", "since", "min_sources"));
    return b.append(b.length() == 0 ? '?' : '&')
        .append(Archives.PARAM)
        .append('=')
        .append(archive)
        .toString();
  }

  private static StringBuilder filters(String raw, List<String> keys) throws FeedQuery.BadQuery {
    Map<String, String> params = FeedQuery.params(raw);
    StringBuilder b = new StringBuilder();
    for (String key : keys) {
      String v = params.get(key);
      if (v != null && !v.isBlank()) {
        b.append(b.length() == 0 ? '?' : '&')
            .append(key)
            .append('=')
            .append(URLEncoder.encode(v.strip(), StandardCharsets.UTF_8));
      }
    }
    return b;
  }
}
