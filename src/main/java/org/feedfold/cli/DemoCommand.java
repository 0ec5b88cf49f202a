package org.feedfold.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.config.Subscriptions;
import org.feedfold.demo.DemoWire;
import org.feedfold.model.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Runs Feedfold end to end without internet access: a loopback news wire (see {@link DemoWire}) and
 * the real daemon subscribed to it, in a fresh data directory, until SIGTERM or SIGINT.
 *
 * <p>The daemon runs on the embedded defaults except for the keys written to {@code
 * demo.properties} in the data directory (data directory, subscriptions, port, a 10 s poll
 * interval), through the same code as {@code feedfold daemon}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run Feedfold offline against a local news wire, no internet needed.",
      "Five simulated outlets republish Wikinews articles over loopback HTTP; the daemon fetches,"
          + " extracts, folds and serves them."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand FeedfoldCommand root;

  @Option(
      names = "--port",
      paramLabel = "N",
      description =
          "Port of the merged-feed server (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int port = 8080;

  @Option(
      names = "--step-millis",
      paramLabel = "MS",
      hidden = true,
      description = "Length of one stage of the wire's timeline (default: ${DEFAULT-VALUE}).")
  int stepMillis = (int) DemoWire.STEP.toMillis();

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65_535) {
      throw new ParameterException(
          spec.commandLine(), "--port must be between 0 and 65535, got " + port);
    }
    Cli.requirePositive(spec, "--step-millis", stepMillis);
    Duration stepLength = Duration.ofMillis(stepMillis);
    Path data =
        root.dataDir != null
            ? root.dataDir.toAbsolutePath()
            : Files.createTempDirectory("feedfold-demo-");
    Files.createDirectories(data);
    try (DemoWire wire = DemoWire.start(0, stepLength, InstantSource.system())) {
      Path opml = data.resolve("feeds.opml");
      Files.deleteIfExists(opml);
      Subscriptions.add(
          opml,
          wire.subscriptions().stream()
              .map(s -> new Subscription(s.feed(), s.title(), null))
              .toList());
      Duration poll =
          stepLength.compareTo(Duration.ofSeconds(10)) < 0 ? stepLength : Duration.ofSeconds(10);
      Path properties = data.resolve("demo.properties");
      Files.write(
          properties,
          List.of(
              "# Written by 'feedfold demo': the embedded defaults apart from these keys.",
              "data.dir=" + data,
              "feeds.file=" + opml,
              "http.bind=127.0.0.1",
              "http.port=" + port,
              "fetch.interval=" + poll.toMillis() + "ms",
              "fetch.min-interval=" + poll.dividedBy(2).toMillis() + "ms",
              "fetch.max-interval=1m",
              // The whole wire is one local port: spacing its requests would only slow the demo.
              "fetch.host-delay=0"),
          StandardCharsets.UTF_8);
      FeedfoldConfig config = FeedfoldConfig.load(properties, FeedfoldCommand.home());
      PrintWriter out = spec.commandLine().getOut();
      DaemonCommand.run(
          config, config.serveSettings(null, null), server -> banner(out, wire, server, data));
    }
    return 0;
  }

  private static void banner(PrintWriter out, DemoWire wire, URI server, Path data) {
    String cli = "bin/feedfold --data " + data;
    out.println();
    out.println("Feedfold demo: a news wire at " + wire.base() + " with five outlets");
    out.println("(RSS 2.0, Atom, JSON Feed) republishing Wikinews articles (CC BY 2.5): teasers,");
    out.println("credited excerpts, a padded copy, late outlets and a live story gaining updates.");
    out.println();
    out.println("Open in a feed reader or browser:");
    out.println("  " + server.resolve("feed.atom") + "   merged feed (also feed.rss, feed.json)");
    out.println("  " + server.resolve("stories/") + "ID.json   one story, with why it was folded");
    out.println();
    out.println("Try, from another shell:");
    out.println("  " + cli + " stories");
    out.println("  " + cli + " story ID --explain");
    out.println("  " + cli + " search 'title:hurricane'");
    out.println("  " + cli + " feeds list");
    out.println();
    out.println("Data in " + data + " (kept after exit). Ctrl-C stops the demo.");
    out.println();
    out.flush();
  }
}
