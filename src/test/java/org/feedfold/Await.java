package org.feedfold;

import java.time.Duration;
import java.util.List;
import org.feedfold.coord.FetchGroup;

/**
 * Waits, bounded, for what another party does in its own time (ZooKeeper telling a group change, a
 * fetch thread ending): never for a schedule, which tests drive with an injected clock.
 */
public final class Await {
  /**
   * The longest wait: generous, as a CI machine under load runs these at a tenth of their speed.
   */
  public static final Duration LIMIT = Duration.ofMinutes(2);

  private Await() {}

  /** Is a condition that may need I/O to check. */
  @FunctionalInterface
  public interface Condition {
    /** Returns whether the awaited state has been reached. */
    boolean holds() throws Exception;
  }

  /**
   * Checks {@code condition} every 20 ms until it holds.
   *
   * @param what names the awaited state in the failure message
   * @throws AssertionError if it does not hold within {@link #LIMIT}
   */
  public static void await(String what, Condition condition) throws Exception {
    long end = System.nanoTime() + LIMIT.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + LIMIT + ": " + what);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Waits until each of {@code groups} sees exactly {@code members} and the feeds settled among
   * them (the fetch-sharing tests' daemons joining and leaving).
   */
  public static void awaitSettled(List<String> members, FetchGroup... groups) throws Exception {
    for (int i = 0; i < groups.length; i++) {
      FetchGroup g = groups[i];
      await(
          "group " + i + " sees " + members + " settled",
          () -> {
            FetchGroup.View v = g.view();
            return v.settled() && v.members().equals(members);
          });
    }
  }
}
