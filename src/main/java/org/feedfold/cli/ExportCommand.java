package org.feedfold.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.feedfold.index.ArticleIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Prints every indexed article with its story, reading the index as last committed. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Print every article with its story.")
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand FeedfoldCommand parent;

  @Option(
      names = "--jsonl",
      required = true,
      description = "One {id, url, title, published, source, story} object per line.")
  boolean jsonl;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (ArticleIndex index = Cli.openReader(parent.config())) {
      index.forEachArticle(
          a -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", a.id());
            line.put("url", a.url());
            line.put("title", a.title());
            line.put("published", a.published());
            line.put("source", a.source());
            line.put("story", a.story());
            out.println(Json.line(line));
          });
    }
    out.flush();
    return 0;
  }
}
