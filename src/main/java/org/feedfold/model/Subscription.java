package org.feedfold.model;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Is one subscribed feed as listed in the OPML file.
 *
 * @param url the feed URL (absolute http or https); the key
 * @param title the outline's text; may be {@code null}
 * @param htmlUrl the site's home page; may be {@code null}
 * @param interval the outline's {@code feedfoldInterval} attribute: a poll interval chosen by the
 *     user that replaces the adaptive one; {@code null} when absent
 * @param folders the names of the folder outlines the feed sits in, outermost first; empty at the
 *     top level. Kept so that a list held elsewhere than in the file (the cluster's, in ZooKeeper)
 *     exports with the folders it was imported with
 * @param category the outline's OPML 2.0 {@code category} attribute as written; may be {@code null}
 * @param credentials the user name and password to fetch the feed with; {@code null} for none. A
 *     {@code url} written with them ({@code https://USER:PASSWORD@host/feed}) is split into the
 *     two, so that {@code url} never holds them; {@link #listedUrl()} joins them again
 */
public record Subscription(
    URI url,
    String title,
    String htmlUrl,
    Duration interval,
    List<String> folders,
    String category,
    Credentials credentials) {
  public Subscription {
    Objects.requireNonNull(url, "url");
    if (url.getRawUserInfo() != null) {
      credentials = credentials != null ? credentials : Credentials.of(url);
      url = Credentials.strip(url);
    }
    if (interval != null && (interval.isNegative() || interval.isZero())) {
      throw new IllegalArgumentException("feedfoldInterval must be positive: " + interval);
    }
    folders = folders == null ? List.of() : List.copyOf(folders);
  }

  /** Creates a top-level subscription without a category. */
  public Subscription(URI url, String title, String htmlUrl, Duration interval) {
    this(url, title, htmlUrl, interval, List.of(), null);
  }

  /** Creates a subscription with the credentials its URL holds, if any. */
  public Subscription(
      URI url,
      String title,
      String htmlUrl,
      Duration interval,
      List<String> folders,
      String category) {
    this(url, title, htmlUrl, interval, folders, category, null);
  }

  /** Creates a top-level subscription without an interval of its own or a category. */
  public Subscription(URI url, String title, String htmlUrl) {
    this(url, title, htmlUrl, null);
  }

  /**
   * Returns this subscription under another URL (a feed that moved), keeping the rest; the
   * credentials are kept only if the new URL is on the same host.
   */
  public Subscription at(URI newUrl) {
    return new Subscription(
        newUrl,
        title,
        htmlUrl,
        interval,
        folders,
        category,
        credentials != null && Credentials.sameHost(url, newUrl) ? credentials : null);
  }

  /** Returns this subscription with {@code c} to fetch it with ({@code null}: none). */
  public Subscription withCredentials(Credentials c) {
    return new Subscription(Credentials.strip(url), title, htmlUrl, interval, folders, category, c);
  }

  /** Returns the URL as the subscription list writes it: with the credentials, if any. */
  public URI listedUrl() {
    return credentials == null ? url : credentials.writtenIn(url);
  }
}
