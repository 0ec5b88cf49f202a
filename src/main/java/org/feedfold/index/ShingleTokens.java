package org.feedfold.index;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.util.BytesRef;

/**
 * Emits sampled shingle hashes as 8-byte big-endian terms of {@link Fields#SHINGLES}, so the index
 * is built from the fingerprint already computed instead of analysing the text a second time.
 */
final class ShingleTokens extends TokenStream {
  private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
  private final long[] hashes;
  private final BytesRef bytes = new BytesRef(new byte[8]);
  private int next;

  ShingleTokens(long[] hashes) {
    this.hashes = hashes;
  }

  @Override
  public boolean incrementToken() {
    if (next == hashes.length) {
      return false;
    }
    clearAttributes();
    put(hashes[next++], bytes.bytes);
    term.setBytesRef(bytes);
    return true;
  }

  @Override
  public void reset() {
    next = 0;
  }

  /** Returns the term for one shingle hash. */
  static BytesRef term(long hash) {
    byte[] b = new byte[8];
    put(hash, b);
    return new BytesRef(b);
  }

  private static void put(long v, byte[] b) {
    for (int i = 7; i >= 0; i--, v >>>= 8) {
      b[i] = (byte) v;
    }
  }
}
