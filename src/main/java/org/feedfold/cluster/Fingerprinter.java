package org.feedfold.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns an article's title and text into a {@link Fingerprint} with two analyzer chains: {@code
 * StandardTokenizer → LowerCaseFilter → ASCIIFoldingFilter → HashedShingleFilter} for the text, and
 * the same without shingles, plus English stop words removed, for the title.
 *
 * <p>{@link #analyze} also records the text's words as Lucene's {@code StandardAnalyzer} emits them
 * (before folding), so the index need not tokenize the text again.
 *
 * <p>Thread-safe (Lucene analyzers keep per-thread components). Input longer than {@code maxChars}
 * is cut there, so one huge article costs bounded time.
 */
public final class Fingerprinter {
  /** Limits the text a fingerprint reads, in chars (about 30,000 words). */
  public static final int MAX_CHARS = 200_000;

  private final Analyzer shingles;
  private final Analyzer titles;

  /** Creates a fingerprinter using the shingle size and sampling of {@code settings}. */
  public Fingerprinter(ClusterSettings settings) {
    int size = settings.shingleWords();
    int modulus = settings.sampleModulus();
    this.shingles =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String field) {
            StandardTokenizer source = new StandardTokenizer();
            TextTokens.Recorder recorder = new TextTokens.Recorder(new LowerCaseFilter(source));
            TokenStream chain = new ASCIIFoldingFilter(recorder);
            return new TokenStreamComponents(
                source, new HashedShingleFilter(chain, size, modulus, recorder));
          }
        };
    this.titles =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String field) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream chain = new ASCIIFoldingFilter(new LowerCaseFilter(source));
            return new TokenStreamComponents(
                source, new StopFilter(chain, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET));
          }
        };
  }

  /**
   * Is a fingerprint and the text's tokens for the search index; {@code tokens} is {@code null} if
   * the text was longer than {@link #MAX_CHARS} (the fingerprint read only its start).
   */
  public record Analysis(Fingerprint fingerprint, TextTokens tokens) {}

  /** Returns the fingerprint of one article; {@code null} title or text count as empty. */
  public Fingerprint of(String title, String text) {
    return analyze(title, text, false).fingerprint();
  }

  /**
   * Returns the fingerprint of one article and the tokens {@code StandardAnalyzer} would index for
   * its text, from one pass over the text.
   */
  public Analysis analyze(String title, String text) {
    return analyze(title, text, true);
  }

  private Analysis analyze(String title, String text, boolean record) {
    String body = cut(text);
    TextTokens tokens = null;
    int[] sh = new int[Math.max(16, body.length() / 20)];
    int n = 0;
    int words;
    try (TokenStream ts = shingles.tokenStream("text", body)) {
      HashedShingleFilter shingleFilter = (HashedShingleFilter) ts;
      TextTokens.Recorder recorder = shingleFilter.recorder();
      ts.reset();
      if (record) {
        recorder.start();
      }
      while (ts.incrementToken()) {
        if (n == sh.length) {
          sh = Arrays.copyOf(sh, n * 2);
        }
        // The low bits chose the shingle; the high 32 bits tell shingles apart well enough (two
        // of an article's ~100 collide once in tens of millions of articles) at half the size.
        sh[n++] = (int) (shingleFilter.hash() >>> 32);
      }
      ts.end();
      words = (int) shingleFilter.words();
      if (record) {
        TextTokens recorded = recorder.finish();
        tokens = text == null || body.length() == text.length() ? recorded : null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen on a String reader
    }
    return new Analysis(new Fingerprint(distinct(sh, n), titleWords(cut(title)), words), tokens);
  }

  private int[] titleWords(String title) {
    int[] out = new int[8];
    int n = 0;
    try (TokenStream ts = titles.tokenStream("title", title)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = (int) Hashes.chars(term.buffer(), term.length());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Arrays.sort(out, 0, n);
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (m == 0 || out[m - 1] != out[i]) {
        out[m++] = out[i];
      }
    }
    return Arrays.copyOf(out, m);
  }

  private static int[] distinct(int[] values, int n) {
    Arrays.sort(values, 0, n);
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (m == 0 || values[m - 1] != values[i]) {
        values[m++] = values[i];
      }
    }
    return Arrays.copyOf(values, m);
  }

  private static String cut(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) : s;
  }
}
