package org.feedfold.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Edits the text of an OPML document in place, so that a rewrite changes the outlines it is about
 * and leaves every other byte (line endings, indentation, comments, attribute quoting, the XML
 * declaration) as the user wrote it (issue 10). A DOM would normalise all of that.
 *
 * <p>A pure function of the text. The text must be well-formed XML without a DOCTYPE ({@link
 * OpmlCheck} has passed it); on other input the positions found are meaningless. One unit, not
 * split, because the scanner's positions and the edits that use them only make sense together. Not
 * thread-safe; cheap to create.
 */
final class OpmlText {
  /** Is one element: where its start tag, content and end tag are, and its raw attributes. */
  static final class Element {
    final String name;
    final int start;
    final int startEnd;
    final Element parent;
    final List<String[]> attributes;
    final List<Element> children = new ArrayList<>();
    int endTagStart;
    int end;

    Element(String name, int start, int startEnd, Element parent, List<String[]> attributes) {
      this.name = name;
      this.start = start;
      this.startEnd = startEnd;
      this.parent = parent;
      this.attributes = attributes;
    }

    boolean selfClosing() {
      return endTagStart < 0;
    }

    /** Returns the raw attribute as written, {@code {name, quote, value}}, or {@code null}. */
    String[] raw(String attribute) {
      for (String[] a : attributes) {
        if (a[0].equals(attribute)) {
          return a;
        }
      }
      return null;
    }

    /** Returns the attribute's value with entities decoded, or {@code null}. */
    String value(String attribute) {
      String[] a = raw(attribute);
      return a == null ? null : unescape(a[2]);
    }

    /** Returns whether this is an outline that names a feed. */
    boolean isFeed() {
      String url = value("xmlUrl");
      return name.equals("outline") && url != null && !url.isBlank();
    }
  }

  /** Is an outline to write: its attributes, already escaped, and its children (for a folder). */
  record NewOutline(List<String[]> attributes, List<NewOutline> children) {}

  final String text;
  final Element root;
  private final List<Element> all = new ArrayList<>();
  private final String eol;

  OpmlText(String text) {
    this.text = text;
    this.root = scan();
    this.eol = text.contains("\r\n") ? "\r\n" : "\n";
  }

  /** Returns every element in document order. */
  List<Element> elements() {
    return all;
  }

  /** Returns the {@code <body>} element, or {@code null} if there is none. */
  Element body() {
    for (Element e : root == null ? List.<Element>of() : root.children) {
      if (e.name.equals("body")) {
        return e;
      }
    }
    return null;
  }

