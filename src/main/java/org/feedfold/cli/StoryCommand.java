package org.feedfold.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.Story;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Shows one story and every article in it. */
@Command(
    name = "story",
    mixinStandardHelpOptions = true,
    description = "Show one story: its original, its representative and every outlet.")
final class StoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand FeedfoldCommand root;

  @Parameters(paramLabel = "ID", description = "Story id (as printed by 'stories').")
  String id;

  @Option(names = "--json", description = "Print the story as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (ArticleIndex index = Cli.openReader(root.config())) {
      Optional<Story> story = index.story(id);
      if (story.isEmpty()) {
        spec.commandLine().getErr().println("feedfold story: no story with id " + id);
        return 1;
      }
      if (json) {
        out.println(Json.line(Views.story(story.get())));
      } else {
        StoriesCommand.printStory(out, story.get());
      }
    }
    out.flush();
    return 0;
  }
}
