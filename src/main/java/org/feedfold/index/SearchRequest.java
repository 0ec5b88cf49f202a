package org.feedfold.index;

import java.time.Instant;
import java.util.Objects;

/**
 * Is one search as {@link ArticleIndex#search(SearchRequest)} runs it.
 *
 * @param query Lucene query syntax over the fields {@link ArticleIndex} documents; never {@code
 *     null}
 * @param since only articles published (or, without a date, first seen) at or after this; {@code
 *     null} for all
 * @param limit at most this many results (stories when collapsed, else articles); at least 1
 * @param order best match first, or newest first
 * @param collapse one result per story (its best hit, with how many more hits it has) instead of
 *     one per article
 */
public record SearchRequest(String query, Instant since, int limit, Order order, boolean collapse) {
  /** Says how results are ordered. */
  public enum Order {
    /** Best match first. */
    RELEVANCE,
    /** Newest publication (or first-seen) time first. */
    DATE
  }

  public SearchRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(order, "order");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
  }
}
