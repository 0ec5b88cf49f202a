package org.feedfold.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.feedfold.config.ConfigException;
import org.feedfold.index.QueryException;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs the {@code feedfold} command line. Exit codes: 0 ok, 1 failure, 2 usage error (a bad option,
 * or a configuration or input file that cannot be used); this class is the one place that maps
 * failures to them.
 */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    CommandLine cli = commandLine(args);
    IExecutionStrategy run = cli.getExecutionStrategy();
    cli.setExecutionStrategy(
        parsed -> {
          // Lucene logs through java.util.logging: route it to Logback, where its levels are set.
          // Not for help or version, which would only pay for starting java.util.logging.
          Integer help = CommandLine.executeHelpRequest(parsed);
          if (help != null) {
            return help;
          }
          SLF4JBridgeHandler.removeHandlersForRootLogger();
          SLF4JBridgeHandler.install();
          LuceneNotes.quiet();
          return run.execute(parsed);
        });
    System.exit(cli.execute(args));
  }

  /** Returns the configured command line with every command (tests call {@code execute} on it). */
  public static CommandLine commandLine() {
    return configured(CommandTree.whole());
  }

  /**
   * Returns the configured command line for running {@code args}: only the command they invoke is
   * built, unless more is needed ({@link CommandTree}).
   */
  public static CommandLine commandLine(String... args) {
    return configured(CommandTree.forArgs(args));
  }

  private static CommandLine configured(CommandLine cli) {
    cli.setExecutionExceptionHandler(Main::onFailure);
    cli.setParameterExceptionHandler(Main::onBadArguments);
    return cli;
  }

  /** Prints one line naming the command and the problem, and where help is, instead of usage. */
  private static int onBadArguments(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    err.println(name + ": " + e.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      err.println("Try '" + name + " --help' for more information.");
    }
    err.flush();
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static int onFailure(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    if (e instanceof QueryException) {
      // A bad query is the user's to fix: one line, a usage exit code, no stack trace.
      err.println(name + ": " + e.getMessage());
      err.flush();
      LoggerFactory.getLogger(Main.class).debug("{}: {}", name, e.getMessage());
      return 2;
    }
    if (e instanceof ConfigException || e instanceof IOException) {
      err.println(name + ": " + e.getMessage());
      LoggerFactory.getLogger(Main.class).debug("{} failed", name, e);
    } else {
      err.println(name + ": internal error: " + e);
      LoggerFactory.getLogger(Main.class).error("{} failed", name, e);
    }
    err.flush();
    // A file the user gave that cannot be used is a usage error, as a bad option is.
    return e instanceof ConfigException ? 2 : 1;
  }
}
