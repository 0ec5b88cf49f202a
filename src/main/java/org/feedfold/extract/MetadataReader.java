package org.feedfold.extract;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
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

  /** Longest language tag read; real BCP 47 tags are far shorter (RFC 5646 section 4.4.1). */
  private static final int MAX_LANGUAGE = 64;

  /** Longest delay of a meta refresh still taken for a redirect to the page's real address. */
  static final int MAX_REFRESH_SECONDS = 5;

  /** A refresh's delay, then its URL after {@code ;}/{@code ,} and an optional {@code url=}. */
  private static final Pattern REFRESH =
      Pattern.compile(
          "\\s*(\\d+(?:\\.\\d*)?)[\\d.]*\\s*[;,]?\\s*(?:(?i:url)\\s*=\\s*)?(.*)", Pattern.DOTALL);

  private MetadataReader() {}

  static PageMetadata read(Document doc) {
    Map<String, String> metas = new HashMap<>();
    Element canonicalLink = null;
    Element html = doc.selectFirst("html");
    List<Element> scripts = new ArrayList<>();
    PageHints page = new PageHints();
    // One walk collects everything the readers below look up, instead of a query per key.
    for (Element e : doc.getAllElements()) {
      page.visit(e);
      switch (e.normalName()) {
        case "meta" -> collectMeta(e, metas);
        case "link" -> {
          if (canonicalLink == null && e.attr("rel").equalsIgnoreCase("canonical")) {
            canonicalLink = e;
          }
        }
        case "script" -> {
          if (e.attr("type").equalsIgnoreCase("application/ld+json")) {
            scripts.add(e);
          }
        }
        default -> {}
      }
    }
    return read(doc, metas, canonicalLink, html, LinkedData.read(scripts), page);
  }

  private static void collectMeta(Element m, Map<String, String> metas) {
    String k = m.hasAttr("property") ? m.attr("property") : m.attr("name");
    if (k.isEmpty()) {
      k = m.attr("itemprop");
    }
    if (k.isEmpty()) {
      k = m.attr("http-equiv");
    }
    String v = m.attr("content");
    if (!k.isEmpty() && !v.isBlank()) {
      metas.putIfAbsent(k.toLowerCase(Locale.ROOT), v);
    }
  }

  private static PageMetadata read(
      Document doc,
      Map<String, String> metas,
      Element canonicalLink,
      Element html,
      LinkedData ld,
      PageHints page) {
    String siteName =
        first(metas.get("og:site_name"), ld.publisher(), metas.get("application-name"));
    String title =
        TitleCleaner.clean(
            first(ld.headline(), metas.get("og:title"), metas.get("twitter:title"), doc.title()),
            siteName,
            firstHeading(doc));
    String author =
        cleanAuthor(
            first(
                ld.author(),
                metas.get("author"),
                notUrl(metas.get("article:author")),
                metas.get("parsely-author"),
                metas.get("sailthru.author"),
                metas.get("dc.creator"),
                metas.get("byl")));
    if (author == null) {
      author = cleanAuthor(page.author());
    }
    Instant published =
        firstDate(
            ld.published(),
            metas.get("article:published_time"),
            metas.get("og:published_time"),
            metas.get("datepublished"),
            metas.get("pubdate"),
            metas.get("publishdate"),
            metas.get("publish-date"),
            metas.get("parsely-pub-date"),
            metas.get("sailthru.date"),
            metas.get("dc.date.issued"),
            metas.get("dcterms.created"),
            metas.get("dc.date"),
            metas.get("date"));
    if (published == null) {
      // The page's own markup is the last resort: each lookup walks the whole tree.
      published = firstDate(page.datePublished(), page.time());
    }
    Instant modified =
        firstDate(
            ld.modified(),
            metas.get("article:modified_time"),
            metas.get("og:updated_time"),
            metas.get("dcterms.modified"));
    String canonical =
        absolute(
            doc,
            first(
                canonicalLink == null ? null : canonicalLink.attr("href"),
                metas.get("og:url"),
                ld.url()));
    String language =
        language(
            first(
                ld.language(),
                html == null ? null : html.attr("lang"),
                html == null ? null : html.attr("xml:lang"),
                metas.get("content-language"),
                metas.get("og:locale"),
                metas.get("language")));
    String image =
        absolute(doc, first(metas.get("og:image"), ld.image(), metas.get("twitter:image")));
    return new PageMetadata(
        title,
        author,
        published,
        modified,
        canonical,
        language,
        siteName,
        image,
        ld.body(),
        refresh(doc, metas.get("refresh")));
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

  /**
   * Remembers, during the one walk over the page, the first byline element and the first
   * publication-time element, for pages whose meta tags name neither.
   */
  private static final class PageHints {
    private Element author;
    private Element authorByClass;
    private Element datePublished;
    private Element time;

    void visit(Element e) {
      if (e.hasAttr("itemprop")) {
        String prop = e.attr("itemprop");
        if (author == null && prop.equals("author")) {
          Element name = e.selectFirst("[itemprop=name]");
          author = name != null ? name : e;
        } else if (datePublished == null && prop.equals("datePublished")) {
          datePublished = e;
        }
      }
      if (author == null && e.nameIs("a") && e.attr("rel").equals("author")) {
        author = e;
      }
      if (authorByClass == null && !e.className().isEmpty()) {
        String cls = e.className();
        if (cls.contains("author") || cls.contains("byline")) {
          authorByClass = e;
        }
      }
      if (time == null && e.nameIs("time") && e.hasAttr("datetime")) {
        time = e;
      }
    }

    String author() {
      if (author != null) {
        String s = author.text();
        return s.length() <= MAX_AUTHOR ? s : null;
      }
      if (authorByClass == null) {
        return null;
      }
      // A "byline" box often runs on into the date: keep the words before the first digit.
      String s = beforeDate(authorByClass.text()).strip();
      return s.isEmpty() || s.length() > 60 || s.split(" ").length > 8 ? null : s;
    }

    String datePublished() {
      Element e = datePublished;
      return e == null ? null : first(e.attr("content"), e.attr("datetime"), e.text());
    }

    String time() {
      return time == null ? null : time.attr("datetime");
    }
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

  /**
   * Returns {@code s} up to the separators ({@code , | · • – -} and white space) before its first
   * digit: "Jane Doe | 12 May 2024" becomes "Jane Doe". A plain scan, since a regex doing this
   * backtracks quadratically over a long run of separators with no digit after it.
   */
  static String beforeDate(String s) {
    int d = 0;
    while (d < s.length() && (s.charAt(d) < '0' || s.charAt(d) > '9')) {
      d++;
    }
    if (d == s.length()) {
      return s;
    }
    int start = d;
    while (start > 0 && isBylineSeparator(s.charAt(start - 1))) {
      start--;
    }
    return s.substring(0, start);
  }

  private static boolean isBylineSeparator(char c) {
    // The characters of the regex class [\\s,|·•–-] it replaces.
    return " \t\n\u000B\f\r,|·•–-".indexOf(c) >= 0;
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
    // The repeated group recurses once per subtag in java.util.regex: bound it first.
    if (s.length() > MAX_LANGUAGE || !LANGUAGE.matcher(s).matches()) {
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

  /**
   * Returns where a {@code <meta http-equiv="refresh" content="N; url=…">} sends the reader within
   * {@link #MAX_REFRESH_SECONDS} (a redirect page, not a page that reloads itself every few
   * minutes): an absolute http(s) URL other than the page's own, or {@code null}. The content is
   * read as the HTML standard's declarative refresh: a delay, then {@code ;} or {@code ,}, then an
   * optional {@code url=} and the URL, quoted or not.
   */
  static String refresh(Document doc, String content) {
    if (content == null) {
      return null;
    }
    Matcher m = REFRESH.matcher(content);
    if (!m.matches() || m.group(2).isBlank()) {
      return null;
    }
    double delay;
    try {
      delay = Double.parseDouble(m.group(1));
    } catch (NumberFormatException e) {
      return null;
    }
    if (delay > MAX_REFRESH_SECONDS) {
      return null;
    }
    String target = m.group(2).strip();
    if (target.length() > 1 && (target.charAt(0) == '"' || target.charAt(0) == '\'')) {
      int end = target.indexOf(target.charAt(0), 1);
      target = end < 0 ? target.substring(1) : target.substring(1, end);
    }
    String url = absolute(doc, target);
    if (url == null || url.equals(doc.location())) {
      return null;
    }
    String scheme = URI.create(url).getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("http") || scheme.equals("https") ? url : null;
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
