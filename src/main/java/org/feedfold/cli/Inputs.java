package org.feedfold.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.feedfold.fetch.FetchOutcome;
import org.feedfold.fetch.FetchRequest;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HttpFetcher;

/**
 * Loads the FILE|URL arguments of {@code parse} and {@code extract}: files from disk, http(s) URLs
 * with the same fetcher (limits, User-Agent) the daemon uses. Not thread-safe.
 */
final class Inputs implements AutoCloseable {
  /** The bytes of one input, with the URL and content type it came with (either may be null). */
  record Loaded(byte[] bytes, URI url, String contentType) {}

  private HttpFetcher fetcher;

  static Inputs open() {
    return new Inputs();
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
      throw new IOException("no such file: " + input, e);
    }
  }

  @Override
  public void close() throws IOException {
    if (fetcher != null) {
      fetcher.close();
    }
  }
}
