package org.feedfold.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Is what Feedfold remembers of one subscription between fetches. It is committed together with the
 * articles of the fetch it describes.
 *
 * @param url the feed URL, the key
 * @param title the feed's title from its last successful parse; may be {@code null}
 * @param etag the validator from the last 200 response; may be {@code null}
 * @param lastModified the {@code Last-Modified} value from the last 200 response; may be {@code
 *     null}
 * @param lastFetched when the last attempt finished; {@code null} if never
 * @param nextFetch when the next attempt is due; {@code null} means now
 * @param errors consecutive failures since the last success
 * @param lastError the reason of the last failure; {@code null} after a success
 * @param disabled true once the feed is gone (HTTP 410) or disabled by the user
 * @param movedTo where the last fetch was led by permanent redirects only (301, 308); a second
 *     fetch in a row that is led there moves the subscription (issue 10); {@code null} otherwise
 */
public record FeedState(
    String url,
    String title,
    String etag,
    String lastModified,
    Instant lastFetched,
    Instant nextFetch,
    int errors,
    String lastError,
    boolean disabled,
    String movedTo) {
  public FeedState {
    Objects.requireNonNull(url, "url");
  }

  /** Creates a state without a pending move. */
  public FeedState(
      String url,
      String title,
      String etag,
      String lastModified,
      Instant lastFetched,
      Instant nextFetch,
      int errors,
      String lastError,
      boolean disabled) {
    this(url, title, etag, lastModified, lastFetched, nextFetch, errors, lastError, disabled, null);
  }

  /** Returns this state with {@link #movedTo()} replaced. */
  public FeedState withMovedTo(String target) {
    return new FeedState(
        url,
        title,
        etag,
        lastModified,
        lastFetched,
        nextFetch,
        errors,
        lastError,
        disabled,
        target);
  }

  /** Returns this state under another URL, without a pending move: the state of a moved feed. */
  public FeedState renamed(String newUrl) {
    return new FeedState(
        newUrl, title, etag, lastModified, lastFetched, nextFetch, errors, lastError, disabled);
  }

  /** Returns the state of a feed that has never been fetched. */
  public static FeedState initial(String url) {
    return new FeedState(url, null, null, null, null, null, 0, null, false);
  }

  /**
   * Returns this state after an attempt that kept the feed's title and validators (a 304, or a
   * failure); a pending move is dropped.
   */
  public FeedState attempted(
      Instant fetched, Instant next, int errors, String lastError, boolean disabled) {
    return new FeedState(
        url, title, etag, lastModified, fetched, next, errors, lastError, disabled);
  }

  /** Returns {@code ok}, {@code failing} or {@code disabled}. */
  public String status() {
    return disabled ? "disabled" : errors > 0 ? "failing" : "ok";
  }
}
