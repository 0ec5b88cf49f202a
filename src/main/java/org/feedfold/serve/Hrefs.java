package org.feedfold.serve;

import org.feedfold.model.WebAddress;
import org.feedfold.sanitize.Sanitizer;

/**
 * Writes stored links as the merged feeds and pages may carry them.
 *
 * <p>Articles keep their link as the outlet's feed wrote it, which may be an IRI or not quite a URL
 * ({@code …/müll gebühren.html}); an {@code href}, an RSS {@code <link>} and a JSON Feed {@code
 * url} must be URIs, so the link is written as a browser would request it (RFC 3987 section 3.1:
 * UTF-8 percent-encoding, the host in Punycode). Thread-safe.
 */
final class Hrefs {
  private Hrefs() {}

  /**
   * Returns {@code url} as a URI a reader may follow, or {@code null}: {@link Sanitizer#link} drops
   * unsafe schemes and blanks, {@link WebAddress#href} maps what is not ASCII or not allowed.
   */
  static String of(String url) {
    String u = Sanitizer.link(url);
    return u == null ? null : WebAddress.href(u);
  }
}
