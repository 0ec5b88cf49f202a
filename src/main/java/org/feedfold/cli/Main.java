package org.feedfold.cli;

import picocli.CommandLine;

/** Runs the {@code feedfold} command line; the process exit code is the command's. */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new FeedfoldCommand()).execute(args));
  }
}
