package org.feedfold.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Loads the FILE|URL arguments of {@code parse} and {@code extract}. */
final class Inputs implements AutoCloseable {
  /** The bytes of one input, with the URL and content type it came with (either may be null). */
  record Loaded(byte[] bytes, URI url, String contentType) {}

  private Inputs() {}

  static Inputs open(CommandSpec spec) {
    return new Inputs();
  }

  /** Reads a local file, or fetches an http(s) URL. */
  Loaded load(String input) throws IOException {
    if (input.startsWith("http://") || input.startsWith("https://")) {
      throw new IOException("URL inputs are not supported yet: " + input);
    }
    return new Loaded(Files.readAllBytes(Path.of(input)), null, null);
  }

  @Override
  public void close() {}
}
