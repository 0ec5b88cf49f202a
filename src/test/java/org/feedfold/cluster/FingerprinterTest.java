package org.feedfold.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.feedfold.bench.ClusterCorpus;
import org.junit.jupiter.api.Test;

class FingerprinterTest {
  private final Fingerprinter fingerprinter = new Fingerprinter(ClusterSettings.defaults());
  private final ClusterCorpus.Original article = ClusterCorpus.wikinews().get(0);
  private final String text = String.join("\n", article.paragraphs());

  @Test
  void keepsAboutOneShingleInFour() {
    Fingerprint f = fingerprinter.of(article.title(), text);
    double rate = (double) f.size() / (f.words() - 4);
    assertTrue(rate > 0.17 && rate < 0.33, "sampling rate " + rate);
  }

  @Test
  void keepsTheTeasersShinglesInTheFullText() {
    String teaser = article.paragraphs().get(0);
    int[] full = fingerprinter.of("", text).shingles();
    int[] part = fingerprinter.of("", teaser).shingles();
    assertTrue(part.length >= 3, "teaser shingles " + part.length);
    for (int h : part) {
      assertTrue(Arrays.binarySearch(full, h) >= 0);
    }
  }

  @Test
  void ignoresCaseAccentsAndPunctuation() {
    Fingerprint a =
        fingerprinter.of(
            "Café reopens",
            "The café in São Paulo reopened on Monday after a long, costly renovation of its kitchen and dining room.");
    Fingerprint b =
        fingerprinter.of(
            "CAFE REOPENS!",
            "the cafe in sao paulo -- reopened on monday after a long costly renovation of its kitchen and dining room");
    assertArrayEquals(a.shingles(), b.shingles());
    assertArrayEquals(a.titleWords(), b.titleWords());
  }

  @Test
  void dropsStopWordsFromTitles() {
    assertEquals(
        List.of(2), List.of(fingerprinter.of("The fall of the Wall", "").titleWords().length));
  }

  @Test
  void recordsTheTokensStandardAnalyzerWouldIndex() throws IOException {
    String tricky =
        text
            + "\nCafé SÃO Paulo's 3.5% O'Neil e-mail user@example.org 東京都 😀 İstanbul ﬁnal "
            + "x".repeat(300)
            + " after";
    TextTokens tokens = fingerprinter.analyze("title", tricky).tokens();
    assertEquals(
        tokens(new StandardAnalyzer().tokenStream("text", tricky)), tokens(tokens.stream()));
    // A second article through the same (reused) analyzer chain records only its own tokens.
    assertEquals(List.of("one", "two"), terms(fingerprinter.analyze("", "One two").tokens()));
  }

  @Test
  void recordsNoTokensForTextCutShort() {
    String huge = "word ".repeat(Fingerprinter.MAX_CHARS / 5 + 10);
    assertNull(fingerprinter.analyze("", huge).tokens());
  }

  private static List<String> terms(TextTokens t) throws IOException {
    return tokens(t.stream()).stream().map(s -> s.substring(0, s.indexOf('/'))).toList();
  }

  /** Lists each token as term/position-increment. */
  private static List<String> tokens(TokenStream ts) throws IOException {
    List<String> out = new ArrayList<>();
    try (ts) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term + "/" + inc.getPositionIncrement());
      }
      ts.end();
    }
    return out;
  }

  @Test
  void fingerprintsEmptyTextAsEmpty() {
    Fingerprint f = fingerprinter.of(null, null);
    assertEquals(0, f.size());
    assertEquals(0, f.words());
  }
}
