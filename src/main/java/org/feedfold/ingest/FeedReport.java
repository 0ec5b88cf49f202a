package org.feedfold.ingest;

import java.net.URI;

/**
 * Says what one fetch of one feed did.
 *
 * @param url the subscription
 * @param outcome {@code fetched}, {@code not-modified}, {@code rate-limited}, {@code gone}, {@code
 *     unreachable} (no response: unknown host, refused, timed out) or {@code failed}
 * @param entries entries in the feed document (0 unless fetched)
 * @param added articles new to the index
 * @param changed known articles whose content changed
 * @param error the reason of a failure; {@code null} otherwise
 */
public record FeedReport(
    URI url, String outcome, int entries, int added, int changed, String error) {

  /** Returns true unless the fetch failed or the feed is gone. */
  public boolean ok() {
    return error == null;
  }
}
