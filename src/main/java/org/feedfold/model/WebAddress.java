package org.feedfold.model;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a web address as feeds and people write it into a {@link URI} that can be requested.
 *
 * <p>Feeds link to {@code https://example.de/news/müll-gebühren.html}, {@code …/two words.html} or
 * {@code https://bücher.example/}: IRIs (RFC 3987) or not quite URLs, which {@link URI} refuses or
 * keeps with raw non-ASCII characters that HttpClient then sends as Latin-1. {@link #parse} maps
 * them as RFC 3987 section 3.1 and browsers do: a non-ASCII host to its ASCII (Punycode) form,
 * every other character outside RFC 3986 to its UTF-8 percent-encoding, escapes already there kept.
 * A valid ASCII URI comes back unchanged. Pure functions; thread-safe.
 */
public final class WebAddress {
  /** RFC 3986 appendix B: scheme, authority, path, query and fragment of any string. */
  private static final Pattern PARTS =
      Pattern.compile("^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#(.*))?$");

  /** Characters RFC 3986 allows in a path, query or fragment besides {@code %} escapes. */
  private static final String ALLOWED = "-._~!$&'()*+,;=:@/?";

  private WebAddress() {}

  /**
   * Returns {@code text} (an absolute URL or IRI, surrounding spaces ignored) as an ASCII URI.
   *
   * @throws IllegalArgumentException naming the problem if it is not one even so
   */
  public static URI parse(String text) {
    String s = text.strip();
    Matcher m = PARTS.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a URL: '" + text + "'");
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    if (m.group(1) != null) {
      b.append(m.group(1)).append(':');
    }
    if (m.group(2) != null) {
      b.append("//").append(authority(m.group(2)));
    }
    encode(b, m.group(3), false);
    if (m.group(4) != null) {
      b.append('?');
      encode(b, m.group(4), false);
    }
    if (m.group(5) != null) {
      b.append('#');
      encode(b, m.group(5), true);
    }
    try {
      return new URI(b.toString());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: '" + text + "' (" + e.getReason() + ")", e);
    }
  }

  /**
   * Returns {@code link} as an ASCII URI reference to write in an {@code href}: itself when it is
   * one already (the common case, checked without allocating), else mapped as {@link #parse} does,
   * or {@code null} if it is no URL even so.
   */
  public static String href(String link) {
    if (isAscii(link)) {
      return link;
    }
    try {
      return parse(link).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Says whether {@code s} holds only what RFC 3986 allows in a URI reference. */
  private static boolean isAscii(String s) {
    boolean fragment = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (!hex(s, i + 1) || !hex(s, i + 2)) {
          return false;
        }
      } else if (c == '#') {
        if (fragment) {
          return false;
        }
        fragment = true;
      } else if (!(c < 0x80 && (Character.isLetterOrDigit(c) || ALLOWED.indexOf(c) >= 0))) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /**
   * Returns a feed address as a person types it as an absolute http(s) URI: {@code feed://host/x}
   * and {@code feed:https://host/x} (the old feed scheme) become the http(s) URL they wrap, and an
   * address without a scheme ({@code example.com/feed}) is taken as {@code https://}.
   *
   * @throws IllegalArgumentException naming the problem if it is no http(s) URL even so
   */
  public static URI typed(String text) {
    String s = text.strip();
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("feed://")) {
      s = "http://" + s.substring("feed://".length());
    } else if (lower.startsWith("feed:")) {
      s = s.substring("feed:".length());
    } else if (!s.contains("://")
        && !s.isEmpty()
        && !lower.matches("^[a-z][a-z0-9+.-]*:[^0-9].*")) {
      s = "https://" + s;
    }
    URI u = parse(s);
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
      throw new IllegalArgumentException("not an absolute http(s) URL: '" + text + "'");
    }
    return u;
  }

  private static String authority(String authority) {
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? null : authority.substring(0, at);
    String hostPort = authority.substring(at + 1);
    String host = hostPort;
    String port = "";
    if (!hostPort.startsWith("[")) {
      int colon = hostPort.lastIndexOf(':');
      if (colon >= 0) {
        host = hostPort.substring(0, colon);
        port = hostPort.substring(colon);
      }
    }
    StringBuilder b = new StringBuilder();
    if (userInfo != null) {
      encode(b, userInfo, false);
      b.append('@');
    }
    if (!host.chars().allMatch(c -> c < 0x80)) {
      try {
        host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not a host name: '" + host + "'", e);
      }
    }
    return b.append(host).append(port).toString();
  }

  /** Appends {@code part}, percent-encoding what RFC 3986 does not allow there. */
  private static void encode(StringBuilder b, String part, boolean fragment) {
    for (int i = 0; i < part.length(); ) {
      int c = part.codePointAt(i);
      int n = Character.charCount(c);
      if (c == '%' && hex(part, i + 1) && hex(part, i + 2)) {
        b.append('%');
      } else if (c < 0x80 && (Character.isLetterOrDigit(c) || ALLOWED.indexOf(c) >= 0)) {
        b.append((char) c);
      } else if (c == '#' && fragment) {
        b.append("%23");
      } else {
        for (byte x : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
          b.append('%').append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
        }
      }
      i += n;
    }
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static boolean hex(String s, int i) {
    return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
  }
}
