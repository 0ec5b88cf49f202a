package org.feedfold.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import org.feedfold.model.ParsedFeed;

/** Loads the parse fixtures under {@code src/test/resources/parse/} and parses them. */
final class Fixtures {
  static final FeedParser PARSER = new FeedParser();

  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/parse/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ParsedFeed parse(String name, String url) throws FeedParseException {
    return PARSER.parse(
        bytes(name), new FeedSource(url == null ? null : URI.create(url), null, null));
  }

  static ParsedFeed parseText(String xml) throws FeedParseException {
    return PARSER.parse(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8), FeedSource.UNKNOWN);
  }
}
