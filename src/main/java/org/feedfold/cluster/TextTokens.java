package org.feedfold.cluster;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Is a text's words as Lucene's {@code StandardAnalyzer} emits them (standard tokenizer, lower
 * case), recorded while the text is fingerprinted, so that indexing the text for search does not
 * tokenize it a second time. Immutable; {@link #stream()} replays it.
 */
public final class TextTokens {
  private final char[] chars;
  private final int[] ends;
  private final int[] increments;

  private TextTokens(char[] chars, int[] ends, int[] increments) {
    this.chars = chars;
    this.ends = ends;
    this.increments = increments;
  }

  /** Returns the number of tokens. */
  public int size() {
    return ends.length;
  }

  /** Returns a new stream of the recorded tokens, each with its term and position increment. */
  public TokenStream stream() {
    return new Replay();
  }

  private final class Replay extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment =
        addAttribute(PositionIncrementAttribute.class);
    private int next;

    @Override
    public boolean incrementToken() {
      if (next == ends.length) {
        return false;
      }
      clearAttributes();
      int start = next == 0 ? 0 : ends[next - 1];
      term.copyBuffer(chars, start, ends[next] - start);
      increment.setPositionIncrement(increments[next]);
      next++;
      return true;
    }

    @Override
    public void reset() {
      next = 0;
    }
  }

  /**
   * Records the terms passing through it when {@linkplain #start() started}; passes them on
   * unchanged. Put it where the chain's terms equal {@code StandardAnalyzer}'s.
   */
  static final class Recorder extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment =
        addAttribute(PositionIncrementAttribute.class);
    private boolean on;
    private char[] chars = new char[4096];
    private int length;
    private int[] ends = new int[512];
    private int[] increments = new int[512];
    private int count;

    Recorder(TokenStream input) {
      super(input);
    }

    /** Records the stream's terms until {@link #finish()}. */
    void start() {
      on = true;
      length = 0;
      count = 0;
    }

    /** Stops recording and returns what was recorded. */
    TextTokens finish() {
      on = false;
      return new TextTokens(
          Arrays.copyOf(chars, length),
          Arrays.copyOf(ends, count),
          Arrays.copyOf(increments, count));
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      if (on) {
        int n = term.length();
        if (length + n > chars.length) {
          chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + n));
        }
        System.arraycopy(term.buffer(), 0, chars, length, n);
        length += n;
        if (count == ends.length) {
          ends = Arrays.copyOf(ends, count * 2);
          increments = Arrays.copyOf(increments, count * 2);
        }
        ends[count] = length;
        increments[count++] = increment.getPositionIncrement();
      }
      return true;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      on = false;
      if (chars.length > 1 << 16) {
        // Let one huge article's buffers go rather than keep them per thread for good.
        chars = new char[4096];
        ends = new int[512];
        increments = new int[512];
      }
    }
  }
}
