package org.feedfold.extract;

import java.net.URI;

/**
 * Says where page bytes came from: the URL (base for relative links) and the HTTP {@code
 * Content-Type} (charset). Either may be {@code null}.
 */
public record PageSource(URI url, String contentType) {
  /** A source with nothing known about it. */
  public static final PageSource UNKNOWN = new PageSource(null, null);
}
