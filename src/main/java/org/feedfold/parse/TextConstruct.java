package org.feedfold.parse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.feedfold.sanitize.SafeHtml;
import org.feedfold.sanitize.Sanitizer;

/**
 * Turns an element holding human-readable text (a title, summary or content) into a string: decodes
 * Atom 0.3 {@code mode="base64"}, serialises inline XHTML (without Atom 1.0's wrapping {@code div},
 * RFC 4287 section 3.1.1.3), and returns HTML sanitised with relative URIs resolved against the
 * element's base, or plain text as written.
 *
 * <p>Thread-safe (stateless).
 */
final class TextConstruct {
  /** What a construct holds when its element says nothing; RSS guesses, Atom declares. */
  enum Default {
    TEXT,
    HTML,
    GUESS
  }

  private static final Pattern CLOSING_TAG = Pattern.compile("</(\\w+)>");
  private static final Pattern ENTITY = Pattern.compile("&#?\\w+;");
  private static final Pattern START_TAG = Pattern.compile("<(\\w+)");

  private TextConstruct() {}

  /** Returns the value of {@code node} as sanitised HTML or plain text; {@code null} if none. */
  static String value(XmlNode node, Default def, Map<XmlNode, URI> bases, boolean atom10) {
    Raw r = raw(node, def, bases, atom10);
    if (r == null) {
      return null;
    }
    return r.html() ? Sanitizer.html(r.value(), r.base()).html() : r.value().strip();
  }

  /**
   * Returns the value of {@code node} as HTML to display: sanitised if the construct holds HTML,
   * escaped if it holds plain text; {@code null} if none.
   */
  static SafeHtml html(XmlNode node, Default def, Map<XmlNode, URI> bases, boolean atom10) {
    Raw r = raw(node, def, bases, atom10);
    if (r == null) {
      return null;
    }
    return r.html() ? Sanitizer.html(r.value(), r.base()) : Sanitizer.text(r.value());
  }

  /** Is a construct's decoded value, whether it is HTML, and the base its URIs resolve against. */
  private record Raw(String value, boolean html, URI base) {}

  private static Raw raw(XmlNode node, Default def, Map<XmlNode, URI> bases, boolean atom10) {
    if (node == null) {
      return null;
    }
    URI base = bases.get(node);
    String type = lower(node.attr("type"));
    String mode = lower(node.attr("mode"));
    boolean inlineXml =
        type.equals("xhtml")
            || type.equals("application/xhtml+xml")
            || mode.equals("xml") && node.hasElementChildren()
            || node.hasElementChildren() && !type.equals("text") && !type.equals("text/plain");
    String raw;
    boolean html;
    if (inlineXml) {
      raw =
          serializeChildren(
              node, atom10 && (type.equals("xhtml") || type.equals("application/xhtml+xml")));
      html = true;
    } else {
      raw = node.text();
      if (mode.equals("base64") || isBinaryType(type)) {
        raw = decodeBase64(raw);
      }
      if (type.equals("html") || type.equals("text/html") || mode.equals("escaped")) {
        html = !type.equals("text/plain") && !type.equals("text");
      } else if (type.equals("text") || type.equals("text/plain")) {
        html = false;
      } else if (!type.isEmpty()) {
        html = type.contains("html");
      } else {
        html =
            switch (def) {
              case HTML -> true;
              case TEXT -> false;
              case GUESS -> looksLikeHtml(raw);
            };
      }
    }
    return new Raw(raw, html, base);
  }

  private static boolean isBinaryType(String type) {
    return !type.isEmpty()
        && type.contains("/")
        && !type.startsWith("text/")
        && !type.endsWith("xml")
        && !type.contains("html");
  }

  private static String lower(String s) {
    return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
  }

  /** Says whether plain RSS text is really HTML: it closes a tag or uses a character reference. */
  static boolean looksLikeHtml(String s) {
    if (!CLOSING_TAG.matcher(s).find() && !ENTITY.matcher(s).find()) {
      return false;
    }
    var m = START_TAG.matcher(s);
    while (m.find()) {
      String tag = m.group(1).toLowerCase(Locale.ROOT);
      if (!Sanitizer.isAllowedElement(tag)) {
        return false;
      }
    }
    return true;
  }

  private static String decodeBase64(String s) {
    try {
      return new String(Base64.getMimeDecoder().decode(s.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** Serialises the element's children as HTML; drops a lone wrapping XHTML div if asked. */
  static String serializeChildren(XmlNode node, boolean unwrapDiv) {
    XmlNode container = node;
    if (unwrapDiv) {
      XmlNode onlyDiv = null;
      for (Object c : node.children) {
        if (c instanceof XmlNode el) {
          if (onlyDiv != null || !el.local.equalsIgnoreCase("div")) {
            onlyDiv = null;
            break;
          }
          onlyDiv = el;
        } else if (!((String) c).isBlank()) {
          onlyDiv = null;
          break;
        }
      }
      if (onlyDiv != null) {
        container = onlyDiv;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (Object c : container.children) {
      write(sb, c);
    }
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object c) {
    if (c instanceof String s) {
      Sanitizer.escape(sb, s, false);
      return;
    }
    XmlNode el = (XmlNode) c;
    sb.append('<').append(el.local);
    String parentNs = el.parent == null ? "" : el.parent.ns;
    if (!el.ns.equals(parentNs) && !el.ns.isEmpty() && !el.ns.equals(Namespaces.XHTML)) {
      sb.append(" xmlns=\"").append(el.ns).append('"');
    }
    for (Map.Entry<String, String> a : el.attrs.entrySet()) {
      if (a.getKey().startsWith("xmlns")) {
        continue;
      }
      sb.append(' ').append(a.getKey()).append("=\"");
      Sanitizer.escape(sb, a.getValue(), true);
      sb.append('"');
    }
    if (el.children.isEmpty() && Sanitizer.isVoidElement(el.local.toLowerCase(Locale.ROOT))) {
      sb.append(" />");
      return;
    }
    sb.append('>');
    for (Object cc : el.children) {
      write(sb, cc);
    }
    sb.append("</").append(el.local).append('>');
  }
}
