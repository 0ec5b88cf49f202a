package org.feedfold.index;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

/**
 * Finds where a plain disjunction's terms occur in a text, as the highlighter's token stream
 * strategy does, by analysing only the runs of the text between spaces that contain one of the
 * terms, case-folded as the analyzer folds them, instead of the whole text. Each match reports a
 * frequency of one, as {@link Snippets} has the token stream's matches report.
 *
 * <p>Why the matches are the same, for a {@link StandardAnalyzer} (the only analyzer it shortcuts):
 *
 * <ol>
 *   <li>A token matches when its text equals a term, and its text is its characters lowercased one
 *       code point at a time ({@code LowerCaseFilter}). So a matching token that starts at offset
 *       {@code s} has the term at {@code s} in the text lowercased the same way: every match starts
 *       at an occurrence of a term in the lowercased text.
 *   <li>{@code StandardTokenizer}'s grammar ({@code StandardTokenizerImpl.jflex}, the word break
 *       rules of Unicode 9) matches a space (U+0020) only with its rule for a single character it
 *       ignores: no token and no other match holds a space. So the scanner starts afresh after
 *       every space, and a match that stops at a space stops there as it would at the end of the
 *       text (its 255-character buffer cuts a token by its own start only). Analysing {@code
 *       text[a, b)} where {@code a} is 0 or follows a space and {@code b} is the end or a space
 *       gives the tokens of the whole text that lie in {@code [a, b)}, shifted by {@code a}.
 *   <li>For each occurrence of a term, the run between spaces around it holds the token that starts
 *       there, if any; analysing those runs (merged where they touch) finds every match, in order,
 *       once.
 * </ol>
 *
 * <p>Where that argument does not hold, the whole text is analysed as before: a text with the
 * highlighter's value separator (U+2029), a surrogate, or a character whose lowercase is not one
 * character; any other analyzer; terms matched by automata (wildcards). Not thread-safe; one per
 * field highlighter, as Lucene's strategies are.
 */
final class TermWindows extends FieldOffsetStrategy {
  /** Is the highlighter's separator of a field's values (its {@code MULTIVAL_SEP_CHAR}). */
  private static final char VALUE_SEPARATOR = '\u2029';

  private final Analyzer analyzer;
  private final String[] words;
  private final BytesRef[] terms;
  private final FieldOffsetStrategy whole;

  /**
   * Creates the strategy for {@code components}' terms, analysing with {@code analyzer}; {@code
   * whole} analyses the whole text, where this cannot shortcut.
   */
  private TermWindows(UHComponents components, Analyzer analyzer, FieldOffsetStrategy whole) {
    super(components);
    this.analyzer = analyzer;
    this.whole = whole;
    BytesRef[] t = components.getTerms();
    words = new String[t.length];
    terms = new BytesRef[t.length];
    for (int i = 0; i < t.length; i++) {
      words[i] = t[i].utf8ToString();
      // As the token stream strategy names a match: the term's text, encoded again.
      terms[i] = new BytesRef(words[i]);
    }
  }

  /**
   * Returns the strategy for {@code components} and {@code analyzer}: one that analyses only the
   * runs around the terms where that gives the same matches, else {@code whole} itself.
   */
  static FieldOffsetStrategy of(
      UHComponents components, Analyzer analyzer, FieldOffsetStrategy whole) {
    boolean standard =
        analyzer instanceof StandardAnalyzer s
            && s.getMaxTokenLength() == StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH;
    return standard && components.getAutomata().length == 0
        ? new TermWindows(components, analyzer, whole)
        : whole;
  }

  @Override
  public UnifiedHighlighter.OffsetSource getOffsetSource() {
    return UnifiedHighlighter.OffsetSource.ANALYSIS;
  }

  @Override
  public OffsetsEnum getOffsetsEnum(LeafReader reader, int docId, String content)
      throws IOException {
    int[] found = matches(analyzer, getField(), content, words);
    return found == null ? whole.getOffsetsEnum(reader, docId, content) : new Found(found, terms);
  }

