package org.feedfold.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;
import org.feedfold.model.FeedEntry;
import org.feedfold.model.ParsedFeed;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
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
