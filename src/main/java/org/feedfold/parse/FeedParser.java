package org.feedfold.parse;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import org.feedfold.model.ParsedFeed;
import org.feedfold.sanitize.Sanitizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1 bytes into a {@link ParsedFeed}.
 *
 * <p>The pipeline is: detect the charset ({@link CharsetDetector}: BOM, HTTP charset, XML
 * declaration, fallbacks), repair undeclared HTML entities and bare ampersands ({@link XmlRepair}),
 * parse strictly with DTDs and external entities off, and when that fails parse again with a
 * recovering reader that still yields the entries of truncated or broken documents. {@code
 * recovered} is true when the strict parse failed or the repair had to change the document (the
 * cases Python feedparser calls "bozo"). Relative URLs resolve against {@code xml:base}, {@code
 * Content-Location} and the document URL; HTML is sanitised; dates are UTC.
 *
 * <p>Thread-safe; one instance may serve all threads. Bodies over {@link #MAX_BODY_BYTES} are
 * refused; feeds over {@link FeedMapper#MAX_ENTRIES} entries, titles over {@link #MAX_TITLE_CHARS}
 * characters and elements nested deeper than 256 levels are cut, and each cut is logged with the
 * feed URL. Control characters (NUL and the rest of C0 but tab and line breaks) are removed before
 * parsing, so none reaches a caller. External DTDs and entities are never loaded.
 */
public final class FeedParser {
  /** Largest body accepted, in bytes (64 MiB). */
  public static final int MAX_BODY_BYTES = 64 << 20;

  /** Longest feed or entry title kept, in characters; longer ones are cut and logged. */
  public static final int MAX_TITLE_CHARS = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(FeedParser.class);
  private final StrictXmlReader strict = new StrictXmlReader();

  /**
   * Returns the instant a date as feeds write it denotes: RFC 822/1123 ({@code Wed, 08 Dec 1999
   * 16:23:00 GMT}) and its common mistakes, W3CDTF and ISO 8601 (without an offset: UTC), and the
   * other forms {@link DateParser} reads; {@code null} if {@code s} is empty or unreadable. Never
   * guesses. Thread-safe.
   */
  public static Instant parseDate(String s) {
    return DateParser.parse(s);
  }

  /**
   * Parses {@code body}, fetched as described by {@code source}.
   *
   * @throws FeedParseException when the body is too large or no path finds a document in it
   */
  public ParsedFeed parse(byte[] body, FeedSource source) throws FeedParseException {
    if (body == null || source == null) {
      throw new NullPointerException("body and source are required");
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new FeedParseException("feed larger than " + MAX_BODY_BYTES + " bytes", 0, 0, null);
    }
    CharsetDetector.Decoded decoded = CharsetDetector.decode(body, source.contentType());
    String text = InputLimits.withoutControls(decoded.text());
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      // A server that answers 200 with nothing ("Premature end of file" says less).
      throw new FeedParseException("the body is empty", 0, 0, null);
    }
    URI base = documentBase(source);
    if (JsonFeedReader.looksLikeJson(text)) {
      try {
        FeedMapper.Result r = JsonFeedReader.read(text, base, source.url());
        return new ParsedFeed(
            r.version(), decoded.encoding(), false, r.feed(), EntryIds.disambiguate(r.entries()));
      } catch (IOException | IllegalArgumentException e) {
        throw new FeedParseException("not a JSON feed: " + e.getMessage(), 0, 0, e);
      }
    }
    String repaired = XmlRepair.repair(text);
    boolean recovered = repaired != text && !text.endsWith(repaired);
    XmlNode root;
    try {
      root = strict.read(repaired);
    } catch (SAXException | IOException e) {
      LOG.debug("strict XML parse failed, recovering: {}", e.getMessage());
      root = new LenientXmlReader().read(repaired);
      recovered = true;
      if (root == null) {
        int line = e instanceof SAXParseException p ? Math.max(0, p.getLineNumber()) : 0;
        int col = e instanceof SAXParseException p ? Math.max(0, p.getColumnNumber()) : 0;
        throw new FeedParseException("no feed document found: " + e.getMessage(), line, col, e);
      }
    }
    if (root.flattened) {
      InputLimits.depthCut(source.url());
    }
    FeedMapper.Result r = new FeedMapper(source.url()).map(root, base, doctypeVersion(text));
    return new ParsedFeed(
        r.version(), decoded.encoding(), recovered, r.feed(), EntryIds.disambiguate(r.entries()));
  }

  private static URI documentBase(FeedSource source) {
    URI url = blankToNull(source.url());
    URI location = blankToNull(source.contentLocation());
    if (location == null) {
      return url;
    }
    return url == null ? location : Sanitizer.base(url, location.toString());
  }

  private static URI blankToNull(URI uri) {
    return uri == null || uri.toString().isBlank() ? null : uri;
  }

  /** Netscape's RSS 0.91 is told apart from UserLand's only by its DOCTYPE. */
  private static String doctypeVersion(String text) {
    int d = text.substring(0, Math.min(text.length(), 2048)).indexOf("<!DOCTYPE");
    if (d < 0) {
      return null;
    }
    int end = text.indexOf('>', d);
    String decl = text.substring(d, end < 0 ? text.length() : end).toLowerCase(Locale.ROOT);
    return decl.contains("netscape") ? "rss091n" : null;
  }
}
