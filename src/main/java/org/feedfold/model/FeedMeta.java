package org.feedfold.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Holds feed-level metadata; any component may be {@code null}.
 *
 * @param refresh how often the publisher says the feed is worth polling at most: RSS 2.0 {@code
 *     <ttl>} or the RSS 1.0 syndication module's {@code sy:updatePeriod} / {@code
 *     sy:updateFrequency} (the longer when both are given); {@code null} when absent
 * @param hub the WebSub hub the feed advertises: {@code <link rel="hub">} (Atom, or {@code
 *     atom:link} in RSS) or the JSON Feed {@code hubs} entry of type WebSub; {@code null} when none
 * @param self the feed's own URL as it states it ({@code rel="self"}, JSON Feed {@code feed_url}),
 *     the WebSub topic; {@code null} when absent
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
    Duration refresh,
    String hub,
    String self) {

  /** Creates metadata without WebSub links. */
  public FeedMeta(
      String title,
      String link,
      String subtitle,
      String id,
      String language,
      Instant published,
      Instant updated,
      String author,
      Duration refresh) {
    this(title, link, subtitle, id, language, published, updated, author, refresh, null, null);
  }

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
