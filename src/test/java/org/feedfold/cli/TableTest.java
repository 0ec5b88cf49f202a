package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
  private static List<String> print(Table t, int width) {
    StringWriter s = new StringWriter();
    PrintWriter w = new PrintWriter(s);
    t.print(w, width);
    w.flush();
    return s.toString().lines().toList();
  }

  @Test
  void alignsColumnsToTheWidestCell() {
    Table t = new Table().column(0, x -> x).flexible(x -> x).column(0, x -> x);
    t.row("3 h ago", "Quake", "a").row("just now", "A longer title", "b");
    assertEquals(
        List.of("3 h ago   Quake           a", "just now  A longer title  b"), print(t, 80));
  }

  @Test
  void shortensTheFlexibleColumnToFitTheWidth() {
    Table t = new Table().column(0, x -> x).flexible(x -> x).column(0, x -> x);
    t.row("x", "A headline far too long for a narrow terminal window", "end");
    List<String> lines = print(t, 30);
    assertEquals("x  A headline far too lo…  end", lines.get(0));
    assertEquals(30, lines.get(0).length());
  }

  @Test
  void shortensTheWidestColumnWhenTheFlexibleOneCannotGiveEnough() {
    // feeds list: one very long URL made every line overflow the terminal.
    Table t = new Table().column(0, x -> x).flexible(x -> x);
    t.row("https://example.org/" + "a".repeat(60), "never fetched");
    List<String> lines = print(t, 60);
    assertEquals("https://example.org/" + "a".repeat(29) + "…  never f…", lines.get(0));
  }

  @Test
  void capsColumnsAndDropsControlCharacters() {
    Table t = new Table().column(5, x -> x).flexible(x -> x);
    t.row("Outlet name", "a\u001b[31mred\tb");
    assertEquals(List.of("Outl…  a [31mred b"), print(t, 80));
  }

  @Test
  void stylesAfterPaddingSoEscapesDoNotShiftColumns() {
    Terminal styled = new Terminal(80, true);
    Table t = new Table().column(0, styled::bold).flexible(x -> x);
    t.row("a", "x").row("abc", "y");
    assertEquals("\u001b[1ma  \u001b[0m  x", print(t, 80).get(0));
  }
}
