package org.feedfold.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.feedfold.index.ExportedArticle;
import org.feedfold.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Prints every indexed article with its story as JSON lines, reading the index as last committed;
 * each line holds what {@code import} needs to index the article again, so an export re-imported
 * into an empty data directory gives the same articles in the same stories.
 *
 * <p>To a file, the lines go to a temporary file in the same directory, moved into place when
 * complete: a failed export leaves no half file under the name.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Print every article with its story as JSON lines (to FILE if given), as import reads them.",
      "{\"id\",\"url\",\"canonical\",\"title\",\"published\",\"seen\",\"source\",\"feed_url\","
          + "\"language\",\"story\",\"text\",\"html\"} per line."
    })
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand FeedfoldCommand parent;

  @Option(
      names = "--jsonl",
      description = "JSON lines (the only format, and the default; kept for old scripts).")
  boolean jsonl;

  @Parameters(
      paramLabel = "FILE",
      arity = "0..1",
      description = "Write to this file instead of standard output.")
  Path file;

  @Override
  public Integer call() throws Exception {
    try (Store index = Cli.openReader(parent.config())) {
      if (file == null) {
        PrintWriter out = spec.commandLine().getOut();
        write(index, out);
        out.flush();
        return 0;
      }
      Path target = file.toAbsolutePath();
      Path tmp = Files.createTempFile(target.getParent(), ".export-", ".jsonl.tmp");
      try {
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
            PrintWriter out = new PrintWriter(w)) {
          write(index, out);
          if (out.checkError()) {
            throw new IOException("cannot write " + target);
          }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return 0;
  }

  private static void write(Store index, PrintWriter out) throws IOException {
    index.forEachArticle(a -> out.println(Json.line(line(a))));
  }

  /** Returns the JSON object of one article, its keys in a fixed order, text and HTML last. */
  static Map<String, Object> line(ExportedArticle a) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("id", a.id());
    line.put("url", a.url());
    line.put("canonical", a.canonical());
    line.put("title", a.title());
    line.put("published", a.published());
    line.put("seen", a.seen());
    line.put("source", a.source());
    line.put("feed_url", a.feedUrl());
    line.put("language", a.language());
    line.put("story", a.story());
    line.put("text", a.text());
    line.put("html", a.html());
    return line;
  }
}
