package org.feedfold.ingest;

/**
 * Holds the ingest limits.
 *
 * @param concurrency feeds fetched at the same time ({@code fetch.concurrency})
 * @param maxEntries entries taken from one feed document ({@code fetch.max-entries})
 * @param extractEnabled whether pages are fetched for thin entries ({@code extract.enabled})
 * @param extractMinText entries with less feed text than this many characters get their page
 *     fetched ({@code extract.min-text})
 */
public record IngestSettings(
    int concurrency, int maxEntries, boolean extractEnabled, int extractMinText) {
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
  }

  /** Returns the defaults: 4 feeds at a time, 200 entries, extraction under 1000 characters. */
  public static IngestSettings defaults() {
    return new IngestSettings(4, 200, true, 1000);
  }
}
