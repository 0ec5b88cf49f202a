package org.feedfold.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** Is a clock the test moves by hand, so schedules are checked without waiting. */
final class TestClock implements InstantSource {
  private volatile Instant now;

  TestClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  /** Moves the clock forward by {@code d}. */
  void advance(Duration d) {
    now = now.plus(d);
  }

  /** Sets the clock to {@code t}. */
  void set(Instant t) {
    now = t;
  }
}
