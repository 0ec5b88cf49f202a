package org.feedfold.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the passages two texts share word for word, to show why two articles were matched.
 *
 * <p>Pure and thread-safe. Reads at most {@link Fingerprinter#MAX_CHARS} of each text.
 */
public final class Passages {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  private Passages() {}

  /**
   * Returns up to {@code limit} passages of {@code a}, longest first, made of runs of at least
   * {@code minWords} consecutive words that also occur consecutively in {@code b}.
   */
  public static List<String> shared(String a, String b, int minWords, int limit) {
    List<int[]> wa = words(a);
    List<int[]> wb = words(b);
    Set<String> grams = new HashSet<>();
    for (int i = 0; i + minWords <= wb.size(); i++) {
      grams.add(gram(b, wb, i, minWords));
    }
    List<int[]> runs = new ArrayList<>();
    int start = -1;
    int end = -1;
    for (int i = 0; i + minWords <= wa.size(); i++) {
      if (grams.contains(gram(a, wa, i, minWords))) {
        if (start >= 0 && i <= end) {
          end = i + minWords - 1;
        } else {
          if (start >= 0) {
            runs.add(new int[] {start, end});
          }
          start = i;
          end = i + minWords - 1;
        }
      }
    }
    if (start >= 0) {
      runs.add(new int[] {start, end});
    }
    runs.sort(Comparator.comparingInt((int[] r) -> r[0] - r[1]));
    List<String> out = new ArrayList<>();
    for (int[] r : runs.subList(0, Math.min(limit, runs.size()))) {
      out.add(a.substring(wa.get(r[0])[0], wa.get(r[1])[1]));
    }
    return out;
  }

  private static List<int[]> words(String s) {
    List<int[]> out = new ArrayList<>();
    Matcher m =
        WORD.matcher(
            s.length() > Fingerprinter.MAX_CHARS ? s.substring(0, Fingerprinter.MAX_CHARS) : s);
    while (m.find()) {
      out.add(new int[] {m.start(), m.end()});
    }
    return out;
  }

  private static String gram(String text, List<int[]> words, int from, int n) {
    StringBuilder sb = new StringBuilder();
    for (int k = from; k < from + n; k++) {
      sb.append(text, words.get(k)[0], words.get(k)[1]).append(' ');
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }
}
