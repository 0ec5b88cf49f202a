package org.feedfold.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Configures the short commands' logging in code: warnings and errors on stderr, so stdout stays
 * clean for JSON; {@code org.feedfold} at {@code -Dfeedfold.log.level} (default WARN). Found by
 * Logback through {@code META-INF/services}; in code rather than a {@code logback.xml} because
 * parsing XML with Joran loaded some 900 classes and was a fifth of a command's start (issue 11,
 * docs/PERFORMANCE.md).
 *
 * <p>The ZooKeeper client, Curator and SolrJ are silenced ({@code OFF}) unless {@code
 * -Dfeedfold.log.level} is {@code debug} or {@code trace}, which lets their warnings through: a
 * command whose ZooKeeper cannot be reached would otherwise print a warning and a stack trace per
 * reconnect attempt (some 100 lines) before the command's own one-line error, which names the
 * address.
 *
 * <p>Steps aside (Logback then reads XML as usual) when {@code -Dlogback.configurationFile} names a
 * file (the systemd unit's journal setup) or a {@code logback-test.xml} is on the class path (the
 * tests). The daemon replaces this setup with {@code config/logback.xml} ({@link Logging}).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class CliLogConfigurator extends ContextAwareBase implements Configurator {
  /** Loggers silenced unless {@code -Dfeedfold.log.level} asks for debug output. */
  private static final String[] QUIET = {
    "org.apache.zookeeper", "org.apache.curator", "org.apache.solr"
  };

  /** Creates the configurator; Logback's service loader calls this. */
  public CliLogConfigurator() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || CliLogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    // java.util.logging (Lucene) goes through SLF4J: keep its levels in step with these.
    LevelChangePropagator jul = new LevelChangePropagator();
    jul.setContext(context);
    jul.setResetJUL(true);
    context.addListener(jul);
    jul.start();

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%-5level %logger{20} - %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("CONSOLE");
    console.setTarget("System.err");
    console.setEncoder(encoder);
    console.start();

    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(console);
    Level ours = Level.toLevel(System.getProperty("feedfold.log.level"), Level.WARN);
    context.getLogger("org.feedfold").setLevel(ours);
    // Connection retries to an unreachable ZooKeeper, each with a stack trace (and a watcher's
    // RejectedExecutionException at ERROR when SolrJ gives up): the command's error says it once.
    Level cluster = ours.isGreaterOrEqual(Level.INFO) ? Level.OFF : Level.WARN;
    for (String quiet : QUIET) {
      context.getLogger(quiet).setLevel(cluster);
    }
    // "update Apache Lucene" on JDK 23+: not actionable while Java 17 pins Lucene 9.12.
    context.getLogger("org.apache.lucene.internal.vectorization").setLevel(Level.ERROR);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
