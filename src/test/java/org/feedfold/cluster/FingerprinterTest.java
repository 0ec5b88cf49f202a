package org.feedfold.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
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
    long[] full = fingerprinter.of("", text).shingles();
    long[] part = fingerprinter.of("", teaser).shingles();
    assertTrue(part.length >= 3, "teaser shingles " + part.length);
    for (long h : part) {
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
  void fingerprintsEmptyTextAsEmpty() {
    Fingerprint f = fingerprinter.of(null, null);
    assertEquals(0, f.size());
    assertEquals(0, f.words());
  }
}
