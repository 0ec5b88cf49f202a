package org.feedfold.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Prints rows as aligned columns that fit a terminal's width: each column as wide as its widest
 * cell, two spaces apart; when that is too wide, the one flexible column (a title, a URL) is
 * shortened, its cells cut with {@code …}. Styles are applied after padding, so escape sequences
 * never disturb the alignment. Not thread-safe; one table per printout.
 */
final class Table {
  /** Is one column: its cap on width (0 for none), and the style of its cells. */
  record Column(int max, boolean flexible, UnaryOperator<String> style) {}

  private final List<Column> columns = new ArrayList<>();
  private final List<String[]> rows = new ArrayList<>();
  private final List<List<String>> notes = new ArrayList<>();

  Table column(int max, UnaryOperator<String> style) {
    columns.add(new Column(max, false, style));
    return this;
  }

  /** Adds the column that gives way when the row is wider than the terminal. */
  Table flexible(UnaryOperator<String> style) {
    columns.add(new Column(0, true, style));
    return this;
  }

  /** Adds a row of plain-text cells, one per column; {@code null} cells print empty. */
  Table row(String... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException(
          cells.length + " cells for " + columns.size() + " columns");
    }
    rows.add(cells);
    notes.add(new ArrayList<>());
    return this;
  }

  /** Adds an indented line under the last row (a snippet, a URL), cut to the width. */
  Table note(String line) {
    notes.get(notes.size() - 1).add(line);
    return this;
  }

  /** Prints the rows within {@code width} columns. */
  void print(PrintWriter out, int width) {
    int n = columns.size();
    int[] w = new int[n];
    for (String[] r : rows) {
      for (int i = 0; i < n; i++) {
        int len = clean(r[i]).codePointCount(0, clean(r[i]).length());
        int max = columns.get(i).max();
        w[i] = Math.max(w[i], max > 0 ? Math.min(len, max) : len);
      }
    }
    int total = 2 * (n - 1);
    int flexible = -1;
    for (int i = 0; i < n; i++) {
      total += w[i];
      if (columns.get(i).flexible()) {
        flexible = i;
      }
    }
    if (total > width && flexible >= 0) {
      int cut = Math.min(total - width, w[flexible] - Math.min(w[flexible], 8));
      w[flexible] -= cut;
      total -= cut;
    }
    // Still too wide (one very long URL): the widest column gives way too, down to 20 columns.
    while (total > width) {
      int widest = 0;
      for (int i = 1; i < n; i++) {
        if (w[i] > w[widest]) {
          widest = i;
        }
      }
      int cut = Math.min(total - width, w[widest] - 20);
      if (cut <= 0) {
        break;
      }
      w[widest] -= cut;
      total -= cut;
    }
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < n; i++) {
        String cell = cut(clean(rows.get(r)[i]), w[i]);
        boolean last = i == n - 1;
        String padded = last ? cell : cell + " ".repeat(w[i] - length(cell));
        line.append(columns.get(i).style().apply(padded));
        if (!last) {
          line.append("  ");
        }
      }
      out.println(line.toString().stripTrailing());
      for (String note : notes.get(r)) {
        out.println("    " + note);
      }
    }
  }

  private static String clean(String s) {
    // Feed text is a stranger's: no control characters (escape sequences) reach the terminal.
    return s == null ? "" : s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** Returns {@code s} cut to {@code width} code points, ending in {@code …} when cut. */
  static String cut(String s, int width) {
    if (length(s) <= width) {
      return s;
    }
    if (width <= 1) {
      return "…";
    }
    return s.substring(0, s.offsetByCodePoints(0, width - 1)).stripTrailing() + "…";
  }
}
