package org.feedfold.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.feedfold.cluster.MatchEvidence;
import org.feedfold.index.MemberExplanation;
import org.feedfold.index.StoryExplanation;
import org.feedfold.model.Story;
import org.feedfold.serve.StoryJson;
import org.feedfold.store.Store;
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
    description = "Show one story: its original's headline and link, its text and every outlet.")
final class StoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand FeedfoldCommand root;

  @Parameters(paramLabel = "ID", description = "Story id (as printed by 'stories').")
  String id;

  @Option(names = "--json", description = "Print the story as one JSON object.")
  boolean json;

  @Option(
      names = "--explain",
      description =
          "Show why each member belongs: the member it matched, the measures, shared passages.")
  boolean explain;

  private static void printExplanation(PrintWriter out, MemberExplanation x) {
    out.println();
    out.println(
        "  "
            + x.articleId()
            + " "
            + x.reason()
            + (x.matchedId() == null ? "" : " via " + x.matchedId())
            + "  "
            + Text.nullToEmpty(x.source()));
    MatchEvidence e = x.evidence();
    if (e != null) {
      out.println(
          String.format(
              Locale.ROOT,
              "    containment %.2f, jaccard %.2f, title similarity %.2f, %d shared shingles (of %d/%d), %s apart",
              e.containment(),
              e.jaccard(),
              e.titleSimilarity(),
              e.shared(),
              e.smaller(),
              e.larger(),
              HumanDuration.format(e.apart())));
    }
    for (String passage : x.sharedPassages()) {
      out.println("    \u201c" + passage + "\u201d");
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Store index = Cli.openReader(root.config())) {
      Optional<Story> story = index.story(id);
      if (story.isEmpty()) {
        spec.commandLine().getErr().println("feedfold story: no story with id " + id);
        return 1;
      }
      Optional<StoryExplanation> why = explain ? index.explain(id) : Optional.empty();
      if (json) {
        Map<String, Object> m = StoryJson.story(story.get());
        why.ifPresent(
            e -> m.put("explain", e.members().stream().map(StoryJson::explanation).toList()));
        out.println(Json.line(m));
      } else {
        StoriesCommand.printStory(out, story.get());
        StoryHistory.print(out, story.get());
        why.ifPresent(e -> e.members().forEach(x -> printExplanation(out, x)));
      }
    }
    out.flush();
    return 0;
  }
}
