package org.feedfold.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Carries what is known of a feed's rhythm into {@link RefreshPolicy#schedule}: the interval learnt
 * so far, the user's and the publisher's word, and what the fetch that just finished brought.
 *
 * @param interval the adaptive interval remembered from earlier fetches; {@code null} before the
 *     first success
 * @param override the OPML outline's {@code feedfoldInterval}; {@code null} when not set
 * @param advertised the feed's {@code <ttl>} or {@code sy:updatePeriod}/{@code sy:updateFrequency};
 *     {@code null} when not known (it is only read from a fetched document)
 * @param entryDates the publication (else update) dates of the fetched entries, any order; {@code
 *     null} or empty when none or not fetched
 * @param newEntries articles the fetch added to the index (0 after a 304)
 */
public record FeedSignals(
    Duration interval,
    Duration override,
    Duration advertised,
    List<Instant> entryDates,
    int newEntries) {
  /** Copies the dates; {@code null} becomes empty. */
  public FeedSignals {
    entryDates = entryDates == null ? List.of() : List.copyOf(entryDates);
  }

  /** Returns signals that say nothing: the configured interval applies. */
  public static FeedSignals none() {
    return new FeedSignals(null, null, null, List.of(), 0);
  }
}
