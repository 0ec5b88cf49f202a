package org.feedfold.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.feedfold.extract.ArticleExtractor;
import org.feedfold.extract.PageSource;
import org.feedfold.model.ExtractedArticle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Extracts article bodies from HTML files or URLs; never touches the index. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = "Extract the article body and metadata from HTML pages (files or URLs).")
final class ExtractCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--url", description = "Page URL to resolve relative links against.")
  URI url;

  @Option(names = "--json", description = "Print one JSON object per input.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "FILE|URL", description = "Pages to extract.")
  List<String> inputs;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ArticleExtractor extractor = new ArticleExtractor();
    int failures =
        Inputs.forEach(
            spec,
            inputs,
            json,
            (input, loaded) -> {
              URI base = url != null ? url : loaded.url();
              ExtractedArticle a =
                  extractor.extract(loaded.bytes(), new PageSource(base, loaded.contentType()));
              if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("input", input);
                line.put("url", a.url());
                line.put("title", a.title());
                line.put("text", a.text());
                line.put("author", a.author());
                line.put("published", a.published());
                line.put("canonical", a.canonical());
                line.put("language", a.language());
                out.println(Json.line(line));
              } else {
                out.println(Text.nullToEmpty(a.title()));
                out.println();
                out.println(a.text());
              }
            });
    return failures == 0 ? 0 : 1;
  }
}
