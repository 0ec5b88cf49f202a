package org.feedfold.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the manual page, {@code feedfold(1)}, in roff: {@code feedfold man | man -l -}. */
@Command(
    name = "man",
    mixinStandardHelpOptions = true,
    description = {
      "Print the manual page (roff): feedfold man | man -l -",
      "(the same page as docs/man/feedfold.1)."
    })
final class ManCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(ManPage.of(Main.commandLine()));
    out.flush();
    return 0;
  }
}
