package org.feedfold.index;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.lucene.util.BytesRef;
import org.feedfold.cluster.ArticleEntry;
import org.feedfold.cluster.Fingerprint;

/**
 * Encodes what matching reads of one indexed article ({@link ArticleEntry}) as one binary doc value
 * ({@link Fields#FINGERPRINT}), so that verifying a candidate costs one read and never re-analyses
 * its text. Pure.
 */
final class EntryCodec {
  /** Version 2 keeps 32-bit shingles; version 1 (64-bit) is still read, keeping the high half. */
  private static final byte VERSION = 2;

  private EntryCodec() {}

  /** Encodes {@code e} for {@link Fields#FINGERPRINT}. */
  static BytesRef encode(ArticleEntry e) {
    byte[] id8 = e.id().getBytes(StandardCharsets.UTF_8);
    Fingerprint fingerprint = e.fingerprint();
    int[] sh = fingerprint.shingles();
    int[] tw = fingerprint.titleWords();
    ByteBuffer b =
        ByteBuffer.allocate(1 + 4 + id8.length + 8 * 3 + 4 * 4 + 4 * tw.length + 4 * sh.length);
    b.put(VERSION).putInt(id8.length).put(id8);
    b.putLong(e.story()).putLong(e.time()).putLong(e.contentHash());
    b.putInt(e.textLength()).putInt(fingerprint.words()).putInt(tw.length);
    for (int t : tw) {
      b.putInt(t);
    }
    b.putInt(sh.length);
    for (int s : sh) {
      b.putInt(s);
    }
    return new BytesRef(b.array());
  }

  /** Decodes an entry written by {@link #encode}. */
  static ArticleEntry decode(BytesRef bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length);
    byte version = b.get();
    if (version != VERSION && version != 1) {
      throw new IllegalStateException("unknown fingerprint version " + version);
    }
    byte[] id8 = new byte[b.getInt()];
    b.get(id8);
    long story = b.getLong();
    long time = b.getLong();
    long contentHash = b.getLong();
    int textLength = b.getInt();
    int words = b.getInt();
    int[] tw = new int[b.getInt()];
    for (int i = 0; i < tw.length; i++) {
      tw[i] = b.getInt();
    }
    int[] sh = new int[b.getInt()];
    for (int i = 0; i < sh.length; i++) {
      sh[i] = version == 1 ? (int) (b.getLong() >>> 32) : b.getInt();
    }
    if (version == 1) {
      Arrays.sort(sh);
    }
    return new ArticleEntry(
        new String(id8, StandardCharsets.UTF_8),
        story,
        time,
        contentHash,
        textLength,
        new Fingerprint(sh, tw, words));
  }
}
