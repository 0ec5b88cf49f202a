package org.feedfold.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds which paragraphs one version of an article added and removed relative to the one before:
 * the longest common subsequence of the two paragraph lists, paragraphs compared exactly
 * (stripped). A paragraph whose words changed shows as removed and added.
 *
 * <p>Pure and thread-safe. Bounded: compares at most {@value #MAX_PARAGRAPHS} paragraphs of each
 * version (a table of at most that squared); paragraphs beyond are reported as they are, after the
 * compared ones (added if only the later version has them, removed if only the earlier one).
 */
public final class ParagraphDiff {
  /** Paragraphs of each version compared at most. */
  public static final int MAX_PARAGRAPHS = 1_000;

  private ParagraphDiff() {}

  /**
   * Is what a version changed.
   *
   * @param added its paragraphs the version before lacked, in its order
   * @param removed paragraphs of the version before it lacks, in their order
   */
  public record Change(List<String> added, List<String> removed) {
    public Change {
      added = List.copyOf(added);
      removed = List.copyOf(removed);
    }

    /** Says whether the two versions have the same paragraphs. */
    public boolean isEmpty() {
      return added.isEmpty() && removed.isEmpty();
    }
  }

  /** Returns what {@code after} added to and removed from {@code before}. */
  public static Change diff(List<String> before, List<String> after) {
    List<String> a = strip(before);
    List<String> b = strip(after);
    int n = Math.min(a.size(), MAX_PARAGRAPHS);
    int m = Math.min(b.size(), MAX_PARAGRAPHS);
    // lcs[i][j]: length of the longest common subsequence of a[i..n) and b[j..m).
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      if (a.get(i).equals(b.get(j))) {
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        removed.add(a.get(i++));
      } else {
        added.add(b.get(j++));
      }
    }
    removed.addAll(a.subList(i, a.size()));
    added.addAll(b.subList(j, b.size()));
    return new Change(added, removed);
  }

  private static List<String> strip(List<String> paragraphs) {
    List<String> out = new ArrayList<>(paragraphs.size());
    for (String p : paragraphs) {
      if (!p.isBlank()) {
        out.add(p.strip());
      }
    }
    return out;
  }
}
