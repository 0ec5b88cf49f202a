package org.feedfold.sanitize;

import java.net.URI;
import java.util.Locale;
import org.jsoup.parser.Parser;

/**
 * Sanitises an HTML fragment (from a feed, a page or an import) and resolves its relative URIs in
 * one streaming pass: elements and attributes outside {@link SanitizerPolicy} are removed (script,
 * style and applet with their content; others keeping their text), {@code style} goes through
 * {@link CssSanitizer}, and URI attributes are resolved against the base and emptied when their
 * scheme could run code.
 *
 * <p>Works on tags as written rather than on a rebuilt DOM, so markup that is merely unbalanced
 * keeps its shape, the way feed readers have always shown it. Text is re-escaped, so no raw {@code
 * <} survives outside a tag this class wrote. Thread-safe (stateless).
 */
final class HtmlSanitizer {
  private HtmlSanitizer() {}

  /** Returns the safe form of {@code html}; {@code base} may be {@code null}. */
  static String sanitize(String html, URI base) {
    if (html.indexOf('<') < 0 && html.indexOf('&') < 0 && html.indexOf('>') < 0) {
      return html.strip();
    }
    StringBuilder out = new StringBuilder(html.length());
    // Counts open script/style/applet elements; text shows only at zero. A stray end tag makes it
    // negative, as in feedparser, so text is never shown that feedparser would hide.
    int dropDepth = 0;
    ForeignContent foreign = new ForeignContent();
    int i = 0;
    int n = html.length();
    while (i < n) {
      int lt = html.indexOf('<', i);
      if (lt < 0) {
        lt = n;
      }
      if (lt > i && dropDepth == 0) {
        appendText(out, html, i, lt);
      }
      if (lt >= n) {
        break;
      }
      if (html.startsWith("<!--", lt)) {
        int end = html.indexOf("-->", lt + 4);
        // An unclosed comment hides the rest of the document: drop it rather than show markup.
        i = end < 0 ? n : end + 3;
        continue;
      }
      char next = lt + 1 < n ? html.charAt(lt + 1) : ' ';
      if (next == '!' || next == '?') {
        int end = html.indexOf('>', lt);
        boolean declaration =
            end > 0
                && !html.startsWith("<![CDATA[", lt)
                && lt + 2 < n
                && (next == '?' || Character.isLetter(html.charAt(lt + 2)));
        if (declaration) {
          i = end + 1;
        } else {
          if (dropDepth == 0) {
            out.append("&lt;");
          }
          i = lt + 1;
        }
        continue;
      }
      boolean closing = next == '/';
      int nameStart = closing ? lt + 2 : lt + 1;
      if (nameStart >= n || !Character.isLetter(html.charAt(nameStart))) {
        if (dropDepth == 0) {
          out.append("&lt;");
        }
        i = lt + 1;
        continue;
      }
      int tagEnd = findTagEnd(html, nameStart);
      int nameEnd = nameStart;
      while (nameEnd < tagEnd && isNameChar(html.charAt(nameEnd))) {
        nameEnd++;
      }
      String name = html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
      boolean selfClosing = tagEnd > nameEnd && html.charAt(tagEnd - 1) == '/';
      i = tagEnd < n ? tagEnd + 1 : n;
      if (SanitizerPolicy.DROP_WITH_CONTENT.contains(name)) {
        if (closing) {
          dropDepth--;
        } else if (!selfClosing) {
          dropDepth++;
        }
        continue;
      }
      int attrEnd = selfClosing ? tagEnd - 1 : tagEnd;
      if (closing) {
        String tag = foreign.end(name);
        if (tag != null && !SanitizerPolicy.VOID.contains(tag)) {
          out.append("</").append(tag).append('>');
        }
        continue;
      }
      String tag = foreign.start(name, html.substring(nameEnd, Math.max(nameEnd, attrEnd)));
      if (tag == null) {
        continue;
      }
      out.append('<').append(tag);
      appendAttributes(out, html, nameEnd, attrEnd, base, foreign);
      if (foreign.implicitXmlns() != null) {
        out.append(" xmlns=\"").append(foreign.implicitXmlns()).append('"');
      }
      // Like feedparser, a self-closed non-void element is written as a start tag only.
      out.append(SanitizerPolicy.VOID.contains(tag) ? " />" : ">");
    }
    return out.toString().strip();
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == ':' || c == '_' || c == '.';
  }

