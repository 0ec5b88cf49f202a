package org.feedfold.serve;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Fetches feeds now on behalf of {@code POST /api/fetch}, the daemon's loopback control path that
 * {@code feedfold fetch} uses while the daemon holds the index (issue 10). The daemon passes its
 * scheduler; implementations must be thread-safe.
 */
public interface FetchControl {
  /** A control that fetches nothing: {@code POST /api/fetch} answers 404. */
  FetchControl NONE = (feed, force) -> null;

  /**
   * Queues feeds for fetching now.
   *
   * @param feed the one feed to fetch (need not be subscribed), or {@code null} for every
   *     subscription
   * @param force whether feeds that are disabled or backing off are fetched too
   * @return one entry per feed, in subscription order; {@code null} if this daemon has no fetcher
   * @throws IOException if the subscriptions or the feeds' states cannot be read
   */
  List<Queued> fetch(URI feed, boolean force) throws IOException;

  /** Is one feed handed to the fetcher, and what its fetch did once done. */
  record Queued(String url, CompletableFuture<Outcome> outcome) {}

  /**
   * Says what fetching one feed did, as {@code feedfold fetch} reports it.
   *
   * @param url the feed
   * @param outcome {@code fetched}, {@code not-modified}, {@code skipped} (disabled or backing off;
   *     {@code error} says why), {@code in-flight} (being fetched already), or a failure
   * @param entries entries in the feed document
   * @param added articles new to the index
   * @param changed known articles whose content changed
   * @param error why it failed or was skipped; {@code null} otherwise
   */
  record Outcome(String url, String outcome, int entries, int added, int changed, String error) {}
}
