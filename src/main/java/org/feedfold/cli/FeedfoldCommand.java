package org.feedfold.cli;

import picocli.CommandLine.Command;

/** Is the top-level {@code feedfold} command. */
@Command(name = "feedfold", mixinStandardHelpOptions = true)
final class FeedfoldCommand {}
