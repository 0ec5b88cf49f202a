package org.feedfold.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs through {@code java.util.logging} as Lucene does, after the same setup as {@link Main}: a
 * child JVM's main for {@link StartClassesIT}. Arguments: level and message, in pairs.
 */
final class LogsThroughJul {
  private LogsThroughJul() {}

  public static void main(String[] args) {
    JulLogConfig.install();
    Logger lucene = Logger.getLogger("org.apache.lucene.store.MMapDirectory");
    for (int i = 0; i + 1 < args.length; i += 2) {
      lucene.log(Level.parse(args[i]), args[i + 1]);
    }
  }
}
