package org.feedfold.parse;

import java.net.URI;

/**
 * Says where feed bytes came from, for encoding detection and relative URL resolution.
 *
 * @param url the document URL; may be {@code null} for a local file
 * @param contentType the HTTP {@code Content-Type} header value; may be {@code null}
 * @param contentLocation the HTTP {@code Content-Location} header value, resolved; may be {@code
 *     null}
 */
public record FeedSource(URI url, String contentType, URI contentLocation) {
  /** A source with nothing known about it. */
  public static final FeedSource UNKNOWN = new FeedSource(null, null, null);

  /** Returns a source for a document fetched from {@code url} with the given content type. */
  public static FeedSource of(URI url, String contentType) {
    return new FeedSource(url, contentType, null);
  }
}
