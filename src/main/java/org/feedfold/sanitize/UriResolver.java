package org.feedfold.sanitize;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Resolves references against a base URI (RFC 3986 section 5) and refuses schemes that can run
 * code: a {@code javascript:} or {@code data:} reference resolves to the empty string.
 *
 * <p>Thread-safe (stateless). Malformed references are kept as written when their scheme is safe,
 * because a slightly broken link is more useful to a reader than none.
 */
final class UriResolver {
  /** The schemes a feed reader may follow; after feedparser's list, which readers rely on. */
  private static final Set<String> SAFE_SCHEMES =
      Set.of(
          "",
          "aim",
          "callto",
          "cvs",
          "facetime",
          "feed",
          "file",
          "ftp",
          "git",
          "gopher",
          "gtalk",
          "h323",
          "hdl",
          "http",
          "https",
          "imap",
          "irc",
          "irc6",
          "ircs",
          "itms",
          "magnet",
          "mailto",
          "mms",
          "msnim",
          "news",
          "nntp",
          "prospero",
          "rsync",
          "rtsp",
          "rtspu",
          "sftp",
          "shttp",
          "sip",
          "sips",
          "skype",
          "smb",
          "snews",
          "ssh",
          "svn",
          "svn+ssh",
          "telnet",
          "wais",
          "ymsg",
          "urn",
          "tag",
          "tel",
          "geo",
          "webcal");

  private UriResolver() {}

  /** Returns {@code ref} resolved against {@code base} (may be null), or "" if unsafe. */
  static String resolve(URI base, String ref) {
    if (ref == null) {
      return null;
    }
    String r = ref.strip();
    if (!isSafe(r)) {
      return "";
    }
    if (base == null || isAbsolute(r)) {
      return r;
    }
    try {
      URI b = base;
      if (b.getRawPath() == null || b.getRawPath().isEmpty()) {
        // java.net.URI drops the slash between authority and a relative path (JDK-4666701).
        b = new URI(b.getScheme(), b.getRawAuthority(), "/", null, null);
      }
      if (r.isEmpty()) {
        return b.toString();
      }
      if (r.startsWith("?")) {
        String s = b.toString();
        int q = s.indexOf('?');
        int h = s.indexOf('#');
        int cut = q >= 0 ? q : h >= 0 ? h : s.length();
        return s.substring(0, cut) + r;
      }
      String out = b.resolve(new URI(r.replace(" ", "%20"))).toString();
      return out;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return r;
    }
  }

  /** Returns a base URI for {@code value} resolved against {@code parent}, or {@code parent}. */
  static URI base(URI parent, String value) {
    if (value == null || value.isBlank()) {
      return parent;
    }
    String resolved = resolve(parent, value);
    try {
      return resolved == null || resolved.isEmpty() ? parent : new URI(resolved);
    } catch (URISyntaxException e) {
      return parent;
    }
  }

  private static boolean isAbsolute(String r) {
    return !scheme(r).isEmpty();
  }

  static boolean isSafe(String r) {
    return SAFE_SCHEMES.contains(scheme(r));
  }

  private static String scheme(String r) {
    int colon = r.indexOf(':');
    if (colon <= 0) {
      return "";
    }
    for (int i = 0; i < colon; i++) {
      char c = r.charAt(i);
      boolean ok =
          Character.isLetter(c)
              || i > 0 && (Character.isDigit(c) || c == '+' || c == '-' || c == '.');
      if (!ok) {
        // Control characters and spaces inside a scheme are an old filter-evasion trick.
        if (Character.isWhitespace(c) || Character.isISOControl(c)) {
          return scheme(r.substring(0, i) + r.substring(i + 1));
        }
        return "";
      }
    }
    return r.substring(0, colon).toLowerCase(Locale.ROOT);
  }
}
