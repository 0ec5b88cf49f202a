package org.feedfold.parse;

import org.feedfold.model.ParsedFeed;

/**
 * Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1 bytes into a {@link ParsedFeed}.
 *
 * <p>Thread-safe; one instance may serve all threads.
 */
public final class FeedParser {

  /** Parses {@code body}, fetched as described by {@code source}. */
  public ParsedFeed parse(byte[] body, FeedSource source) throws FeedParseException {
    throw new FeedParseException("not implemented yet", 0, 0, null);
  }
}
