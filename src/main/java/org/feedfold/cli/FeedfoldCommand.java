package org.feedfold.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Is the top-level {@code feedfold} command. */
@Command(
    name = "feedfold",
    mixinStandardHelpOptions = true,
    subcommands = {
      ParseCommand.class,
      ExtractCommand.class,
      ImportCommand.class,
      ExportCommand.class
    })
final class FeedfoldCommand {
  @Option(names = "--data", description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path data = Path.of("data");
}
