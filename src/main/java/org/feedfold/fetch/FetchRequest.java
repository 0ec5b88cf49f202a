package org.feedfold.fetch;

import java.net.URI;
import java.util.Objects;
import org.feedfold.model.Credentials;

/**
 * Asks for one document, revalidating the copy fetched before when validators are given.
 *
 * @param url the absolute {@code http} or {@code https} URL; never {@code null}
 * @param etag the {@code ETag} of the previous response, sent as {@code If-None-Match}; nullable
 * @param lastModified the {@code Last-Modified} of the previous response, sent verbatim as {@code
 *     If-Modified-Since}; nullable
 * @param accept the {@code Accept} header; {@code null} for a default preferring feed types
 * @param credentials sent as HTTP Basic authentication to {@code url}'s host and port only, never
 *     to another host a redirect leads to; {@code null} for none. A {@code url} written with a user
 *     name and password is split into the two
 */
public record FetchRequest(
    URI url, String etag, String lastModified, String accept, Credentials credentials) {
  /** Rejects a missing URL; scheme and host are checked by the fetcher, which reports them. */
  public FetchRequest {
    Objects.requireNonNull(url, "url");
    if (url.getRawUserInfo() != null) {
      credentials = credentials != null ? credentials : Credentials.of(url);
      url = Credentials.strip(url);
    }
  }

  /** Asks without credentials, unless {@code url} is written with them. */
  public FetchRequest(URI url, String etag, String lastModified, String accept) {
    this(url, etag, lastModified, accept, null);
  }

  /** Returns an unconditional request for {@code url} with the default {@code Accept}. */
  public static FetchRequest of(URI url) {
    return new FetchRequest(url, null, null, null);
  }
}