  /**
   * Returns where the tokens of {@code text} that equal one of {@code words} are, in order: start
   * offset, end offset and the word's index, three ints per match; {@code null} when the text must
   * be analysed whole. Analyses only the runs that {@link #windows} returns, with {@code analyzer}
   * (a {@link StandardAnalyzer}) as field {@code field}.
   */
  static int[] matches(Analyzer analyzer, String field, String text, String[] words)
      throws IOException {
    int[] windows = windows(text, words);
    if (windows == null) {
      return null;
    }
    int[] found = new int[24];
    int n = 0;
    for (int w = 0; w < windows.length; w += 2) {
      int a = windows[w];
      try (TokenStream ts = analyzer.tokenStream(field, text.substring(a, windows[w + 1]))) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          int k = indexOf(words, term);
          if (k >= 0) {
            if (n + 3 > found.length) {
              found = Arrays.copyOf(found, found.length * 2);
            }
            found[n++] = a + offset.startOffset();
            found[n++] = a + offset.endOffset();
            found[n++] = k;
          }
        }
        ts.end();
      }
    }
    return Arrays.copyOf(found, n);
  }

  /** Returns the index of the word the token's text equals, or -1. */
  private static int indexOf(String[] words, CharTermAttribute token) {
    char[] b = token.buffer();
    int len = token.length();
    for (int k = 0; k < words.length; k++) {
      String w = words[k];
      if (w.length() == len) {
        int i = 0;
        while (i < len && b[i] == w.charAt(i)) {
          i++;
        }
        if (i == len) {
          return k;
        }
      }
    }
    return -1;
  }

  /**
   * Returns the runs of {@code text} to analyse for {@code words}, as {@code [start, end)} pairs in
   * order, disjoint; none when no word occurs; {@code null} when the text must be analysed whole.
   */
  static int[] windows(String text, String[] words) {
    String lower = lowercased(text);
    if (lower == null) {
      return null;
    }
    long[] runs = new long[8];
    int n = 0;
    for (String w : words) {
      if (w.isEmpty()) {
        continue;
      }
      for (int i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) {
        int a = text.lastIndexOf(' ', i - 1) + 1;
        int b = text.indexOf(' ', i + w.length());
        if (n == runs.length) {
          runs = Arrays.copyOf(runs, n * 2);
        }
        runs[n++] = (long) a << 32 | (b < 0 ? text.length() : b);
      }
    }
    Arrays.sort(runs, 0, n);
    int[] out = new int[2 * n];
    int m = 0;
    for (int k = 0; k < n; k++) {
      int a = (int) (runs[k] >>> 32);
      int b = (int) runs[k];
      if (m > 0 && a <= out[m - 1]) {
        out[m - 1] = Math.max(out[m - 1], b);
      } else {
        out[m++] = a;
        out[m++] = b;
      }
    }
    return Arrays.copyOf(out, m);
  }

  /**
   * Returns {@code text} with each character lowercased as {@code LowerCaseFilter} lowercases a
   * token's, or {@code null} if it holds the highlighter's value separator, a surrogate, or a
   * character whose lowercase is not one character (offsets would not line up).
   */
  static String lowercased(String text) {
    char[] c = text.toCharArray();
    for (int i = 0; i < c.length; i++) {
      char ch = c[i];
      if (ch < 0x80) {
        if (ch >= 'A' && ch <= 'Z') {
          c[i] = (char) (ch + ('a' - 'A'));
        }
      } else {
        if (Character.isSurrogate(ch) || ch == VALUE_SEPARATOR) {
          return null;
        }
        int lower = Character.toLowerCase((int) ch);
        if (lower > Character.MAX_VALUE) {
          return null;
        }
        c[i] = (char) lower;
      }
    }
    return new String(c);
  }

  /** Iterates matches found: start, end and term index, three ints each. */
  private static final class Found extends OffsetsEnum {
    private final int[] found;
    private final BytesRef[] terms;
    private int at = -3;

    Found(int[] found, BytesRef[] terms) {
      this.found = found;
      this.terms = terms;
    }

    @Override
    public boolean nextPosition() {
      if (at < found.length) {
        at += 3;
      }
      return at < found.length;
    }

    @Override
    public int freq() {
      return 1;
    }

    @Override
    public BytesRef getTerm() {
      return terms[found[at + 2]];
    }

    @Override
    public int startOffset() {
      return found[at];
    }

    @Override
    public int endOffset() {
      return found[at + 1];
    }

    @Override
    public void close() {
      // Nothing open: the runs were analysed up front.
    }
  }
}
