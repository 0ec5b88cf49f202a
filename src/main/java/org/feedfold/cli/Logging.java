package org.feedfold.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Switches logging to the daemon's setup: {@code config/logback.xml} under the home (console on
 * stderr plus a rolling file in {@code <data.dir>/logs}), if that file exists.
 */
final class Logging {
  private Logging() {}

  static void toDataDir(Path home, Path dataDir) throws java.io.IOException {
    Path file = home.resolve("config/logback.xml");
    if (!Files.isRegularFile(file)) {
      return;
    }
    Path logs = dataDir.resolve("logs");
    Files.createDirectories(logs);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    context.putProperty("feedfold.logs", logs.toString());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(file.toFile());
    } catch (JoranException e) {
      throw new java.io.IOException(file + ": invalid logging configuration: " + e.getMessage(), e);
    }
  }
}
