package org.feedfold.extract;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads an article's metadata from, in order of trust, schema.org JSON-LD, Open Graph and article
 * meta tags, other meta tags (Dublin Core, Parse.ly, Sailthru), and finally the page itself ({@code
 * <title>}, {@code <html lang>}, {@code <time>}, bylines).
 *
 * <p>Run it before pruning: it reads {@code <head>} and scripts. Stateless and thread-safe. URLs
 * come out absolute (resolved against the document's base URI) or {@code null}.
 */
final class MetadataReader {
  private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*");
  private static final Pattern BYLINE_PREFIX =
      Pattern.compile(
          "^(?:by|von|par|por|di|door|autor(?:in)?:?|author:?)\\s+", Pattern.CASE_INSENSITIVE);
  private static final int MAX_AUTHOR = 120;

  private MetadataReader() {}

  static PageMetadata read(Document doc) {
    LinkedData ld = LinkedData.read(doc);
    String siteName =
        first(meta(doc, "og:site_name"), ld.publisher(), meta(doc, "application-name"));
    String title =
        TitleCleaner.clean(
            first(ld.headline(), meta(doc, "og:title"), meta(doc, "twitter:title"), doc.title()),
            siteName,
            firstHeading(doc));
    String author =
        cleanAuthor(
            first(
                ld.author(),
                meta(doc, "author"),
                notUrl(meta(doc, "article:author")),
                meta(doc, "parsely-author"),
                meta(doc, "sailthru.author"),
                meta(doc, "dc.creator"),
                meta(doc, "byl"),
                pageAuthor(doc)));
    Instant published =
        firstDate(
            ld.published(),
            meta(doc, "article:published_time"),
            meta(doc, "og:published_time"),
            meta(doc, "datepublished"),
            meta(doc, "pubdate"),
            meta(doc, "publishdate"),
            meta(doc, "publish-date"),
            meta(doc, "parsely-pub-date"),
            meta(doc, "sailthru.date"),
            meta(doc, "dc.date.issued"),
            meta(doc, "dcterms.created"),
            meta(doc, "dc.date"),
            meta(doc, "date"),
            itemprop(doc, "datePublished"),
            pageTime(doc));
    Instant modified =
        firstDate(
            ld.modified(),
            meta(doc, "article:modified_time"),
            meta(doc, "og:updated_time"),
            meta(doc, "dcterms.modified"),
            itemprop(doc, "dateModified"));
    Element canonicalLink = doc.selectFirst("link[rel=canonical][href]");
    String canonical =
        absolute(
            doc,
            first(
                canonicalLink == null ? null : canonicalLink.attr("href"),
                meta(doc, "og:url"),
                ld.url()));
    Element html = doc.selectFirst("html");
    String language =
        language(
            first(
                ld.language(),
                html == null ? null : html.attr("lang"),
                html == null ? null : html.attr("xml:lang"),
                httpEquiv(doc, "content-language"),
                meta(doc, "og:locale"),
                meta(doc, "language")));
    String image =
        absolute(doc, first(meta(doc, "og:image"), ld.image(), meta(doc, "twitter:image")));
    return new PageMetadata(
        title, author, published, modified, canonical, language, siteName, image, ld.body());
  }

  /** Returns the first argument that is neither null nor blank. */
  static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }

  private static Instant firstDate(String... values) {
    for (String v : values) {
      Instant t = Dates.parse(v);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  /** Reads a meta tag by {@code property} or {@code name}, matching the key case-insensitively. */
  private static String meta(Document doc, String key) {
    for (Element m : doc.getElementsByTag("meta")) {
      String k = m.hasAttr("property") ? m.attr("property") : m.attr("name");
      if (k.isEmpty()) {
        k = m.attr("itemprop");
      }
      if (k.equalsIgnoreCase(key)) {
        String v = m.attr("content");
        if (!v.isBlank()) {
          return v;
        }
      }
    }
    return null;
  }

  private static String httpEquiv(Document doc, String key) {
    for (Element m : doc.getElementsByTag("meta")) {
      if (m.attr("http-equiv").equalsIgnoreCase(key)) {
        return m.attr("content");
      }
    }
    return null;
  }

  private static String itemprop(Document doc, String prop) {
    Element e = doc.selectFirst("[itemprop=" + prop + "]");
    if (e == null) {
      return null;
    }
    return first(e.attr("content"), e.attr("datetime"), e.text());
  }

  private static String pageTime(Document doc) {
    Element t = doc.selectFirst("time[pubdate][datetime], article time[datetime], time[datetime]");
    return t == null ? null : t.attr("datetime");
  }

  private static String pageAuthor(Document doc) {
    Element e =
        doc.selectFirst(
            "[itemprop=author] [itemprop=name], [itemprop=author], a[rel=author], .byline-author,"
                + " .author-name, .byline, .author");
    if (e == null) {
      return null;
    }
    String s = e.text();
    return s.length() <= MAX_AUTHOR ? s : null;
  }

  private static String firstHeading(Document doc) {
    Element h1 = doc.body() == null ? null : doc.body().selectFirst("h1");
    return h1 == null ? null : h1.text();
  }

  private static String notUrl(String s) {
    return s == null || s.startsWith("http") ? null : s;
  }

  private static String cleanAuthor(String s) {
    if (s == null) {
      return null;
    }
    String a = BYLINE_PREFIX.matcher(s.strip()).replaceFirst("").strip();
    return a.isEmpty() || a.length() > MAX_AUTHOR ? null : a;
  }

  /** Normalises a language tag to BCP 47 form ({@code de_DE} becomes {@code de-DE}). */
  static String language(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.strip();
    int comma = s.indexOf(',');
    if (comma > 0) {
      s = s.substring(0, comma).strip();
    }
    if (!LANGUAGE.matcher(s).matches()) {
      return null;
    }
    String[] parts = s.replace('_', '-').split("-");
    StringBuilder b = new StringBuilder(parts[0].toLowerCase(Locale.ROOT));
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      b.append('-').append(p.length() == 2 ? p.toUpperCase(Locale.ROOT) : p);
    }
    return b.toString();
  }

  private static String absolute(Document doc, String href) {
    if (href == null) {
      return null;
    }
    try {
      URI uri = new URI(href.strip().replace(" ", "%20"));
      if (uri.isAbsolute()) {
        return uri.toString();
      }
      String base = doc.location();
      if (base == null || base.isEmpty()) {
        return null;
      }
      return URI.create(base).resolve(uri).toString();
    } catch (IllegalArgumentException | java.net.URISyntaxException e) {
      return null;
    }
  }
}
