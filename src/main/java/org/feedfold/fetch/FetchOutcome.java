package org.feedfold.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Is the result of one fetch: one record case per outcome a caller handles differently.
 *
 * <p>NOTE: {@link Fetched} holds a {@code byte[]}, so its {@code equals} compares the array by
 * identity; compare {@code body()} with {@link java.util.Arrays#equals(byte[], byte[])}.
 *
 * <p>Every case carries the URL it concerns: the final URL after redirects when a response was
 * received, else the requested one.
 */
public sealed interface FetchOutcome {

  /** Returns the URL this outcome concerns. */
  URI url();

  /**
   * Carries a 2xx response body.
   *
   * @param url the final URL, after redirects
   * @param status the HTTP status code
   * @param contentType the {@code Content-Type} header; nullable
   * @param contentLocation the {@code Content-Location} header resolved against {@code url};
   *     nullable
   * @param body the decompressed body, at most {@code FetchSettings.maxBodyBytes} long
   * @param truncated whether the body was cut at the cap; the prefix is still worth parsing
   * @param etag the {@code ETag} header, for the next conditional request; nullable
   * @param lastModified the {@code Last-Modified} header, verbatim; nullable
   * @param maxAge the freshness the response gives: {@code Cache-Control: max-age}, else {@code
   *     Expires} minus {@code Date}; {@code null} when absent
   * @param movedTo {@code url} when every redirect that led there was permanent (301, 308), the URL
   *     the feed has moved to; {@code null} without redirects or with any temporary one
   * @param cutShort whether the server closed the connection before the body it announced ended (a
   *     {@code Content-Length} larger than what it sent, a chunked body without its last chunk):
   *     {@code body} is what arrived, worth parsing, but no version of the document to revalidate
   *     against, so {@code etag}, {@code lastModified} and {@code maxAge} are {@code null}
   */
  record Fetched(
      URI url,
      int status,
      String contentType,
      URI contentLocation,
      byte[] body,
      boolean truncated,
      String etag,
      String lastModified,
      Duration maxAge,
      URI movedTo,
      boolean cutShort)
      implements FetchOutcome {
    /** Creates the outcome of a fetch whose body arrived whole. */
    public Fetched(
        URI url,
        int status,
        String contentType,
        URI contentLocation,
        byte[] body,
        boolean truncated,
        String etag,
        String lastModified,
        Duration maxAge,
        URI movedTo) {
      this(
          url,
          status,
          contentType,
          contentLocation,
          body,
          truncated,
          etag,
          lastModified,
          maxAge,
          movedTo,
          false);
    }

    /** Creates the outcome of a fetch that was not permanently redirected. */
    public Fetched(
        URI url,
        int status,
        String contentType,
        URI contentLocation,
        byte[] body,
        boolean truncated,
        String etag,
        String lastModified,
        Duration maxAge) {
      this(
          url,
          status,
          contentType,
          contentLocation,
          body,
          truncated,
          etag,
          lastModified,
          maxAge,
          null);
    }

    /** Describes the response without dumping the body: its length stands in for it. */
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "Fetched[url=%s, status=%d, contentType=%s, body=%d bytes%s, etag=%s,"
              + " lastModified=%s, maxAge=%s%s]",
          url,
          status,
          contentType,
          body.length,
          truncated ? " (truncated)" : cutShort ? " (cut short by the server)" : "",
          etag,
          lastModified,
          maxAge,
          movedTo == null ? "" : ", movedTo=" + movedTo);
    }
  }

  /**
   * Says the copy the validators name is still current (HTTP 304).
   *
   * @param maxAge the freshness the response gives ({@code Cache-Control: max-age} or {@code
   *     Expires}); {@code null} when absent
   * @param etag the {@code ETag} the 304 carries, verbatim (RFC 9110 §15.4.5 says a 304 repeats
   *     it); {@code null} when absent, and then the stored one stays
   * @param lastModified the {@code Last-Modified} the 304 carries, verbatim; {@code null} when
   *     absent
   * @param movedTo as in {@link Fetched#movedTo()}
   */
  record NotModified(URI url, Duration maxAge, String etag, String lastModified, URI movedTo)
      implements FetchOutcome {
    /** Creates a 304 outcome that carries no validators and was not permanently redirected. */
    public NotModified(URI url, Duration maxAge) {
      this(url, maxAge, null, null, null);
    }

    /** Creates a 304 outcome that was not permanently redirected. */
    public NotModified(URI url, Duration maxAge, String etag, String lastModified) {
      this(url, maxAge, etag, lastModified, null);
    }
  }

  /**
   * Says the server asks us to slow down: 429, or 503 with {@code Retry-After}; or, with status
   * {@code 0}, that no request was sent because the host is held by an earlier {@code Retry-After}
   * ({@link HostGate#hold}).
   *
   * @param retryAfter the {@code Retry-After} delay (never negative); {@code null} when absent or
   *     unparseable
   */
  record RateLimited(URI url, int status, Duration retryAfter) implements FetchOutcome {}

  /** Says the resource is gone for good (HTTP 410); the feed should be disabled. */
  record Gone(URI url, int status) implements FetchOutcome {}

  /**
   * Says the fetch failed.
   *
   * @param status the HTTP status, or {@code 0} when no response was received
   * @param reason a human-readable cause, such as {@code "HTTP 500"} or {@code "connect timed out
   *     after 10s"}
   */
  record Failed(URI url, int status, String reason) implements FetchOutcome {
    /**
     * Returns whether the server was never reached: its name did not resolve, or no connection
     * could be made. A response cut short or a deadline hit is a failure, not this.
     */
    public boolean unreachable() {
      return status == 0
          && reason != null
          && (reason.startsWith(FailureReason.UNKNOWN_HOST)
              || reason.startsWith(FailureReason.REFUSED)
              || reason.startsWith(FailureReason.CONNECT_TIMED_OUT));
    }
  }
}
