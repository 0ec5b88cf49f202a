package org.feedfold.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.feedfold.fetch.FetchOutcome;
import org.feedfold.fetch.FetchRequest;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HttpFetcher;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Loads the FILE|URL arguments of {@code parse} and {@code extract}: files from disk, http(s) URLs
 * with the same fetcher (limits, User-Agent) the daemon uses. Not thread-safe.
 */
final class Inputs implements AutoCloseable {
  /** The bytes of one input, with the URL and content type it came with (either may be null). */
  record Loaded(byte[] bytes, URI url, String contentType) {}

  /** Turns one loaded input into output; may throw for this input alone. */
  @FunctionalInterface
  interface Action {
    void apply(String input, Loaded loaded) throws Exception;
  }

  private HttpFetcher fetcher;

  /**
   * Runs {@code action} on every input in order. A failing input prints {@code {"input","error"}}
   * (with {@code json}) or a message on stderr, and the others go on.
   *
   * @return the number of inputs that failed
   */
  static int forEach(CommandSpec spec, List<String> inputs, boolean json, Action action)
      throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int failures = 0;
    try (Inputs reader = new Inputs()) {
      for (String input : inputs) {
        try {
          action.apply(input, reader.load(input));
        } catch (Exception e) {
          failures++;
          String message = e.getMessage() != null ? e.getMessage() : e.toString();
          if (json) {
            out.println(Json.line(Map.of("input", input, "error", message)));
          } else {
            err.println("feedfold " + spec.name() + ": " + input + ": " + message);
          }
        }
        out.flush();
      }
    }
    err.flush();
    return failures;
  }

  /** Reads a local file, or fetches an http(s) URL. */
  Loaded load(String input) throws IOException {
    if (input.startsWith("http://") || input.startsWith("https://")) {
      if (fetcher == null) {
        fetcher = new HttpFetcher(FetchSettings.defaults(FeedfoldCommand.version()));
      }
      URI url = URI.create(input);
      FetchOutcome outcome = fetcher.fetch(new FetchRequest(url, null, null, "*/*"));
      if (outcome instanceof FetchOutcome.Fetched f) {
        return new Loaded(f.body(), f.url(), f.contentType());
      }
      throw new IOException("cannot fetch: " + outcome);
    }
    try {
      return new Loaded(Files.readAllBytes(Path.of(input)), null, null);
    } catch (NoSuchFileException e) {
      throw new IOException("no such file", e);
    }
  }

  @Override
  public void close() throws IOException {
    if (fetcher != null) {
      fetcher.close();
    }
  }
}
