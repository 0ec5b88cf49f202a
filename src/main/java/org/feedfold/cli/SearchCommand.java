package org.feedfold.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.SearchHit;
import org.feedfold.serve.StoryJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Searches indexed articles with Lucene query syntax. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = "Search articles (Lucene syntax: words, \"phrases\", title:word, AND/OR/NOT).")
final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand FeedfoldCommand root;

  @Parameters(paramLabel = "QUERY", arity = "1..*", description = "The query.")
  java.util.List<String> words;

  @Option(
      names = "--since",
      paramLabel = "DUR|DATE",
      converter = Since.class,
      description = "Only articles published since then (24h, 7d, 2026-11-01).")
  Instant since;

  @Option(names = "--limit", defaultValue = "20", description = "At most N hits (default 20).")
  int limit;

  @Option(names = "--json", description = "One JSON object per line.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Cli.requirePositive(spec, "--limit", limit);
    PrintWriter out = spec.commandLine().getOut();
    try (ArticleIndex index = Cli.openReader(root.config())) {
      for (SearchHit h : index.search(String.join(" ", words), since, limit)) {
        if (json) {
          out.println(Json.line(StoryJson.hit(h)));
        } else {
          out.println(
              (h.published() == null ? "-" : h.published())
                  + "  "
                  + h.title()
                  + "  ["
                  + Text.nullToEmpty(h.source())
                  + ", story "
                  + h.story()
                  + "]");
          out.println("    " + Text.nullToEmpty(h.url()));
          if (h.snippet() != null && !h.snippet().isBlank()) {
            out.println("    " + Text.snippet(h.snippet(), Text.styledTerminal()));
          }
        }
      }
    }
    out.flush();
    return 0;
  }
}
