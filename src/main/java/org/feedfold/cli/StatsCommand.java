package org.feedfold.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.feedfold.index.ArticleIndex;
import org.feedfold.index.IndexStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Prints what the index holds. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Show counts of articles, stories and feeds, and the index size.")
final class StatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand FeedfoldCommand root;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    var config = root.config();
    try (ArticleIndex index = Cli.openReader(config)) {
      IndexStats s = index.stats();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("data_dir", config.dataDir().toString());
      m.put("articles", s.articles());
      m.put("stories", s.stories());
      m.put("feeds", s.feeds());
      m.put("index_bytes", s.bytes());
      if (json) {
        out.println(Json.line(m));
      } else {
        m.forEach((k, v) -> out.println(k + ": " + v));
      }
    }
    out.flush();
    return 0;
  }
}