  /** Returns the 1-based line on which {@code offset} lies. */
  int line(int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * Returns the text without {@code removed} elements: an element alone on its line goes with its
   * line; one that shares it goes with the blanks after it.
   */
  String remove(List<Element> removed) {
    StringBuilder out = new StringBuilder(text);
    for (int i = removed.size() - 1; i >= 0; i--) {
      Element e = removed.get(i);
      if (insideAnother(e, removed)) {
        continue; // goes with the element around it
      }
      int from = e.start;
      int to = e.end;
      int lineStart = lineStart(e.start);
      int lineEnd = lineEnd(e.end);
      if (blank(lineStart, e.start) && blank(e.end, lineEnd)) {
        from = lineStart;
        to = Math.min(text.length(), lineEnd + 1);
      } else {
        while (to < text.length() && (text.charAt(to) == ' ' || text.charAt(to) == '\t')) {
          to++;
        }
      }
      out.delete(from, to);
    }
    return out.toString();
  }

  private static boolean insideAnother(Element e, List<Element> removed) {
    for (Element p = e.parent; p != null; p = p.parent) {
      if (removed.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the text with the raw value of {@code e}'s attribute {@code name} replaced. */
  String replaceAttribute(Element e, String name, String escapedValue) {
    String[] a = e.raw(name);
    String tag = text.substring(e.start, e.startEnd);
    String old = name + "=" + a[1] + a[2] + a[1];
    int at = tag.indexOf(old);
    if (at < 0) {
      // Blanks around '='; rare enough to rewrite the attribute's spelling.
      int nameAt = tag.indexOf(" " + name) + 1;
      int valueEnd = tag.indexOf(a[1], tag.indexOf(a[1], nameAt) + 1) + 1;
      return text.substring(0, e.start + nameAt)
          + name
          + "=\""
          + escapedValue
          + "\""
          + text.substring(e.start + valueEnd);
    }
    String value = a[1].equals("'") ? escapedValue.replace("'", "&apos;") : escapedValue;
    return text.substring(0, e.start + at)
        + name
        + "="
        + a[1]
        + value
        + a[1]
        + text.substring(e.start + at + old.length());
  }

  /**
   * Returns the text with {@code outlines} added as the last children of {@code parent}, each on
   * its own line, indented like their siblings, with the document's line ending.
   */
  String append(Element parent, List<NewOutline> outlines) {
    String parentIndent = indentOf(parent);
    String unit = indentUnit(parent, parentIndent);
    String childIndent = parentIndent + unit;
    for (Element c : parent.children) {
      if (blank(lineStart(c.start), c.start)) {
        childIndent = text.substring(lineStart(c.start), c.start);
      }
    }
    StringBuilder lines = new StringBuilder();
    for (NewOutline o : outlines) {
      render(o, childIndent, unit, lines);
    }
    if (parent.selfClosing()) {
      int slash = text.lastIndexOf('/', parent.startEnd - 1);
      int cut = slash;
      while (cut > parent.start && Character.isWhitespace(text.charAt(cut - 1))) {
        cut--;
      }
      return text.substring(0, cut)
          + ">"
          + eol
          + lines
          + parentIndent
          + "</"
          + parent.name
          + ">"
          + text.substring(parent.startEnd);
    }
    int closeLine = lineStart(parent.endTagStart);
    if (blank(closeLine, parent.endTagStart)) {
      return text.substring(0, closeLine) + lines + text.substring(closeLine);
    }
    return text.substring(0, parent.endTagStart)
        + eol
        + lines
        + (blank(lineStart(parent.start), parent.start) ? parentIndent : "")
        + text.substring(parent.endTagStart);
  }

  private void render(NewOutline o, String indent, String unit, StringBuilder out) {
    out.append(indent).append("<outline");
    for (String[] a : o.attributes()) {
      out.append(' ').append(a[0]).append('=').append(a[1]).append(a[2]).append(a[1]);
    }
    if (o.children().isEmpty()) {
      out.append("/>").append(eol);
      return;
    }
    out.append('>').append(eol);
    for (NewOutline c : o.children()) {
      render(c, indent + unit, unit, out);
    }
    out.append(indent).append("</outline>").append(eol);
  }

  private String indentOf(Element e) {
    int ls = lineStart(e.start);
    return blank(ls, e.start) ? text.substring(ls, e.start) : "";
  }

  /** Returns one level of indentation as the document writes it: a tab, or two spaces. */
  private String indentUnit(Element parent, String parentIndent) {
    for (Element c : parent.children) {
      String ci = indentOf(c);
      if (ci.length() > parentIndent.length() && ci.startsWith(parentIndent)) {
        return ci.substring(parentIndent.length());
      }
    }
    for (Element e : all) {
      String ei = indentOf(e);
      if (!ei.isEmpty()) {
        return ei.startsWith("\t") ? "\t" : "  ";
      }
    }
    return "  ";
  }

  private int lineStart(int offset) {
    return text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Returns the offset of the {@code \n} ending the line of {@code offset}, or the text's end. */
  private int lineEnd(int offset) {
    int nl = text.indexOf('\n', offset);
    return nl < 0 ? text.length() : nl;
  }

  private boolean blank(int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Scans the elements, skipping comments, CDATA sections and processing instructions. */
  private Element scan() {
    Element top = null;
    Element current = null;
    int i = 0;
    int n = text.length();
    while (i < n) {
      int lt = text.indexOf('<', i);
      if (lt < 0) {
        break;
      }
      if (text.startsWith("<!--", lt)) {
        i = skipPast("-->", lt + 4);
      } else if (text.startsWith("<![CDATA[", lt)) {
        i = skipPast("]]>", lt + 9);
      } else if (text.startsWith("<?", lt)) {
        i = skipPast("?>", lt + 2);
      } else if (text.startsWith("<!", lt)) {
        i = skipPast(">", lt + 2);
      } else if (text.startsWith("</", lt)) {
        int gt = skipPast(">", lt + 2);
        if (current != null) {
          current.endTagStart = lt;
          current.end = gt;
          current = current.parent;
        }
        i = gt;
      } else {
        int p = lt + 1;
        int nameEnd = p;
        while (nameEnd < n && !isBreak(text.charAt(nameEnd))) {
          nameEnd++;
        }
        String name = text.substring(p, nameEnd);
        List<String[]> attributes = new ArrayList<>();
        p = nameEnd;
        boolean selfClosing = false;
        while (p < n) {
          char c = text.charAt(p);
          if (Character.isWhitespace(c)) {
            p++;
          } else if (c == '/') {
            selfClosing = true;
            p++;
          } else if (c == '>') {
            p++;
            break;
          } else {
            int eq = text.indexOf('=', p);
            String attribute = text.substring(p, eq).strip();
            int q = eq + 1;
            while (Character.isWhitespace(text.charAt(q))) {
              q++;
            }
            char quote = text.charAt(q);
            int close = text.indexOf(quote, q + 1);
            attributes.add(
                new String[] {attribute, String.valueOf(quote), text.substring(q + 1, close)});
            p = close + 1;
          }
        }
        Element e = new Element(name, lt, p, current, attributes);
        all.add(e);
        if (current != null) {
          current.children.add(e);
        } else if (top == null) {
          top = e;
        }
        if (selfClosing) {
          e.endTagStart = -1;
          e.end = p;
        } else {
          current = e;
        }
        i = p;
      }
    }
    return top;
  }

  private int skipPast(String end, int from) {
    int at = text.indexOf(end, from);
    return at < 0 ? text.length() : at + end.length();
  }

  private static boolean isBreak(char c) {
    return Character.isWhitespace(c) || c == '/' || c == '>';
  }

  /** Escapes {@code value} for a double-quoted attribute. */
  static String escape(String value) {
    StringBuilder b = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\t', '\n', '\r' -> b.append("&#").append((int) c).append(';');
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Decodes the five predefined entities and character references (XML 1.0 section 4.6). */
  static String unescape(String raw) {
    if (raw.indexOf('&') < 0) {
      return raw;
    }
    StringBuilder b = new StringBuilder(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      int semi = c == '&' ? raw.indexOf(';', i) : -1;
      if (semi < 0) {
        b.append(c);
        i++;
        continue;
      }
      String entity = raw.substring(i + 1, semi);
      switch (entity) {
        case "amp" -> b.append('&');
        case "lt" -> b.append('<');
        case "gt" -> b.append('>');
        case "quot" -> b.append('"');
        case "apos" -> b.append('\'');
        default -> {
          String e = entity.toLowerCase(Locale.ROOT);
          try {
            int cp =
                e.startsWith("#x")
                    ? Integer.parseInt(e.substring(2), 16)
                    : Integer.parseInt(e.substring(1));
            b.appendCodePoint(cp);
          } catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
            b.append(raw, i, semi + 1);
          }
        }
      }
      i = semi + 1;
    }
    return b.toString();
  }
}
