package org.feedfold.fetch;

import java.net.URI;
import java.util.Objects;

/**
 * Asks for one document, revalidating the copy fetched before when validators are given.
 *
 * @param url the absolute {@code http} or {@code https} URL; never {@code null}
 * @param etag the {@code ETag} of the previous response, sent as {@code If-None-Match}; nullable
 * @param lastModified the {@code Last-Modified} of the previous response, sent verbatim as {@code
 *     If-Modified-Since}; nullable
 * @param accept the {@code Accept} header; {@code null} for a default preferring feed types
 */
public record FetchRequest(URI url, String etag, String lastModified, String accept) {
  /** Rejects a missing URL; scheme and host are checked by the fetcher, which reports them. */
  public FetchRequest {
    Objects.requireNonNull(url, "url");
  }

  /** Returns an unconditional request for {@code url} with the default {@code Accept}. */
  public static FetchRequest of(URI url) {
    return new FetchRequest(url, null, null, null);
  }
}
