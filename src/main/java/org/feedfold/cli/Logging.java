package org.feedfold.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.feedfold.config.ConfigException;
import org.slf4j.LoggerFactory;

/**
 * Switches logging to the daemon's setup: {@code config/logback.xml} under the home (console on
 * stderr plus a rolling file in {@code <data.dir>/logs}), if that file exists. A logging
 * configuration named with {@code -Dlogback.configurationFile} (as {@code config/feedfold.service}
 * does, to log to the journal only) is left as Logback loaded it.
 */
final class Logging {
  private static final Pattern SAX_ERROR =
      Pattern.compile("lineNumber: (\\d+); columnNumber: (\\d+); (.*)", Pattern.DOTALL);

  private Logging() {}

  /**
   * Configures logging for the daemon.
   *
   * @throws ConfigException if {@code config/logback.xml} is not valid, naming its line and column;
   *     logging is then left as it was
   */
  static void toDataDir(Path home, Path dataDir) throws IOException, ConfigException {
    Path file = home.resolve("config/logback.xml");
    if (System.getProperty("logback.configurationFile") != null || !Files.isRegularFile(file)) {
      return;
    }
    Path logs = dataDir.resolve("logs");
    Files.createDirectories(logs);
    validate(home);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    configure(context, file, logs);
  }

  /**
   * Checks the daemon's logging configuration without touching the real log files: a second daemon
   * refused by the index lock must not append to, or roll, the running daemon's log.
   *
   * @throws ConfigException if {@code config/logback.xml} is not valid, naming its line and column
   */
  static void validate(Path home) throws IOException, ConfigException {
    Path file = home.resolve("config/logback.xml");
    if (System.getProperty("logback.configurationFile") != null || !Files.isRegularFile(file)) {
      return;
    }
    Path scratch = Files.createTempDirectory("feedfold-logcheck-");
    try {
      check(file, scratch);
    } finally {
      try (Stream<Path> files = Files.walk(scratch)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Loads {@code file} into a context of its own, logging to {@code logs}: a dry run. */
  private static void check(Path file, Path logs) throws ConfigException {
    LoggerContext trial = new LoggerContext();
    try {
      configure(trial, file, logs);
      Status first = null;
      for (Status s : trial.getStatusManager().getCopyOfStatusList()) {
        if (s.getLevel() != Status.ERROR) {
          continue;
        }
        // Logback reports XML errors as the text of the parser's exception; take its position.
        Matcher sax = SAX_ERROR.matcher(String.valueOf(s.getMessage()));
        if (sax.find()) {
          throw new ConfigException(
              file,
              Integer.parseInt(sax.group(1)),
              Integer.parseInt(sax.group(2)),
              "invalid logging configuration: " + sentence(sax.group(3)));
        }
        first = first == null || first.getMessage().startsWith("XML_PARSING") ? s : first;
      }
      if (first != null) {
        throw new ConfigException(
            file, 0, "invalid logging configuration: " + sentence(first.getMessage()));
      }
    } finally {
      trial.stop();
    }
  }

  private static void configure(LoggerContext context, Path file, Path logs) {
    context.putProperty("feedfold.logs", logs.toString());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(file.toFile());
    } catch (JoranException e) {
      // The context's status list says what went wrong; check() reports it.
    }
  }

  private static String sentence(String message) {
    String m = message == null ? "" : message.strip();
    return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
  }
}
