package org.feedfold.serve;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Is one response before it is written: status, media type, body and extra headers. The writer adds
 * {@code Content-Length}, {@code Date}, {@code Connection} and the {@link SecurityHeaders}.
 *
 * @param status the HTTP status code
 * @param mediaType the {@code Content-Type}, or {@code null} for none (304)
 * @param body the body, or {@code null} for none (304); HEAD gets its length but not the bytes
 * @param headers extra headers ({@code ETag}, {@code Allow}, …), not {@code null}
 * @param close whether to close the connection after this response
 */
record Reply(
    int status, String mediaType, byte[] body, Map<String, String> headers, boolean close) {
  static final String TEXT = "text/plain; charset=utf-8";

  /** Returns a plain-text reply of one line. */
  static Reply text(int status, String message) {
    return new Reply(
        status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8), Map.of(), false);
  }

  /** Returns a plain-text reply of one line with extra headers. */
  static Reply text(int status, String message, Map<String, String> headers) {
    return new Reply(
        status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8), headers, false);
  }

  /** Returns a JSON reply {@code {"error": message}}. */
  static Reply jsonError(int status, String message) {
    return new Reply(
        status,
        "application/json",
        JsonFeedRenderer.bytes(Map.of("error", message)),
        Map.of(),
        false);
  }

  /**
   * Returns a whole HTTP/1.1 response that closes the connection, as bytes, for the few answers
   * written before (or instead of) the HTTP codec: connection refusals and the header timeout.
   */
  static byte[] raw(int status, String reason, String message, String... extraHeaders) {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason);
    b.append("\r\nContent-Type: ").append(TEXT);
    b.append("\r\nContent-Length: ").append(body.length);
    b.append("\r\nConnection: close");
    SecurityHeaders.forMediaType(TEXT)
        .forEach((k, v) -> b.append("\r\n").append(k).append(": ").append(v));
    for (String h : extraHeaders) {
      b.append("\r\n").append(h);
    }
    b.append("\r\n\r\n");
    byte[] head = b.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  /** Returns this reply closing the connection after it is sent. */
  Reply closing() {
    return new Reply(status, mediaType, body, headers, true);
  }
}
