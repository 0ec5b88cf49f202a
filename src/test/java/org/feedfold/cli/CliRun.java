package org.feedfold.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Is one run of the command line in this JVM, as {@code bin/feedfold} runs it, with what it wrote.
 *
 * @param code the exit code
 * @param out what it wrote to standard output
 * @param err what it wrote to standard error
 */
public record CliRun(int code, String out, String err) {
  /** Runs {@code feedfold ARGS...} and captures its output. */
  public static CliRun execute(String... args) {
    return on(Main.commandLine(), args);
  }

  /** Runs {@code ARGS...} on {@code cli} (a command tree built some other way) and captures it. */
  public static CliRun on(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Runs {@code feedfold --config CONFIG ARGS...} and captures its output. */
  public static CliRun run(Path config, String... args) {
    return execute(before("--config", config, args));
  }

  /** Runs {@code feedfold --data DATA ARGS...} and captures its output. */
  public static CliRun withData(Path data, String... args) {
    return execute(before("--data", data, args));
  }

  private static String[] before(String option, Path value, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = option;
    all[1] = value.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return all;
  }
}
