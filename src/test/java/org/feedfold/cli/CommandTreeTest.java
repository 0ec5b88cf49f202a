package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code main} builds the model of the invoked command only (issue 11: building all of them was a
 * quarter of a search's start); what people see must be what the whole tree prints.
 */
class CommandTreeTest {
  @TempDir static Path dir;

  private static CliRun run(CommandLine cli, String... args) {
    return CliRun.on(cli, args);
  }

  private static String[] split(String line) {
    String data = dir.resolve("data").toString();
    return line.isEmpty() ? new String[0] : line.replace("DATA", data).split(" ");
  }

  static Stream<String> invocations() {
    return Stream.concat(
        CliTest.commands().map(c -> c + " --help"),
        Stream.of(
            "",
            "--help",
            "-h",
            "--version",
            "-V",
            "--help search",
            "--version search x",
            "frobnicate",
            "serach earthquake",
            "--frobnicate search x",
            "--data",
            "--data --color search x",
            "--color=purple search x",
            "--color purple search x",
            "--color=never search --help",
            "--data DATA search earthquake",
            "--data=DATA --color never search earthquake",
            "search --data DATA earthquake",
            "search",
            "search --limit 0 x",
            "search --sort sideways x",
            "stories --frobnicate",
            "stories --since yesterday-ish",
            "--data DATA stats",
            "--data DATA stats --json",
            "--config " + "/nonexistent/f.properties stats",
            "feeds",
            "feeds lst",
            "feeds list --help",
            "feeds --help list",
            "story",
            "man",
            "completion",
            "completion bash",
            "completion zsh",
            "completion fish",
            "help",
            "-- search x",
            "SEARCH x"));
  }

  @ParameterizedTest
  @MethodSource("invocations")
  void printsWhatTheWholeCommandTreePrints(String line) {
    String[] args = split(line);
    CliRun whole = run(Main.commandLine(), args);
    CliRun invoked = run(Main.commandLine(args), args);
    assertEquals(whole, invoked, line);
  }

  @Test
  void buildsOnlyTheInvokedCommand() {
    assertEquals(
        Set.of("search"), Main.commandLine("search", "x").getSubcommands().keySet(), "search");
    assertEquals(
        Set.of("stats"),
        Main.commandLine("--data", "d", "--color=never", "--config", "c", "stats")
            .getSubcommands()
            .keySet());
    assertEquals(
        Set.of("feeds"),
        Main.commandLine("feeds", "list", "--json").getSubcommands().keySet(),
        "feeds list");
    assertEquals(
        Set.of("list", "add", "remove", "import", "export"),
        Main.commandLine("feeds", "list").getSubcommands().get("feeds").getSubcommands().keySet());
  }

  @ParameterizedTest
  @MethodSource("wholeTreeInvocations")
  void buildsTheWholeTreeForRootHelpAndUnknownCommands(String line) {
    assertEquals(
        Main.commandLine().getSubcommands().keySet(),
        Main.commandLine(split(line)).getSubcommands().keySet(),
        line);
  }

  static Stream<String> wholeTreeInvocations() {
    return Stream.of("", "--help", "-h search", "--version", "frobnicate", "--data", "-- search");
  }

  @Test
  void listsEveryCommandInOnePlace() {
    // Commands go in FeedfoldCommand.COMMANDS; one listed in the annotation would be built always.
    assertEquals(0, FeedfoldCommand.class.getAnnotation(Command.class).subcommands().length);
    assertEquals(
        FeedfoldCommand.COMMANDS.size(), Main.commandLine().getSubcommands().size(), "all built");
  }
}
