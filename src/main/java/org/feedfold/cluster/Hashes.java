package org.feedfold.cluster;

/** Computes the 64-bit hashes of words and shingles; stable across runs and JVMs. */
final class Hashes {
  private Hashes() {}

  /** Returns the FNV-1a hash of {@code length} chars, finished with {@link #mix(long)}. */
  static long chars(char[] buffer, int length) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < length; i++) {
      h ^= buffer[i];
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** Returns the MurmurHash3 64-bit finaliser of {@code h}, so that low bits are well mixed. */
  static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
