package org.feedfold.model;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Is one subscribed feed as listed in the OPML file.
 *
 * @param url the feed URL (absolute http or https); the key
 * @param title the outline's text; may be {@code null}
 * @param htmlUrl the site's home page; may be {@code null}
 * @param interval the outline's {@code feedfoldInterval} attribute: a poll interval chosen by the
 *     user that replaces the adaptive one; {@code null} when absent
 */
public record Subscription(URI url, String title, String htmlUrl, Duration interval) {
  public Subscription {
    Objects.requireNonNull(url, "url");
    if (interval != null && (interval.isNegative() || interval.isZero())) {
      throw new IllegalArgumentException("feedfoldInterval must be positive: " + interval);
    }
  }

  /** Creates a subscription without an interval of its own. */
  public Subscription(URI url, String title, String htmlUrl) {
    this(url, title, htmlUrl, null);
  }
}
