package org.feedfold.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Configures {@code java.util.logging} (which Lucene logs through) when something first uses it:
 * its records go to SLF4J through {@link SLF4JBridgeHandler}, and only at the levels every Logback
 * setup of Feedfold lets through ({@code WARNING}, and {@code SEVERE} for Lucene's "update Apache
 * Lucene" note on JDK 23+), so that Lucene's INFO notes at start ("Using MemorySegmentIndexInput"
 * on JDK 21+) are dropped before they would start Logback for a command that logs nothing (issue
 * 11, start time). Once Logback starts, its {@code LevelChangePropagator} sets these levels from
 * its own, as before.
 *
 * <p>Named by {@link #install()} in the system property {@code java.util.logging.config.class},
 * which {@link LogManager} reads when it starts and then instantiates this class instead of reading
 * {@code logging.properties}. Not used when the user names a configuration with {@code
 * -Djava.util.logging.config.file} or {@code .class}.
 */
public final class JulLogConfig {
  private static final String PROPERTIES =
      "handlers="
          + SLF4JBridgeHandler.class.getName()
          + "\n.level=WARNING\norg.apache.lucene.internal.vectorization.level=SEVERE\n";

  /** Reads the configuration into the log manager; {@link LogManager} calls this as it starts. */
  public JulLogConfig() {
    try {
      LogManager.getLogManager()
          .readConfiguration(
              new ByteArrayInputStream(PROPERTIES.getBytes(StandardCharsets.ISO_8859_1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Names this class as the configuration of {@code java.util.logging}, unless one is named; call
   * before anything uses {@code java.util.logging}. Costs nothing until something does.
   */
  static void install() {
    if (System.getProperty("java.util.logging.config.class") == null
        && System.getProperty("java.util.logging.config.file") == null) {
      System.setProperty("java.util.logging.config.class", JulLogConfig.class.getName());
    }
  }
}
