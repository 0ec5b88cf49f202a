package org.feedfold.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.feedfold.config.ConfigException;
import org.feedfold.config.FeedfoldConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Is the top-level {@code feedfold} command: global options and the list of subcommands.
 *
 * <p>Configuration: {@code --config FILE}, else {@code config/feedfold.properties} under the
 * Feedfold home if it exists, else the embedded defaults. {@code --data DIR} overrides {@code
 * data.dir} and resolves against the working directory.
 */
@Command(
    name = "feedfold",
    mixinStandardHelpOptions = true,
    versionProvider = FeedfoldCommand.Version.class,
    description = "Folds republications of the same story from many news feeds into one.")
final class FeedfoldCommand {
  /**
   * Lists the subcommands, in the order help lists them: adding a command is one line here. Not in
   * the annotation's {@code subcommands}, which picocli would build at every start; {@link
   * CommandTree} builds the invoked one only (issue 11, start time).
   */
  static final List<Class<?>> COMMANDS =
      List.of(
          DaemonCommand.class,
          DemoCommand.class,
          FetchCommand.class,
          FeedsCommand.class,
          SearchCommand.class,
          StoriesCommand.class,
          StoryCommand.class,
          ParseCommand.class,
          ExtractCommand.class,
          ImportCommand.class,
          ExportCommand.class,
          StatsCommand.class,
          SolrCommand.class,
          CompletionCommand.class,
          ManCommand.class,
          WarmUpCommand.class);

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Configuration file (default: config/feedfold.properties under the home).")
  Path configFile;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Data directory holding the index (overrides data.dir).")
  Path dataDir;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      scope = ScopeType.INHERIT,
      description =
          "Style human output: auto (on a terminal, unless NO_COLOR is set), always, never.")
  Terminal.ColorMode color = Terminal.ColorMode.auto;

  /** Returns how human output may look here: width and styles. */
  Terminal terminal() {
    return Terminal.detect(color);
  }

  /** Loads the configuration the global options select. */
  FeedfoldConfig config() throws ConfigException {
    Path home = home();
    FeedfoldConfig config;
    if (configFile != null) {
      config = FeedfoldConfig.load(configFile, home);
    } else {
      Path standard = home.resolve("config/feedfold.properties");
      config =
          Files.isRegularFile(standard)
              ? FeedfoldConfig.load(standard, home)
              : FeedfoldConfig.defaults(home);
    }
    return dataDir == null ? config : config.withDataDir(dataDir.toAbsolutePath());
  }

  /** Returns the Feedfold home: {@code -Dfeedfold.home}, else the working directory. */
  static Path home() {
    String home = System.getProperty("feedfold.home");
    return Path.of(home == null || home.isBlank() ? "" : home).toAbsolutePath().normalize();
  }

  /** Returns this build's version, from the jar manifest (or "dev" when run from classes). */
  static String version() {
    String v = FeedfoldCommand.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** Supplies {@code --version}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"feedfold " + version(), "Java " + Runtime.version()};
    }
  }
}
