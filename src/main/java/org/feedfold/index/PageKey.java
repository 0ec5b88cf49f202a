package org.feedfold.index;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Derives the key that tells one article reached through several feeds of its outlet (a site's
 * "World" and "Top stories" feeds list the same page, each under its own guid): the page its link
 * names, with the same headline. Pure.
 *
 * <p>The page is the link without its scheme, fragment, default port and tracking parameters
 * ({@code utm_*}, {@code fbclid}, {@code gclid} and the like, which sites vary from feed to feed),
 * with the host in lower case. The headline is compared in NFKC, in lower case, with its runs of
 * white space as one space. Both must agree: a site whose entries all link to its front page or to
 * one live page lists different headlines there, and wire copies of one story share a headline on
 * different pages; each of those is an article of its own.
 */
final class PageKey {
  private static final Set<String> TRACKING =
      Set.of(
          "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "yclid",
          "igshid", "_ga", "_gl");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private PageKey() {}

  /**
   * Returns the key of the page {@code url} under the headline {@code title}, or {@code null} when
   * either is missing or blank (such an entry is never taken for another feed's article).
   */
  static String of(String url, String title) {
    if (url == null || url.isBlank() || title == null || title.isBlank()) {
      return null;
    }
    String headline =
        SPACE
            .matcher(Normalizer.normalize(title, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT))
            .replaceAll(" ")
            .strip();
    return page(url.strip()) + "\n" + headline;
  }

  /** Returns the page {@code url} names, as {@link #of} compares it. */
  static String page(String url) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      return url;
    }
    if (u.getRawAuthority() == null || u.getHost() == null) {
      return u.getRawSchemeSpecificPart() == null ? url : u.getRawSchemeSpecificPart();
    }
    StringBuilder b = new StringBuilder(url.length());
    b.append("//").append(u.getHost().toLowerCase(Locale.ROOT));
    int port = u.getPort();
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    boolean standard =
        port == -1
            || (port == 80 && scheme.equals("http"))
            || (port == 443 && scheme.equals("https"));
    if (!standard) {
      b.append(':').append(port);
    }
    String path = u.getRawPath();
    b.append(path == null || path.isEmpty() ? "/" : path);
    String query = u.getRawQuery();
    if (query != null && !query.isEmpty()) {
      StringJoiner kept = new StringJoiner("&", "?", "").setEmptyValue("");
      for (String pair : query.split("&", -1)) {
        int eq = pair.indexOf('=');
        String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
        if (!pair.isEmpty() && !name.startsWith("utm_") && !TRACKING.contains(name)) {
          kept.add(pair);
        }
      }
      b.append(kept);
    }
    return b.toString();
  }
}
