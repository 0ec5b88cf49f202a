package org.feedfold.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Returns the headers every response carries so that nothing we serve can run script or be framed
 * in a browser that opens it.
 *
 * <p>{@code X-Content-Type-Options: nosniff} keeps a feed from being sniffed as HTML; {@code
 * Referrer-Policy: no-referrer} keeps feed URLs (and any {@code ?q=}) out of other sites' logs.
 * Feeds, JSON and text get {@value #LOCKED_DOWN}: no subresource loads, no framing, and a sandbox
 * (no script, no forms, an opaque origin) should a browser render one; HTML pages get {@value
 * #HTML}. See the W3C Content Security Policy Level 3 recommendation.
 */
final class SecurityHeaders {
  static final String LOCKED_DOWN = "default-src 'none'; frame-ancestors 'none'; sandbox";
  static final String HTML =
      "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";

  private SecurityHeaders() {}

  /** Returns the security headers for a response of {@code mediaType} (may be {@code null}). */
  static Map<String, String> forMediaType(String mediaType) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Content-Type-Options", "nosniff");
    h.put("Referrer-Policy", "no-referrer");
    boolean html = mediaType != null && mediaType.startsWith("text/html");
    h.put("Content-Security-Policy", html ? HTML : LOCKED_DOWN);
    return h;
  }
}
