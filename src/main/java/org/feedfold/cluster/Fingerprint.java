package org.feedfold.cluster;

import java.util.Arrays;

/**
 * Is what clustering needs to remember of one article: its sampled shingle hashes and the hashes of
 * its title words.
 *
 * <p>NOTE: the arrays are shared, not copied; callers must not modify them. Equality is by content.
 *
 * @param shingles sampled word-shingle hashes (the high 32 bits of each), sorted ascending,
 *     distinct
 * @param titleWords hashes of the title's content words, sorted ascending, distinct
 * @param words how many words the text has
 */
public record Fingerprint(int[] shingles, int[] titleWords, int words) {
  /** Returns the number of sampled shingles. */
  public int size() {
    return shingles.length;
  }

  /**
   * Returns how many shingles this and {@code other} share, boilerplate included: an upper bound of
   * what a match between them can count.
   */
  public int sharedShingles(Fingerprint other) {
    return countShared(shingles, other.shingles);
  }

  /**
   * Returns how many values two sorted, distinct arrays (such as two {@link #shingles()}) share.
   */
  public static int countShared(int[] x, int[] y) {
    int shared = 0;
    for (int i = 0, j = 0; i < x.length && j < y.length; ) {
      if (x[i] < y[j]) {
        i++;
      } else if (y[j] < x[i]) {
        j++;
      } else {
        shared++;
        i++;
        j++;
      }
    }
    return shared;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint f
        && words == f.words
        && Arrays.equals(shingles, f.shingles)
        && Arrays.equals(titleWords, f.titleWords);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shingles) + Arrays.hashCode(titleWords);
  }

  @Override
  public String toString() {
    return "Fingerprint[" + shingles.length + " shingles, " + words + " words]";
  }
}
