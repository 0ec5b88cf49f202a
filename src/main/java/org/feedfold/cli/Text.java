package org.feedfold.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;
import org.feedfold.model.FeedEntry;
import org.feedfold.model.ParsedFeed;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;

/** Prints records for people: short, aligned, one item per line. */
final class Text {
  private Text() {}

  static void printFeed(PrintWriter out, String input, ParsedFeed feed) {
    out.printf(
        Locale.ROOT,
        "%s: %s (%s, %s%s), %d entries%n",
        input,
        nullToEmpty(feed.feed().title()),
        feed.version(),
        feed.encoding(),
        feed.recovered() ? ", recovered" : "",
        feed.entries().size());
    for (FeedEntry e : feed.entries()) {
      out.printf(
          Locale.ROOT,
          "  %s  %s%n    %s%n",
          e.published() == null ? "-" : e.published(),
          nullToEmpty(e.title()),
          e.link());
    }
  }

  /**
   * Returns a search snippet (escaped HTML, matches in {@code <b>}) as terminal text: matches in
   * bold on a terminal, else between {@code **}, entities decoded, on one line.
   */
  static String snippet(String html, boolean terminal) {
    String on = terminal ? "\u001b[1m" : "**";
    String off = terminal ? "\u001b[0m" : "**";
    String marked = html.replace("<b>", on).replace("</b>", off).replace('\n', ' ');
    return unescape(marked);
  }

  /**
   * Prints one story for people: its id, headline and counts on one line, then one aligned row per
   * outlet's article (the original marked {@code *}) with relative times, all within {@code t}'s
   * width.
   */
  static void story(PrintWriter out, Story s, Terminal t, Instant now) {
    String counts =
        s.size()
            + (s.size() == 1 ? " article" : " articles")
            + ", updated "
            + Terminal.ago(s.updated(), now);
    new Table()
        .column(16, t::dim)
        .flexible(t::bold)
        .column(0, t::dim)
        .row(s.id(), s.title(), counts)
        .print(out, t.width());
    Table members =
        new Table().column(1, t::yellow).column(12, t::dim).column(24, t::cyan).flexible(x -> x);
    for (StoryMember m : s.articles()) {
      members.row(
          m.original() ? "*" : " ",
          Terminal.ago(m.published(), now),
          m.source(),
          m.url() == null ? m.title() : m.url());
    }
    StringWriter rows = new StringWriter();
    PrintWriter w = new PrintWriter(rows);
    members.print(w, t.width() - 2);
    w.flush();
    rows.toString().lines().forEach(l -> out.println("  " + l));
  }

  /**
   * Returns the table {@code feeds list} prints: status (green ok, red failing, dim disabled), URL,
   * title, and a note; the note gives way first, then the URL.
   */
  static Table feedsTable(Terminal t) {
    return new Table()
        .column(
            10,
            x -> x.startsWith("ok") ? t.green(x) : x.startsWith("failing") ? t.red(x) : t.dim(x))
        .column(60, x -> x)
        .column(40, t::bold)
        .flexible(t::dim);
  }

  /**
   * Returns a search snippet (escaped HTML, matches in {@code <b>}) as one line of at most {@code
   * width} visible characters: matches bold when {@code t} is styled, else between {@code **};
   * entities decoded, control characters dropped, cut with {@code …}.
   */
  static String snippet(String html, Terminal t, int width) {
    StringBuilder out = new StringBuilder();
    int left = width;
    boolean match = false;
    String[] parts = html.split("</?b>", -1);
    String lead = unescape(parts[0]);
    int keep = width / 3;
    if (parts.length > 1 && lead.length() > keep) {
      // Start shortly before the first match, at a word, so that the match is on the line.
      int from = lead.length() - keep;
      int space = lead.indexOf(' ', from);
      parts[0] = "…" + lead.substring(space < 0 || space > lead.length() - 2 ? from : space + 1);
      parts[0] = parts[0].replace("&", "&amp;").replace("<", "&lt;");
    }
    for (String part : parts) {
      String plain = unescape(part).replaceAll("[\\p{Cntrl}]+", " ");
      int mark = match && !t.styled() ? 4 : 0;
      if (!plain.isEmpty() && left > mark) {
        String cut = Table.cut(plain, left - mark);
        left -= cut.codePointCount(0, cut.length()) + mark;
        out.append(match ? (t.styled() ? t.bold(cut) : "**" + cut + "**") : cut);
        if (!cut.equals(plain)) {
          break;
        }
      }
      match = !match;
    }
    return out.toString().strip();
  }

  /**
   * Windows-1252 characters for references to U+0080..U+009F, as HTML parsers read them (HTML
   * Living Standard, "numeric character reference end state").
   */
  private static final char[] WINDOWS_1252 = {
    '\u20ac', '\u0081', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021',
    '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008d', '\u017d', '\u008f',
    '\u0090', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014',
    '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '\u009d', '\u017e', '\u0178'
  };

  /**
   * Decodes the character references of a search snippet: those the highlighter writes ({@code
   * &amp;amp; &amp;lt; &amp;gt; &amp;quot;}, decimal and hexadecimal ones), and {@code &amp;apos;};
   * as an HTML parser would, so an invalid code point becomes U+FFFD. Anything else is left as it
   * is: the highlighter escapes every {@code &}, so a snippet holds no other reference. Not jsoup's
   * decoder, which loads its whole HTML parser (issue 11, start time).
   */
  static String unescape(String html) {
    int amp = html.indexOf('&');
    if (amp < 0) {
      return html;
    }
    StringBuilder out = new StringBuilder(html.length());
    int from = 0;
    while (amp >= 0) {
      out.append(html, from, amp);
      int semi = html.indexOf(';', amp);
      if (semi >= 0 && reference(html.substring(amp + 1, semi), out)) {
        from = semi + 1;
      } else {
        out.append('&');
        from = amp + 1;
      }
      amp = html.indexOf('&', from);
    }
    return out.append(html, from, html.length()).toString();
  }

  /**
   * Appends what the reference {@code name} (between {@code &} and {@code ;}) stands for, if it is
   * one; returns whether it was.
   */
  private static boolean reference(String name, StringBuilder out) {
    switch (name) {
      case "amp" -> out.append('&');
      case "lt" -> out.append('<');
      case "gt" -> out.append('>');
      case "quot" -> out.append('"');
      case "apos" -> out.append('\'');
      default -> {
        boolean hex = name.startsWith("#x") || name.startsWith("#X");
        String digits = name.startsWith("#") ? name.substring(hex ? 2 : 1) : "";
        if (digits.isEmpty() || digits.length() > 8) {
          return false;
        }
        for (int i = 0; i < digits.length(); i++) {
          char d = digits.charAt(i);
          boolean decimal = d >= '0' && d <= '9';
          if (!decimal && !(hex && (d >= 'a' && d <= 'f' || d >= 'A' && d <= 'F'))) {
            return false;
          }
        }
        int c = Integer.parseInt(digits, hex ? 16 : 10);
        if (c >= 0x80 && c <= 0x9f) {
          out.append(WINDOWS_1252[c - 0x80]);
        } else if (c > Character.MAX_CODE_POINT || (c >= 0xd800 && c <= 0xdfff)) {
          out.append('\ufffd');
        } else {
          out.appendCodePoint(c);
        }
      }
    }
    return true;
  }

  /** Returns whether output goes to a terminal that may show bold: a console, no NO_COLOR. */
  static boolean styledTerminal() {
    String noColor = System.getenv("NO_COLOR");
    return System.console() != null && (noColor == null || noColor.isEmpty());
  }

  static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
