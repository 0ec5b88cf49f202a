package org.feedfold.model;

import java.time.Duration;
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
 * @param interval the feed's adaptive poll interval, learnt from how often it publishes; {@code
 *     null} until the first success (then {@code fetch.interval} applies)
 * @param failingSince when the current run of failures began; {@code null} after a success
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
    Duration interval,
    Instant failingSince,
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
      boolean disabled,
      Duration interval,
      Instant failingSince) {
    this(
        url,
        title,
        etag,
        lastModified,
        lastFetched,
        nextFetch,
        errors,
        lastError,
        disabled,
        interval,
        failingSince,
        null);
  }

  /**
   * Creates a state without an adaptive interval, failure start or pending move (all {@code null}).
   */
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
    this(
        url,
        title,
        etag,
        lastModified,
        lastFetched,
        nextFetch,
        errors,
        lastError,
        disabled,
        null,
        null);
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
        interval,
        failingSince,
        target);
  }

  /** Returns this state under another URL, without a pending move: the state of a moved feed. */
  public FeedState renamed(String newUrl) {
    return new FeedState(
        newUrl,
        title,
        etag,
        lastModified,
        lastFetched,
        nextFetch,
        errors,
        lastError,
        disabled,
        interval,
        failingSince);
  }

  /** Returns the state of a feed that has never been fetched. */
  public static FeedState initial(String url) {
    return new FeedState(url, null, null, null, null, null, 0, null, false);
  }

  /**
   * Returns this state after an attempt that kept the feed's title and validators (a 304, or a
   * failure).
   */
  public FeedState attempted(
      Instant fetched, Instant next, int errors, String lastError, boolean disabled) {
    return new FeedState(
        url,
        title,
        etag,
        lastModified,
        fetched,
        next,
        errors,
        lastError,
        disabled,
        interval,
        errors == 0 ? null : failingSince != null ? failingSince : fetched);
  }

  /**
   * Returns this state after a failed attempt at {@code when}: the failure count grows by one, and
   * the run of failures keeps the time it began.
   */
  public FeedState failed(Instant when, Instant next, String reason, boolean gone) {
    return new FeedState(
        url,
        title,
        etag,
        lastModified,
        when,
        next,
        errors + 1,
        reason,
        gone,
        interval,
        errors > 0 && failingSince != null ? failingSince : when);
  }

  /**
   * Returns {@code new} (never fetched), {@code ok}, {@code failing} or {@code disabled}; a feed
   * never fetched is not called {@code ok}.
   */
  public String status() {
    if (disabled) {
      return "disabled";
    }
    if (errors > 0) {
      return "failing";
    }
    return lastFetched == null ? "new" : "ok";
  }
}
