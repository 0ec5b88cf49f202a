package org.feedfold;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what one class logs at INFO and above while open, so a test can assert that a limit was
 * logged, not applied silently. Not thread-safe to open twice on one logger.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level before;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(Class<?> source) {
    logger = (Logger) LoggerFactory.getLogger(source);
    before = logger.getLevel();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.INFO);
  }

  /** Starts capturing the logger of {@code source}. */
  public static LogCapture of(Class<?> source) {
    return new LogCapture(source);
  }

  /** Returns the formatted messages logged so far. */
  public List<String> messages() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** Says whether some message contains every one of {@code parts}. */
  public boolean logged(String... parts) {
    return messages().stream().anyMatch(m -> List.of(parts).stream().allMatch(m::contains));
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(before);
  }
}
