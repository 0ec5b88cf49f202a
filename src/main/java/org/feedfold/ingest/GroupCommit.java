package org.feedfold.ingest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.feedfold.store.Store;

/**
 * Groups the commits of fetched feeds: one Lucene commit (an fsync) for every feed made each feed a
 * write of its own and capped a cycle at about 65 polls per CPU-second (issue 10).
 *
 * <p>A feed's articles are staged before its state, and a Lucene commit is atomic over everything
 * staged, so any commit that holds a feed's state also holds its articles, whichever thread's feed
 * triggers it; a crash loses at most the feeds of the open group, which are fetched again (their
 * old validators were kept). Thread-safe: a commit is made by the thread whose feed closes the
 * group, while the others wait for the index.
 */
final class GroupCommit {
  private final Store index;
  private final InstantSource clock;
  private final Duration interval;
  private final int maxFeeds;
  private int staged;
  private Instant opened;

  GroupCommit(Store index, InstantSource clock, Duration interval, int maxFeeds) {
    this.index = index;
    this.clock = clock;
    this.interval = interval;
    this.maxFeeds = maxFeeds;
  }

  /**
   * Counts a feed whose articles and state are staged; commits if the group is full or its first
   * feed has waited {@code interval}.
   */
  synchronized void staged() throws IOException {
    if (staged++ == 0) {
      opened = clock.instant();
    }
    if (staged >= maxFeeds || due()) {
      commit();
    }
  }

  /** Commits the open group if its first feed has waited the interval; returns true if it did. */
  synchronized boolean commitIfDue() throws IOException {
    if (staged > 0 && due()) {
      commit();
      return true;
    }
    return false;
  }

  /** Commits the open group now, if there is one: at the end of a pass, or when stopping. */
  synchronized void flush() throws IOException {
    if (staged > 0) {
      commit();
    }
  }

  /** Commits now, whatever is staged (also articles staged without a feed state). */
  synchronized void commit() throws IOException {
    staged = 0;
    index.commit();
  }

  private boolean due() {
    return !clock.instant().isBefore(opened.plus(interval));
  }
}
