package org.feedfold.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.feedfold.model.ParsedFeed;
import org.feedfold.parse.FeedParser;
import org.feedfold.parse.FeedSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Parses feed files or URLs and prints what Feedfold reads from them; never touches the index. */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = "Parse feed files (or URLs) and print their entries.")
final class ParseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--url", description = "Document URL to resolve relative links against.")
  URI url;

  @Option(names = "--content-type", description = "HTTP Content-Type the bytes came with.")
  String contentType;

  @Option(
      names = "--content-location",
      description = "HTTP Content-Location the bytes came with; relative links resolve against it.")
  URI contentLocation;

  @Option(names = "--json", description = "Print one JSON object per input.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "FILE|URL", description = "Feeds to parse.")
  List<String> inputs;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    FeedParser parser = new FeedParser();
    int failures =
        Inputs.forEach(
            spec,
            inputs,
            json,
            (input, loaded) -> {
              URI base = url != null ? url : loaded.url();
              String type = contentType != null ? contentType : loaded.contentType();
              ParsedFeed feed =
                  parser.parse(loaded.bytes(), new FeedSource(base, type, contentLocation));
              if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("input", input);
                line.put("version", feed.version());
                line.put("encoding", feed.encoding());
                line.put("recovered", feed.recovered());
                line.put("feed", feed.feed());
                line.put("entries", feed.entries());
                out.println(Json.line(line));
              } else {
                Text.printFeed(out, input, feed);
              }
            });
    return failures == 0 ? 0 : 1;
  }
}
