package org.feedfold.model;

import java.net.URI;
import java.util.Objects;

/**
 * Is one subscribed feed as listed in the OPML file.
 *
 * @param url the feed URL (absolute http or https); the key
 * @param title the outline's text; may be {@code null}
 * @param htmlUrl the site's home page; may be {@code null}
 */
public record Subscription(URI url, String title, String htmlUrl) {
  public Subscription {
    Objects.requireNonNull(url, "url");
  }
}
