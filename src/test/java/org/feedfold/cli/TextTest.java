package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTest {
  private static final String SNIPPET =
      "The page said &lt;script&gt; &amp; the <b>zebra</b>\nran… ";

  @Test
  void marksMatchesWithAsterisksOffATerminal() {
    assertEquals("The page said <script> & the **zebra** ran… ", Text.snippet(SNIPPET, false));
  }

  @Test
  void marksMatchesInBoldOnATerminal() {
    assertEquals(
        "The page said <script> & the \u001b[1mzebra\u001b[0m ran… ", Text.snippet(SNIPPET, true));
  }
}