  /** Returns the index of the {@code >} ending the tag, skipping quoted values; or the end. */
  private static int findTagEnd(String html, int from) {
    char quote = 0;
    for (int j = from; j < html.length(); j++) {
      char c = html.charAt(j);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        // Only a quote right after '=' opens a value; stray quotes elsewhere are text.
        int k = j - 1;
        while (k > from && Character.isWhitespace(html.charAt(k))) {
          k--;
        }
        if (html.charAt(k) == '=') {
          quote = c;
        }
      } else if (c == '>') {
        return j;
      }
    }
    return html.length();
  }

  private static void appendAttributes(
      StringBuilder out, String html, int from, int to, URI base, ForeignContent foreign) {
    boolean xlinkUsed = false;
    boolean xlinkDeclared = false;
    int j = from;
    while (j < to) {
      char c = html.charAt(j);
      if (Character.isWhitespace(c) || c == '/') {
        j++;
        continue;
      }
      int keyStart = j;
      while (j < to
          && !Character.isWhitespace(html.charAt(j))
          && html.charAt(j) != '='
          && html.charAt(j) != '/') {
        j++;
      }
      String key = html.substring(keyStart, j).toLowerCase(Locale.ROOT);
      while (j < to && Character.isWhitespace(html.charAt(j))) {
        j++;
      }
      String value = key;
      if (j < to && html.charAt(j) == '=') {
        j++;
        while (j < to && Character.isWhitespace(html.charAt(j))) {
          j++;
        }
        if (j < to && (html.charAt(j) == '"' || html.charAt(j) == '\'')) {
          char q = html.charAt(j);
          int end = html.indexOf(q, j + 1);
          if (end < 0 || end > to) {
            end = to;
          }
          value = html.substring(j + 1, end);
          j = end + 1;
        } else {
          int vs = j;
          while (j < to && !Character.isWhitespace(html.charAt(j))) {
            j++;
          }
          value = html.substring(vs, j);
        }
        value = Parser.unescapeEntities(value, true);
      }
      String clean =
          foreign.active() ? foreign.attribute(key, value, base) : cleanAttribute(key, value, base);
      key = foreign.attributeName(key);
      if (clean != null) {
        xlinkUsed |= key.startsWith("xlink:");
        xlinkDeclared |= key.equals("xmlns:xlink");
        out.append(' ').append(key).append("=\"");
        escape(out, clean, true);
        out.append('"');
      }
    }
    if (xlinkUsed && !xlinkDeclared) {
      out.append(" xmlns:xlink=\"").append(ForeignContent.XLINK).append('"');
    }
  }

  private static String cleanAttribute(String key, String value, URI base) {
    if (key.equals("style")) {
      String css = CssSanitizer.clean(value, false);
      return css.isEmpty() ? null : css;
    }
    if (!SanitizerPolicy.ATTRIBUTES.contains(key)) {
      return null;
    }
    if (SanitizerPolicy.URI_ATTRIBUTES.contains(key)) {
      return UriResolver.resolve(base, value);
    }
    if (key.equals("rel") || key.equals("type")) {
      return value.toLowerCase(Locale.ROOT);
    }
    return value;
  }

  /** Appends text, keeping well-formed character references and escaping everything else. */
  private static void appendText(StringBuilder out, String s, int from, int to) {
    int run = from;
    for (int j = from; j < to; j++) {
      char c = s.charAt(j);
      if (c != '&' && c != '<' && c != '>') {
        continue;
      }
      out.append(s, run, j);
      if (c == '&') {
        out.append(isReference(s, j, to) ? "&" : "&amp;");
      } else {
        out.append(c == '<' ? "&lt;" : "&gt;");
      }
      run = j + 1;
    }
    out.append(s, run, to);
  }

  private static boolean isReference(String s, int amp, int to) {
    int j = amp + 1;
    if (j < to && s.charAt(j) == '#') {
      j++;
      if (j < to && (s.charAt(j) == 'x' || s.charAt(j) == 'X')) {
        j++;
      }
    }
    int start = j;
    while (j < to && j - start < 32 && Character.isLetterOrDigit(s.charAt(j))) {
      j++;
    }
    return j > start && j < to && s.charAt(j) == ';';
  }

  static void escape(StringBuilder out, String s, boolean attribute) {
    for (int j = 0; j < s.length(); j++) {
      char c = s.charAt(j);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        default -> out.append(c);
      }
    }
  }
}
