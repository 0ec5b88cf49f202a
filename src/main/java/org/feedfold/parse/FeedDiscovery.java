package org.feedfold.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.feedfold.model.FeedLink;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the feeds an HTML page advertises, the way browsers and feed readers do: {@code <link
 * rel="alternate">} elements (in {@code <head>} or anywhere) whose type is RSS, Atom, RSS 1.0 (RDF)
 * or JSON Feed, resolved against {@code <base href>} and the page URL.
 *
 * <p>Only http(s) URLs are returned, each once, in document order except that comment feeds (a
 * title or URL naming comments) come last: a site's "Comments Feed" is rarely what a subscriber
 * wants. Pure and thread-safe: reads no network or disk.
 *
 * @see <a href="https://www.rssboard.org/rss-autodiscovery">RSS Autodiscovery</a>
 * @see <a href="https://www.jsonfeed.org/version/1.1/#discovery">JSON Feed discovery</a>
 */
public final class FeedDiscovery {
  /** Largest page read for discovery, in bytes: the links sit in the head. */
  public static final int MAX_PAGE_BYTES = 4 << 20;

  private static final Set<String> FEED_TYPES =
      Set.of(
          "application/rss+xml",
          "application/atom+xml",
          "application/rdf+xml",
          "application/feed+json",
          "application/json");

  private FeedDiscovery() {}

  /**
   * Returns the feeds advertised by the page {@code html}, fetched from {@code page}.
   *
   * @param contentType the HTTP {@code Content-Type}, for the charset; may be {@code null}
   */
  public static List<FeedLink> discover(byte[] html, URI page, String contentType) {
    byte[] body = html.length > MAX_PAGE_BYTES ? Arrays.copyOf(html, MAX_PAGE_BYTES) : html;
    Document doc;
    try {
      doc = Jsoup.parse(new ByteArrayInputStream(body), charset(contentType), page.toString());
    } catch (IOException e) {
      // Reading a byte array cannot fail; a bad charset name falls back inside jsoup.
      throw new UncheckedIOException(e);
    }
    Map<URI, FeedLink> found = new LinkedHashMap<>();
    for (Element link : doc.select("link[rel][href][type]")) {
      if (!relAlternate(link.attr("rel"))) {
        continue;
      }
      String type = link.attr("type").strip().toLowerCase(Locale.ROOT);
      int semicolon = type.indexOf(';');
      if (semicolon >= 0) {
        type = type.substring(0, semicolon).strip();
      }
      if (!FEED_TYPES.contains(type)) {
        continue;
      }
      URI url = absolute(link.absUrl("href"));
      if (url != null && !found.containsKey(url)) {
        String title = link.attr("title").strip();
        found.put(url, new FeedLink(url, type, title.isEmpty() ? null : title));
      }
    }
    List<FeedLink> feeds = new ArrayList<>(found.values());
    feeds.sort(Comparator.comparing(FeedDiscovery::aboutComments));
    return feeds;
  }

  private static boolean relAlternate(String rel) {
    for (String token : rel.toLowerCase(Locale.ROOT).split("\\s+")) {
      if (token.equals("alternate")) {
        return true;
      }
    }
    return false;
  }

  private static boolean aboutComments(FeedLink f) {
    String t = f.title() == null ? "" : f.title().toLowerCase(Locale.ROOT);
    String u = f.url().toString().toLowerCase(Locale.ROOT);
    return t.contains("comment") || u.contains("/comments/") || u.contains("comments/feed");
  }

  private static URI absolute(String href) {
    if (href.isEmpty()) {
      return null;
    }
    try {
      URI u = new URI(href);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null ? u : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String charset(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String part : contentType.split(";")) {
      String p = part.strip();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        String c = p.substring("charset=".length()).replace("\"", "").strip();
        return Charset.isSupported(c) ? c : null;
      }
    }
    return null;
  }
}
