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
  /** Runs {@code feedfold --config CONFIG ARGS...} and captures its output. */
  public static CliRun run(Path config, String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 2];
    all[0] = "--config";
    all[1] = config.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return new CliRun(cli.execute(all), out.toString(), err.toString());
  }
}
