package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.Passage;
import org.jsoup.parser.Parser;
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

  /** Returns {@code text} as the index's highlighter escapes it in a snippet. */
  private static String highlighted(String text) {
    Passage p = new Passage();
    p.setStartOffset(0);
    p.setEndOffset(text.length());
    return new DefaultPassageFormatter("<b>", "</b>", "… ", true)
        .format(new Passage[] {p}, text)
        .toString();
  }

  @Test
  void decodesEveryCharacterTheHighlighterEscapesAsAnHtmlParserWould() {
    // Decoded without jsoup, whose parser a search would load only for this (issue 11).
    for (char c = 0; c < 0xffff; c++) {
      if (Character.isSurrogate(c)) {
        continue;
      }
      String html = highlighted("a" + c + "b&amp;<b>c</b>&#233;");
      assertEquals(Parser.unescapeEntities(html, false), Text.unescape(html), "U+" + (int) c);
    }
  }

  @Test
  void leavesWhatIsNotACharacterReferenceAlone() {
    // The highlighter escapes every '&', so a snippet holds no other kind of reference.
    for (String s :
        new String[] {"a & b", "&", "&;", "&#;", "&#x;", "&amp", "AT&T;", "&#xZZ;", "&eacute;"}) {
      assertEquals(s, Text.unescape(s), s);
    }
  }
}
