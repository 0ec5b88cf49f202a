package org.feedfold.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Holds feed-level metadata; any component may be {@code null}.
 *
 * @param refresh how often the publisher says the feed is worth polling at most: RSS 2.0 {@code
 *     <ttl>} or the RSS 1.0 syndication module's {@code sy:updatePeriod} / {@code
 *     sy:updateFrequency} (the longer when both are given); {@code null} when absent
 */
public record FeedMeta(
    String title,
    String link,
    String subtitle,
    String id,
    String language,
    Instant published,
    Instant updated,
    String author,
    Duration refresh) {

  /** Creates metadata without a refresh hint. */
  public FeedMeta(
      String title,
      String link,
      String subtitle,
      String id,
      String language,
      Instant published,
      Instant updated,
      String author) {
    this(title, link, subtitle, id, language, published, updated, author, null);
  }
}
