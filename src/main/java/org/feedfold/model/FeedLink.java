package org.feedfold.model;

import java.net.URI;
import java.util.Objects;

/**
 * Is a feed that a web page advertises with {@code <link rel="alternate">}.
 *
 * @param url the feed's absolute URL
 * @param type its media type as the page declares it, lower-cased
 * @param title the link's title, or {@code null}
 */
public record FeedLink(URI url, String type, String title) {
  public FeedLink {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(type, "type");
  }
}
