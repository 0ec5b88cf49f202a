package org.feedfold.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints the shell completion script picocli generates from the command model, so it never drifts
 * from the commands and options. The script is bash; zsh runs it through {@code bashcompinit}.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script for commands and options.",
      "bash: source <(feedfold completion bash)   (or save it in"
          + " /etc/bash_completion.d/feedfold)",
      "zsh:  autoload -U +X bashcompinit && bashcompinit; source <(feedfold completion zsh)"
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Is the shell a script is for. */
  enum Shell {
    bash,
    zsh
  }

  @Parameters(
      paramLabel = "SHELL",
      arity = "0..1",
      defaultValue = "bash",
      description = "bash (the default) or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(AutoComplete.bash("feedfold", Main.commandLine()));
    out.flush();
    return 0;
  }
}
