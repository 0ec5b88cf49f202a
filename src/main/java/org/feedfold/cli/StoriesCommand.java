package org.feedfold.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.feedfold.serve.StoryJson;
import org.feedfold.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Lists stories, most recently updated first, with the outlets that carried each; {@code --since}
 * filters on when a story was first published, {@code --updated-since} on when it last gained a
 * version.
 */
@Command(
    name = "stories",
    mixinStandardHelpOptions = true,
    description = "List stories (folded republications), most recently updated first.")
final class StoriesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand FeedfoldCommand root;

  @Option(names = "--query", paramLabel = "Q", description = "Only stories matching Q.")
  String query;

  @Option(
      names = "--since",
      paramLabel = "DUR|DATE",
      converter = Since.class,
      description = "Only stories first published since then (24h, 7d, 2026-11-01).")
  Instant since;

  @Option(
      names = "--updated-since",
      paramLabel = "DUR|DATE",
      converter = Since.class,
      description = "Only stories updated (a new outlet or version) since then.")
  Instant updatedSince;

  @Option(names = "--limit", defaultValue = "20", description = "At most N stories (default 20).")
  int limit;

  @Option(names = "--json", description = "One JSON object per line.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Cli.requirePositive(spec, "--limit", limit);
    PrintWriter out = spec.commandLine().getOut();
    try (Store index = Cli.openReader(root.config())) {
      for (Story s : index.stories(query, since, updatedSince, limit)) {
        if (json) {
          out.println(Json.line(StoryJson.story(s)));
        } else {
          Text.story(out, s, root.terminal(), InstantSource.system().instant());
        }
      }
    }
    out.flush();
    return 0;
  }

  static void printStory(PrintWriter out, Story s) {
    out.println(s.id() + "  " + s.title());
    out.println(
        "  first seen "
            + s.firstSeen()
            + ", updated "
            + s.updated()
            + ", "
            + s.size()
            + (s.size() == 1 ? " article" : " articles"));
    for (StoryMember m : s.articles()) {
      out.println(
          "  "
              + (m.original() ? "* " : "  ")
              + (m.published() == null ? "-" : m.published())
              + "  "
              + Text.nullToEmpty(m.source())
              + "  "
              + Text.nullToEmpty(m.url()));
    }
  }
}
