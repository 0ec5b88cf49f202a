package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.feedfold.bench.ClusterCorpus;
import org.junit.jupiter.api.Test;

/**
 * Checks that analysing only the runs around a query's terms finds the matches that analysing the
 * whole text finds, on texts chosen to break word boundaries and on real articles, and that texts
 * the shortcut is not proven for are analysed whole.
 */
class TermWindowsTest {
  private static final Analyzer ANALYZER = new StandardAnalyzer();

  /** Returns the matches of {@code words} among all the tokens of {@code text}, as ints. */
  private static int[] analysedWhole(String text, String[] words) throws IOException {
    List<Integer> out = new ArrayList<>();
    try (TokenStream ts = ANALYZER.tokenStream(Fields.TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        int k = Arrays.asList(words).indexOf(term.toString());
        if (k >= 0) {
          out.add(offset.startOffset());
          out.add(offset.endOffset());
          out.add(k);
        }
      }
      ts.end();
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void assertSameMatches(String text, String... words) throws IOException {
    int[] windowed = TermWindows.matches(ANALYZER, Fields.TEXT, text, words);
    assertNotNull(windowed, text);
    assertArrayEquals(analysedWhole(text, words), windowed, text);
  }

  @Test
  void findsTheMatchesThatAnalysingTheWholeTextFinds() throws IOException {
    String[][] cases = {
      {"Storm storms STORM thunderstorm storm's storm-chaser (storm) storm.", "storm"},
      {"The U.S. storm\u2014hit 3.5 storm_2 storm.storm storm:storm 'storm'", "storm", "u.s"},
      {"l'storm d'Storm O'Storm storm\u2019s", "storm", "o'storm"},
      {"1,000 storms hit 1,000.5 and 1.000 and 1,000", "1,000", "1.000"},
      {
        "\u66b4\u98cestorm \u66b4\u98ce storm\u66b4\u98ce \u98ce\u66b4", "storm", "\u66b4", "\u98ce"
      },
      {
        "\u0e1e\u0e32\u0e22\u0e38storm \u0e1e\u0e32\u0e22\u0e38 storm",
        "storm",
        "\u0e1e\u0e32\u0e22\u0e38"
      },
      {"\u212Aelvin KELVIN kelvin", "kelvin"},
      {"\u0130stanbul ISTANBUL istanbul", "istanbul"},
      {"storm\u0301 storm \u0301storm storm\u00A0storm storm\tstorm\nstorm\r\nstorm", "storm"},
      {
        "\uff33\uff34\uff2f\uff32\uff2d storm \uff53\uff54\uff4f\uff52\uff4d",
        "storm",
        "\uff53\uff54\uff4f\uff52\uff4d"
      },
      {"no match here at all", "storm"},
      {"\"storm\" \u00abstorm\u00bb \u00bfstorm? storm!storm", "storm"},
      {"storm  storm   storm ", "storm", "storms"},
      {"aaa aaaa aa", "aa", "aaa"},
      {"", "storm"},
    };
    for (String[] c : cases) {
      assertSameMatches(c[0], Arrays.copyOfRange(c, 1, c.length));
    }
  }

  @Test
  void cutsALongTokenWhereTheWholeTextIsCut() throws IOException {
    // The tokenizer cuts a token at 255 characters: the rest is a token of its own.
    String longRun = "a".repeat(255) + "storm";
    assertSameMatches(longRun + " " + longRun + " x" + longRun, "storm", "a".repeat(255));
    assertSameMatches("b".repeat(600) + "storm storm", "storm");
  }

  @Test
  void findsTheMatchesOfRealArticles() throws IOException {
    int compared = 0;
    for (ClusterCorpus.Original o : ClusterCorpus.wikinews()) {
      String text = String.join("\n", o.paragraphs());
      Set<String> words = new LinkedHashSet<>();
      try (TokenStream ts = ANALYZER.tokenStream(Fields.TITLE, o.title())) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          words.add(term.toString());
        }
        ts.end();
      }
      String[] w = words.toArray(String[]::new);
      int[] windowed = TermWindows.matches(ANALYZER, Fields.TEXT, text, w);
      if (windowed != null) {
        assertArrayEquals(analysedWhole(text, w), windowed, o.title());
        compared += windowed.length / 3;
      }
    }
    assertTrue(compared > 500, "compared " + compared + " matches");
  }

  @Test
  void analysesOnlyTheRunsBetweenSpacesThatHoldATerm() {
    String text = "The storm hit. A thunderstorm, then storms; calm after.";
    assertArrayEquals(
        new int[] {4, 9, 17, 30, 36, 43}, TermWindows.windows(text, new String[] {"storm"}));
    assertArrayEquals(new int[0], TermWindows.windows(text, new String[] {"flood"}));
    // Two occurrences in one run: analysed once.
    assertArrayEquals(
        new int[] {0, 11}, TermWindows.windows("STORMSTORM! x", new String[] {"storm"}));
  }

  @Test
  void analysesTheWholeTextWhereTheShortcutIsNotProven() throws IOException {
    String[] storm = {"storm"};
    // A surrogate pair (an emoji) and the highlighter's separator of values.
    assertNull(TermWindows.matches(ANALYZER, Fields.TEXT, "storm \uD83C\uDF00 storm", storm));
    assertNull(TermWindows.matches(ANALYZER, Fields.TEXT, "storm\u2029storm", storm));
  }
}
