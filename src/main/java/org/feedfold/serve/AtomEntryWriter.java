package org.feedfold.serve;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.jdom2.output.Format;

/**
 * Writes a story's Atom entry (RFC 4287 §4.1.2) as text directly, byte for byte as {@link
 * AtomRenderer} has Rome build it and JDOM's pretty printer write it, without either: Rome's bean,
 * its generator and JDOM's tree cost most of a page's render after a commit (issue 11).
 *
 * <p>What it writes is what Rome and JDOM write for the same story: the elements in Rome's order
 * ({@code title}, the alternate link, the related links, {@code id}, {@code updated}, {@code
 * published}, {@code content}, {@code source}), attributes in Rome's order ({@code rel}, {@code
 * type}, {@code href}, {@code title}), indented two spaces a level with JDOM's line separator,
 * element text trimmed of XML white space as JDOM's {@code TextMode.TRIM} does and escaped as its
 * UTF-8 strategy does ({@code & < >}; a carriage return as {@code &#xD;}; a line feed as the line
 * separator; a character outside the BMP as a hexadecimal reference), attribute values escaped
 * likewise ({@code "} too, and tab, line feed and carriage return as references). Where JDOM might
 * write otherwise or refuse, it writes nothing and returns {@code null}, so that the caller has
 * Rome write that entry: a character XML 1.0 does not allow (Rome's JDOM refuses it), an element
 * whose trimmed text is empty (JDOM writes it as an empty element), or a story without an update
 * time (its {@code updated} then goes last). Pure and thread-safe.
 */
final class AtomEntryWriter {
  /** JDOM's pretty printer's line separator, which {@link AtomRenderer} writes with. */
  static final String NL = Format.getPrettyFormat().getLineSeparator();

  private AtomEntryWriter() {}

  /**
   * Returns {@code story}'s entry as {@code AtomRenderer.entryText} does: the text from {@code
   * <entry>} (indented as a child of the feed element) through its line separator, split around the
   * text of its {@code updated}; or {@code null} where Rome must write it (see the class comment).
   */
  static String[] write(Story story) {
    if (story.updated() == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(4096);
    out.append("  <entry>").append(NL);
    if (!element(out, "    ", "title", story.title() == null ? "(untitled)" : story.title())) {
      return null;
    }
    String url = Hrefs.of(story.url());
    if (url != null && !link(out, "    ", "alternate", url, null)) {
      return null;
    }
    StoryMember first = null;
    for (StoryMember m : story.articles()) {
      String memberUrl = Hrefs.of(m.url());
      if (memberUrl != null && !link(out, "    ", "related", memberUrl, StoryHtml.outlet(m))) {
        return null;
      }
      if (m.original()) {
        first = m;
      }
    }
    if (!element(out, "    ", "id", FeedView.entryId(story))) {
      return null;
    }
    out.append("    <updated>");
    String head = out.toString();
    out.setLength(0);
    out.append("</updated>").append(NL);
    if (story.firstSeen() != null) {
      element(out, "    ", "published", AtomRenderer.w3c(story.firstSeen()));
    }
    out.append("    <content type=\"html\">");
    if (!text(out, StoryHtml.render(story))) {
      return null;
    }
    out.append("</content>").append(NL);
    if (first != null && !source(out, story, first)) {
      return null;
    }
    out.append("  </entry>").append(NL);
    return new String[] {head, out.toString()};
  }

  /** Writes RFC 4287 §4.2.11's {@code <source>} as {@code AtomRenderer} has Rome build it. */
  private static boolean source(StringBuilder out, Story story, StoryMember first) {
    String outlet = StoryHtml.outlet(first);
    out.append("    <source>").append(NL);
    if (!element(out, "      ", "title", outlet)) {
      return false;
    }
    String firstUrl = Hrefs.of(first.url());
    if (firstUrl != null && !link(out, "      ", "alternate", firstUrl, null)) {
      return false;
    }
    String id =
        "urn:feedfold:outlet:"
            + URLEncoder.encode(outlet, StandardCharsets.UTF_8).replace("+", "%20");
    if (!element(out, "      ", "id", id)) {
      return false;
    }
    Instant at = first.published() != null ? first.published() : story.firstSeen();
    if (at != null) {
      element(out, "      ", "updated", AtomRenderer.w3c(at));
    }
    out.append("    </source>").append(NL);
    return true;
  }

  /** Writes {@code <name>value</name>} on a line of its own; false where Rome must write it. */
  private static boolean element(StringBuilder out, String indent, String name, String value) {
    out.append(indent).append('<').append(name).append('>');
    if (!text(out, value)) {
      return false;
    }
    out.append("</").append(name).append('>').append(NL);
    return true;
  }

  /** Writes a link with Rome's attributes in Rome's order; false where Rome must write it. */
  private static boolean link(
      StringBuilder out, String indent, String rel, String href, String title) {
    out.append(indent).append("<link rel=\"").append(rel).append("\" type=\"text/html\" href=\"");
    if (!attribute(out, href)) {
      return false;
    }
    out.append('"');
    if (title != null) {
      out.append(" title=\"");
      if (!attribute(out, title)) {
        return false;
      }
      out.append('"');
    }
    out.append(" />").append(NL);
    return true;
  }

  /**
   * Appends {@code value} trimmed and escaped as JDOM writes an element's only text in {@code
   * TextMode.TRIM}; false when the trimmed text is empty or holds a character XML does not allow.
   */
  private static boolean text(StringBuilder out, String value) {
    int from = 0;
    int to = value.length();
    while (from < to && xmlSpace(value.charAt(from))) {
      from++;
    }
    while (to > from && xmlSpace(value.charAt(to - 1))) {
      to--;
    }
    if (from == to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '\r' -> out.append("&#xD;");
        case '\n' -> out.append(NL);
        default -> {
          int taken = plain(out, value, i, to);
          if (taken == 0) {
            return false;
          }
          i += taken - 1;
        }
      }
    }
    return true;
  }

  /** Appends {@code value} escaped as JDOM writes an attribute; false for a character XML bars. */
  private static boolean attribute(StringBuilder out, String value) {
    int to = value.length();
    for (int i = 0; i < to; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\t' -> out.append("&#x9;");
        case '\n' -> out.append("&#xA;");
        case '\r' -> out.append("&#xD;");
        default -> {
          int taken = plain(out, value, i, to);
          if (taken == 0) {
            return false;
          }
          i += taken - 1;
        }
      }
    }
    return true;
  }

  /**
   * Appends the character at {@code i} of {@code value} (before {@code to}) that needs no entity:
   * as is, or a surrogate pair as a hexadecimal reference, as JDOM's UTF-8 strategy does. Returns
   * the chars taken (1 or 2), 0 for a character XML 1.0 §2.2 does not allow.
   */
  private static int plain(StringBuilder out, String value, int i, int to) {
    char c = value.charAt(i);
    if (c >= 0x20 && c <= 0xD7FF || c == '\t' || c >= 0xE000 && c <= 0xFFFD) {
      out.append(c);
      return 1;
    }
    if (Character.isHighSurrogate(c)
        && i + 1 < to
        && Character.isLowSurrogate(value.charAt(i + 1))) {
      out.append("&#x")
          .append(Integer.toHexString(Character.toCodePoint(c, value.charAt(i + 1))))
          .append(';');
      return 2;
    }
    return 0;
  }

  /** XML white space (XML 1.0 §2.3), which JDOM's {@code TextMode.TRIM} trims. */
  private static boolean xmlSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
