package org.feedfold.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Builds the picocli model of the command line: for a run, the root with only the command the
 * arguments invoke; else the whole tree. Picocli reads every command's annotations by reflection to
 * build it, which for all commands took a quarter of a search's start (issue 11,
 * docs/PERFORMANCE.md). What people see is the same either way: a command's help, usage errors and
 * output do not depend on its siblings, and what does (root help, an unknown command with its
 * suggestions, root options in doubt) gets the whole tree, as do {@code man} and {@code
 * completion}.
 */
final class CommandTree {
  /** Root options that take a value: the argument after them is theirs, not a command's name. */
  private static final Set<String> VALUED = Set.of("--config", "--data", "--color");

  private CommandTree() {}

  /** Returns the root with every command of {@link FeedfoldCommand#COMMANDS}. */
  static CommandLine whole() {
    return of(FeedfoldCommand.COMMANDS);
  }

  /** Returns the root with only the command {@code args} invoke, or the whole tree if in doubt. */
  static CommandLine forArgs(String... args) {
    Class<?> invoked = invoked(args);
    return invoked == null ? whole() : of(List.of(invoked));
  }

  private static CommandLine of(List<Class<?>> commands) {
    CommandLine root = new CommandLine(new FeedfoldCommand());
    for (Class<?> c : commands) {
      root.addSubcommand(c);
    }
    return root;
  }

  /**
   * Returns the command class {@code args} invoke: the first argument that is not a root option or
   * its value. Returns null when anything before it is not a valued root option (help, version, an
   * unknown option, {@code --}, an {@code @file}), when a value could be read otherwise (it starts
   * with {@code -} or names a command), or when no command has that name.
   */
  static Class<?> invoked(String... args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      int eq = a.indexOf('=');
      if (VALUED.contains(a)) {
        if (i + 1 == args.length || args[i + 1].startsWith("-") || named(args[i + 1]) != null) {
          return null;
        }
        i++;
      } else if (a.startsWith("-") || a.startsWith("@")) {
        if (eq < 0 || !VALUED.contains(a.substring(0, eq)) || named(a.substring(eq + 1)) != null) {
          return null;
        }
      } else {
        return named(a);
      }
    }
    return null;
  }

  /** Returns the command called {@code name} (or by that alias), or null. */
  private static Class<?> named(String name) {
    for (Class<?> c : FeedfoldCommand.COMMANDS) {
      Command command = c.getAnnotation(Command.class);
      if (command.name().equals(name) || List.of(command.aliases()).contains(name)) {
        return c;
      }
    }
    return null;
  }
}
