package org.feedfold.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.feedfold.model.FeedEntry;
import org.feedfold.model.ParsedFeed;

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

  static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
