package org.feedfold.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.feedfold.config.ConfigException;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.index.ArticleIndex;
import org.feedfold.index.Assignment;
import org.feedfold.model.ArticleInput;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Imports articles from a JSON-lines file into the index, clustering them exactly as fetched
 * articles are. Bad lines are reported with their line number and skipped.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Index and cluster articles from a JSON-lines file:",
      "{\"id\",\"url\"?,\"title\",\"text\"|\"html\",\"published\"?,\"source\"?} per line."
    })
final class ImportCommand implements Callable<Integer> {
  /** Lines longer than this (in chars) are rejected, so one bad line cannot exhaust the heap. */
  static final int MAX_LINE = 4_000_000;

  @Spec CommandSpec spec;
  @ParentCommand FeedfoldCommand parent;

  @Option(names = "--batch", description = "Commit every N articles (default: ${DEFAULT-VALUE}).")
  int batch = 10_000;

  @Parameters(paramLabel = "FILE.jsonl", description = "Articles to import.")
  Path file;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    boolean progress = System.console() != null;
    InstantSource clock = InstantSource.system();
    long start = System.nanoTime();
    int imported = 0;
    int bad = 0;
    int stories = 0;
    FeedfoldConfig config = parent.config();
    if (!Files.isRegularFile(file)) {
      // Checked before the index is opened, so that a typo creates nothing.
      throw new ConfigException(
          file, 0, Files.isDirectory(file) ? "is a directory" : "no such file");
    }
    try (ArticleIndex index = Cli.openIndex(config);
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        ArticleInput a;
        try {
          a = article(line, clock.instant());
        } catch (JsonProcessingException e) {
          bad++;
          err.println("feedfold import: " + file + ":" + lineNo + ":" + jsonProblem(e));
          continue;
        } catch (IOException | IllegalArgumentException e) {
          bad++;
          err.println("feedfold import: " + file + ":" + lineNo + ": " + e.getMessage());
          continue;
        }
        Assignment as = index.add(a);
        imported++;
        stories += as.newStory() ? 1 : 0;
        if (imported % batch == 0) {
          index.commit();
        }
        if (progress && imported % 1000 == 0) {
          err.printf(Locale.ROOT, "\r%,d articles, %,d new stories", imported, stories);
          err.flush();
        }
      }
      index.commit();
    }
    double secs = (System.nanoTime() - start) / 1e9;
    if (progress) {
      err.println();
    }
    err.printf(
        Locale.ROOT,
        "feedfold import: %,d articles (%,d bad lines skipped) in %.1f s, %.0f articles/s%n",
        imported,
        bad,
        secs,
        imported / Math.max(secs, 1e-9));
    // Bad lines are a usage error (2), as a bad configuration is; the good lines are in.
    return bad == 0 ? 0 : 2;
  }

  /** Returns {@code COLUMN: not valid JSON: reason} without Jackson's source excerpt. */
  private static String jsonProblem(JsonProcessingException e) {
    String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip();
    int nl = reason.indexOf('\n');
    reason = nl < 0 ? reason : reason.substring(0, nl).strip();
    if (reason.length() > 200) {
      reason = reason.substring(0, 200) + "…";
    }
    JsonLocation at = e.getLocation();
    return (at == null || at.getColumnNr() < 1 ? "" : at.getColumnNr() + ":")
        + " not valid JSON: "
        + reason;
  }

  /** Parses one line; throws with a reason if it is not a usable article. */
  static ArticleInput article(String line, Instant seen) throws IOException {
    if (line.length() > MAX_LINE) {
      throw new IllegalArgumentException("line longer than " + MAX_LINE + " chars");
    }
    JsonNode n = Json.mapper().readTree(line);
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String id = text(n, "id");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("missing \"id\"");
    }
    String html = text(n, "html");
    String body = text(n, "text");
    if (body == null && html != null) {
      body = paragraphs(Jsoup.parse(html));
    }
    if (body == null) {
      throw new IllegalArgumentException("missing \"text\" or \"html\"");
    }
    String url = text(n, "url");
    return new ArticleInput(
        id,
        url,
        null,
        text(n, "title"),
        body,
        html,
        time(text(n, "published")),
        seen,
        text(n, "source"),
        null,
        text(n, "author"),
        text(n, "language"));
  }

  private static String paragraphs(Document doc) {
    String text =
        doc.select("p").stream()
            .map(Element::text)
            .filter(s -> !s.isBlank())
            .collect(Collectors.joining("\n"));
    return text.isEmpty() ? doc.text() : text;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant time(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(
            "key \"published\": expected a date (2024-01-02) or an ISO-8601 date-time"
                + " (2024-01-02T03:04:05Z), got '"
                + s
                + "'");
      }
    }
  }
}
