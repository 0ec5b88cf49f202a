package org.feedfold.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * Holds the ingest limits.
 *
 * @param concurrency feeds fetched at the same time ({@code fetch.concurrency})
 * @param maxEntries entries taken from one feed document ({@code fetch.max-entries})
 * @param extractEnabled whether pages are fetched for thin entries ({@code extract.enabled})
 * @param extractMinText entries with less feed text than this many characters get their page
 *     fetched ({@code extract.min-text})
 * @param commitInterval longest time fetched feeds wait for their commit ({@code
 *     fetch.commit-interval}); feeds fetched within it share one Lucene commit (one fsync)
 * @param commitFeeds feeds after which a commit is made however short the time ({@code
 *     fetch.commit-feeds})
 */
public record IngestSettings(
    int concurrency,
    int maxEntries,
    boolean extractEnabled,
    int extractMinText,
    Duration commitInterval,
    int commitFeeds) {
  /** The default {@code fetch.commit-interval}. */
  public static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

  /** The default {@code fetch.commit-feeds}. */
  public static final int COMMIT_FEEDS = 500;

  public IngestSettings {
    if (concurrency < 1) {
      throw new IllegalArgumentException("fetch.concurrency must be at least 1: " + concurrency);
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("fetch.max-entries must be at least 1: " + maxEntries);
    }
    if (extractMinText < 0) {
      throw new IllegalArgumentException("extract.min-text must be at least 0: " + extractMinText);
    }
    Objects.requireNonNull(commitInterval, "fetch.commit-interval");
    if (commitInterval.isNegative()) {
      throw new IllegalArgumentException(
          "fetch.commit-interval must not be negative: " + commitInterval);
    }
    if (commitFeeds < 1) {
      throw new IllegalArgumentException("fetch.commit-feeds must be at least 1: " + commitFeeds);
    }
  }

  /** Creates settings that commit as {@link #COMMIT_INTERVAL} and {@link #COMMIT_FEEDS} say. */
  public IngestSettings(
      int concurrency, int maxEntries, boolean extractEnabled, int extractMinText) {
    this(concurrency, maxEntries, extractEnabled, extractMinText, COMMIT_INTERVAL, COMMIT_FEEDS);
  }

  /**
   * Returns the defaults: 4 feeds at a time, 200 entries, extraction under 1000 characters, a
   * commit at least every second or 500 feeds.
   */
  public static IngestSettings defaults() {
    return new IngestSettings(4, 200, true, 1000);
  }

  /** Returns these settings with another commit grouping. */
  public IngestSettings withCommits(Duration interval, int feeds) {
    return new IngestSettings(
        concurrency, maxEntries, extractEnabled, extractMinText, interval, feeds);
  }
}
