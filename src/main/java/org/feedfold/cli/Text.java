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

  /** Returns whether output goes to a terminal that may show bold: a console, no NO_COLOR. */
  static boolean styledTerminal() {
    String noColor = System.getenv("NO_COLOR");
    return System.console() != null && (noColor == null || noColor.isEmpty());
  }

  static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
