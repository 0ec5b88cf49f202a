package org.feedfold.cli;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drops the notes Lucene logs through {@code java.util.logging} as it starts on newer JDKs, before
 * they reach SLF4J: on JDK 21+ "Using MemorySegmentIndexInput" (INFO), and on JDKs newer than our
 * Lucene line knows a request to update Lucene for the Vector API (WARNING). Neither is actionable
 * for a Feedfold user (Lucene 9.12 is pinned for Java 17), and either would start Logback in a
 * {@code search} that logs nothing else (issue 11, start time). Lucene's other warnings still pass.
 */
final class LuceneNotes {
  /**
   * Held here: {@code java.util.logging} keeps loggers weakly, and a collected one forgets its
   * level.
   */
  private static final List<Logger> QUIETED =
      List.of(
          Logger.getLogger("org.apache.lucene.store.MemorySegmentIndexInputProvider"),
          Logger.getLogger("org.apache.lucene.internal.vectorization"));

  private LuceneNotes() {}

  /** Sets the levels; call before Lucene is first used. */
  static void quiet() {
    QUIETED.get(0).setLevel(Level.WARNING);
    QUIETED.get(1).setLevel(Level.SEVERE);
  }
}
