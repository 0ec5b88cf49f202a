package org.feedfold.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.feedfold.config.ConfigException;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.index.Assignment;
import org.feedfold.model.ArticleInput;
import org.feedfold.parse.FeedParser;
import org.feedfold.sanitize.Sanitizer;
import org.feedfold.store.Store;
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
 *
 * <p>SIGTERM or Ctrl-C stops the import between two lines, commits what was added and says how far
 * it got; only {@code kill -9} loses the articles since the last commit ({@code --batch}).
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Index and cluster articles from a JSON-lines file (what export prints).",
      "{\"id\",\"url\"?,\"title\",\"text\"|\"html\",\"published\"?,\"source\"?,"
          + "\"language\"?,\"canonical\"?,\"feed_url\"?,\"seen\"?} per line.",
      "Dates: ISO 8601 (UTC without an offset), 2024-01-02, or RFC 1123."
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
    int lineNo = 0;
    FeedfoldConfig config = parent.config();
    if (!Files.isRegularFile(file)) {
      // Checked before the index is opened, so that a typo creates nothing.
      throw new ConfigException(
          file, 0, Files.isDirectory(file) ? "is a directory" : "no such file");
    }
    Optional<DaemonFile.Running> daemon = DaemonFile.running(config.dataDir());
    if (daemon.isPresent()) {
      throw new IOException(
          "the daemon (pid "
              + daemon.get().pid()
              + ", "
              + daemon.get().url()
              + ") holds the index; stop it, import, and start it again");
    }
    Interrupt interrupt = Interrupt.install();
    try (Store index = Cli.openIndex(config);
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (interrupt.requested()) {
          break;
        }
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
      if (interrupt.requested()) {
        err.printf(
            Locale.ROOT,
            "feedfold import: interrupted; committed %d articles (lines 1..%d of %s)%n",
            imported,
            lineNo,
            file);
        err.flush();
        return 130;
      }
    } finally {
      interrupt.done();
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

  /**
   * Turns SIGTERM or Ctrl-C into a request the import loop sees between lines, and holds the JVM's
   * shutdown until the loop has committed what it added (up to a minute).
   */
  private static final class Interrupt {
    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private Interrupt() {
      hook =
          new Thread(
              () -> {
                requested.set(true);
                try {
                  done.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "feedfold-import-shutdown");
    }

    static Interrupt install() {
      Interrupt i = new Interrupt();
      Runtime.getRuntime().addShutdownHook(i.hook);
      return i;
    }

    boolean requested() {
      return requested.get();
    }

    /** Lets a pending shutdown go on, or removes the hook if none began. */
    void done() {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs and returns at once
      }
    }
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
    // Import lines are as untrusted as feeds (issue 9): same sanitiser, unsafe links dropped.
    String url = Sanitizer.link(text(n, "url"));
    Instant firstSeen = time(n, "seen");
    return new ArticleInput(
        id,
        url,
        Sanitizer.link(text(n, "canonical")),
        text(n, "title"),
        body,
        Sanitizer.html(html, base(url)),
        time(n, "published"),
        // An export says when the article was first seen: keep it, so its times are as they were.
        firstSeen == null || firstSeen.isAfter(seen) ? seen : firstSeen,
        text(n, "source"),
        Sanitizer.link(text(n, "feed_url")),
        text(n, "author"),
        text(n, "language"));
  }

  private static URI base(String url) {
    try {
      return url == null ? null : new URI(url);
    } catch (URISyntaxException e) {
      return null;
    }
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

  /**
   * Reads the date under {@code key}: ISO 8601 with an offset, or without one (read as UTC), a
   * date, or RFC 1123 and the other forms feeds use ({@link FeedParser#parseDate}).
   */
  private static Instant time(JsonNode n, String key) {
    String s = text(n, key);
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s.strip()).toInstant();
    } catch (DateTimeParseException e) {
      Instant t = FeedParser.parseDate(s);
      if (t != null) {
        return t;
      }
      throw new IllegalArgumentException(
          "key \""
              + key
              + "\": expected a date (2024-01-02), an ISO-8601 date-time"
              + " (2024-01-02T03:04:05Z; UTC without an offset) or an RFC 1123 date"
              + " (Tue, 02 Jan 2024 03:04:05 GMT), got '"
              + (s.length() > 100 ? s.substring(0, 100) + "…" : s)
              + "'");
    }
  }
}
