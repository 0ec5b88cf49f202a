package org.feedfold.parse;

import java.util.Locale;
import java.util.Map;

/**
 * Maps namespace URIs (and, for undeclared prefixes, the bare prefix) to the short keys the dialect
 * mapping matches on; core RSS and Atom namespaces map to the empty key.
 */
final class Namespaces {
  static final String ATOM10 = "http://www.w3.org/2005/Atom";
  static final String ATOM03 = "http://purl.org/atom/ns#";
  static final String RSS10 = "http://purl.org/rss/1.0/";
  static final String RSS090 = "http://my.netscape.com/rdf/simple/0.9/";
  static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  static final String XHTML = "http://www.w3.org/1999/xhtml";

  private static final Map<String, String> KEYS =
      Map.ofEntries(
          Map.entry("", ""),
          Map.entry(ATOM10, ""),
          Map.entry(ATOM03, ""),
          Map.entry(RSS10, ""),
          Map.entry(RSS090, ""),
          Map.entry("http://purl.org/net/rss1.1#", ""),
          Map.entry("http://backend.userland.com/rss2", ""),
          Map.entry("http://blogs.law.harvard.edu/tech/rss", ""),
          Map.entry("http://backend.userland.com/rss", ""),
          Map.entry("http://purl.org/dc/elements/1.1/", "dc"),
          Map.entry("http://purl.org/dc/terms/", "dcterms"),
          Map.entry("http://purl.org/rss/1.0/modules/content/", "content"),
          Map.entry("http://search.yahoo.com/mrss/", "media"),
          Map.entry("http://search.yahoo.com/mrss", "media"),
          Map.entry("http://www.itunes.com/dtds/podcast-1.0.dtd", "itunes"),
          Map.entry("http://example.com/dtds/podcast-1.0.dtd", "itunes"),
          Map.entry(XHTML, "xhtml"),
          Map.entry(RDF, "rdf"),
          Map.entry("http://www.w3.org/XML/1998/namespace", "xml"),
          Map.entry("http://purl.org/rss/1.0/modules/slash/", "slash"),
          Map.entry("http://purl.org/rss/1.0/modules/syndication/", "sy"),
          Map.entry("http://webns.net/mvcb/", "admin"));

  private Namespaces() {}

  /** Returns the key for a namespace URI, or for a prefix when the URI is unknown. */
  static String key(String uri, String prefix) {
    String k = KEYS.get(uri);
    if (k != null) {
      return uri.isEmpty() && prefix != null && !prefix.isEmpty() ? prefix(prefix) : k;
    }
    if (uri.startsWith("http://purl.org/dc/elements")) {
      return "dc";
    }
    // An unknown default namespace is most often a misspelt feed namespace: treat it as core.
    return prefix == null || prefix.isEmpty() ? "" : prefix(prefix);
  }

  private static String prefix(String prefix) {
    String p = prefix.toLowerCase(Locale.ROOT);
    return switch (p) {
      case "atom", "rss" -> "";
      default -> p;
    };
  }
}
