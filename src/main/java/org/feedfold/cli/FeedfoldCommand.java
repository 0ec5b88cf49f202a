package org.feedfold.cli;

import picocli.CommandLine.Command;

/** Is the top-level {@code feedfold} command. */
@Command(
    name = "feedfold",
    mixinStandardHelpOptions = true,
    subcommands = {ParseCommand.class, ExtractCommand.class})
final class FeedfoldCommand {}
