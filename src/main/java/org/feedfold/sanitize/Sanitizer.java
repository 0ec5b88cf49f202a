package org.feedfold.sanitize;

import java.net.URI;

/**
 * Is the one front door to HTML and URL safety: everything from a feed, a page or an import that
 * will be shown as HTML passes through {@link #html} or {@link #text}, and every link we emit
 * through {@link #link}.
 *
 * <p>{@link #html} keeps only elements, attributes and CSS on an allow-list (after Python
 * feedparser's, which feed readers have tuned for two decades): script, style and applet go with
 * their content, event handlers and unknown attributes go, {@code style} is reduced to harmless
 * declarations, and URI attributes are resolved against the base and emptied when their scheme can
 * run code ({@code javascript:}, {@code vbscript:}, {@code data:} and anything else not on the list
 * of reader-safe schemes). Text is re-escaped, so no raw {@code <} survives outside a tag the
 * sanitiser wrote; the output is therefore also safe inside {@code noscript}, {@code textarea} and
 * other raw-text contexts.
 *
 * <p>Stateless and thread-safe. Linear in the input length; the input is not capped here (callers
 * cap what they read). {@code null} in gives {@code null} out.
 */
public final class Sanitizer {
  private Sanitizer() {}

  /** Returns the safe form of the HTML fragment {@code html}; {@code base} may be {@code null}. */
  public static SafeHtml html(String html, URI base) {
    return html == null ? null : new SafeHtml(HtmlSanitizer.sanitize(html, base), null);
  }

  /**
   * Returns plain {@code text} as HTML: stripped, {@code &}, {@code <} and {@code >} escaped; the
   * result remembers the text ({@link SafeHtml#plainText()}).
   */
  public static SafeHtml text(String text) {
    if (text == null) {
      return null;
    }
    String plain = text.strip();
    StringBuilder out = new StringBuilder(plain.length() + 16);
    HtmlSanitizer.escape(out, plain, false);
    return new SafeHtml(out.toString(), plain);
  }

  /**
   * Returns {@code url} stripped if a reader may follow it, else {@code null}: a blank link, or one
   * whose scheme can run code ({@code javascript:}, {@code vbscript:}, {@code data:}, also when
   * hidden by whitespace or control characters) is dropped rather than emitted.
   */
  public static String link(String url) {
    if (url == null) {
      return null;
    }
    String u = url.strip();
    return !u.isEmpty() && UriResolver.isSafe(u) ? u : null;
  }

  /**
   * Returns {@code ref} resolved against {@code base} (RFC 3986 section 5; {@code base} may be
   * {@code null}), or "" if its scheme is unsafe; {@code null} for {@code null}.
   */
  public static String resolve(URI base, String ref) {
    return UriResolver.resolve(base, ref);
  }

  /** Returns the base URI {@code value} sets (an {@code xml:base}), resolved, or {@code parent}. */
  public static URI base(URI parent, String value) {
    return UriResolver.base(parent, value);
  }

  /** Says whether {@code name} (lower case) is an HTML element the sanitiser keeps. */
  public static boolean isAllowedElement(String name) {
    return SanitizerPolicy.ELEMENTS.contains(name);
  }

  /** Says whether {@code name} (lower case) is a void HTML element, written without end tag. */
  public static boolean isVoidElement(String name) {
    return SanitizerPolicy.VOID.contains(name);
  }

  /**
   * Appends {@code s} escaped for HTML text ({@code &}, {@code <}, {@code >}) or, if {@code
   * attribute}, for a double-quoted attribute value (also {@code "}).
   */
  public static void escape(StringBuilder out, String s, boolean attribute) {
    HtmlSanitizer.escape(out, s, attribute);
  }
}
