package org.feedfold.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.feedfold.model.FeedEntry;
import org.feedfold.model.ParsedFeed;
import org.jsoup.parser.Parser;

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
    return Parser.unescapeEntities(marked, false);
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
    String lead = Parser.unescapeEntities(parts[0], false);
    int keep = width / 3;
    if (parts.length > 1 && lead.length() > keep) {
      // Start shortly before the first match, at a word, so that the match is on the line.
      int from = lead.length() - keep;
      int space = lead.indexOf(' ', from);
      parts[0] = "…" + lead.substring(space < 0 || space > lead.length() - 2 ? from : space + 1);
      parts[0] = parts[0].replace("&", "&amp;").replace("<", "&lt;");
    }
    for (String part : parts) {
      String plain = Parser.unescapeEntities(part, false).replaceAll("[\\p{Cntrl}]+", " ");
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

  /** Returns whether output goes to a terminal that may show bold: a console, no NO_COLOR. */
  static boolean styledTerminal() {
    String noColor = System.getenv("NO_COLOR");
    return System.console() != null && (noColor == null || noColor.isEmpty());
  }

  static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
