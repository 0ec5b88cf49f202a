package org.feedfold.cluster;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Replaces a stream of words by the 64-bit hashes of its word n-grams, keeping only the n-grams
 * whose hash is divisible by {@code modulus}, each emitted as 16 lower-case hex digits.
 *
 * <p>Sampling by value (not by position) means two texts keep the same shingles for the passages
 * they share, so containment measured on the samples estimates containment of the full texts, and a
 * short teaser keeps the same samples as the long article it was cut from. NOTE: the hash of a word
 * is over its chars as the upstream filters leave them, so put lower-casing and folding first.
 */
final class HashedShingleFilter extends TokenFilter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final int size;
  private final int modulus;
  private final long[] ring;
  private final TextTokens.Recorder recorder;
  private long words;
  private long hash;

  HashedShingleFilter(TokenStream input, int size, int modulus) {
    this(input, size, modulus, null);
  }

  /**
   * Creates the filter; {@code recorder} is a filter upstream whose recording it gives access to.
   */
  HashedShingleFilter(TokenStream input, int size, int modulus, TextTokens.Recorder recorder) {
    super(input);
    this.recorder = recorder;
    if (size < 1 || modulus < 1) {
      throw new IllegalArgumentException("size and modulus must be positive");
    }
    this.size = size;
    this.modulus = modulus;
    this.ring = new long[size];
  }

  @Override
  public boolean incrementToken() throws IOException {
    while (input.incrementToken()) {
      ring[(int) (words % size)] = Hashes.chars(term.buffer(), term.length());
      words++;
      if (words < size) {
        continue;
      }
      long h = 0x9E3779B97F4A7C15L;
      for (long i = words - size; i < words; i++) {
        h = Long.rotateLeft(h ^ ring[(int) (i % size)], 27) * 0xC2B2AE3D27D4EB4FL;
      }
      h = Hashes.mix(h);
      if (Long.remainderUnsigned(h, modulus) == 0) {
        hash = h;
        clearAttributes();
        char[] out = term.resizeBuffer(16);
        for (int i = 15; i >= 0; i--, h >>>= 4) {
          out[i] = HEX[(int) (h & 0xf)];
        }
        term.setLength(16);
        return true;
      }
    }
    return false;
  }

  /** Returns the recorder given at construction, or {@code null}. */
  TextTokens.Recorder recorder() {
    return recorder;
  }

  /** Returns the hash of the shingle last emitted, as its term spells it in hex. */
  long hash() {
    return hash;
  }

  /** Returns how many words the stream has read so far. */
  long words() {
    return words;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    words = 0;
  }
}
