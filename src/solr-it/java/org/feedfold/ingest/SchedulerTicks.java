package org.feedfold.ingest;

import java.io.IOException;

/**
 * Lets the SolrCloud tests (another package) drive a {@link Scheduler} by hand, one tick at a time,
 * as the ingest tests do, instead of starting its timer.
 */
public final class SchedulerTicks {
  private SchedulerTicks() {}

  /** Runs one tick of {@code scheduler}: the feeds due now are handed to its fetch threads. */
  public static void tickOnce(Scheduler scheduler) throws IOException {
    scheduler.tickOnce();
  }
}
