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
 * <p>A passage never spans two paragraphs (lines), so a copy shows as its shared paragraphs, not as
 * one run through the whole article. Pure and thread-safe. Reads at most {@link
 * Fingerprinter#MAX_CHARS} of each text.
 */
public final class Passages {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  private Passages() {}

  /**
   * Returns up to {@code limit} passages of {@code a}, longest first, each cut to at most {@code
   * maxChars} characters at a word boundary (ending in an ellipsis when cut); see {@link
   * #shared(String, String, int, int)}.
   */
  public static List<String> shared(String a, String b, int minWords, int limit, int maxChars) {
    if (maxChars < 2) {
      throw new IllegalArgumentException("maxChars must be at least 2: " + maxChars);
    }
    List<String> out = new ArrayList<>();
    for (String p : shared(a, b, minWords, limit)) {
      if (p.length() <= maxChars) {
        out.add(p);
      } else {
        int cut = p.lastIndexOf(' ', maxChars - 1);
        out.add(p.substring(0, cut > 0 ? cut : maxChars - 1).strip() + "\u2026");
      }
    }
    return out;
  }

  /**
   * Returns up to {@code limit} passages of {@code a}, longest first, made of runs of at least
   * {@code minWords} consecutive words of one paragraph that also occur consecutively in one
   * paragraph of {@code b}.
   */
  public static List<String> shared(String a, String b, int minWords, int limit) {
    List<int[]> wa = words(a);
    List<int[]> wb = words(b);
    Set<String> grams = new HashSet<>();
    for (int i = 0; i + minWords <= wb.size(); i++) {
      if (oneLine(wb, i, minWords)) {
        grams.add(gram(b, wb, i, minWords));
      }
    }
    List<int[]> runs = new ArrayList<>();
    int start = -1;
    int end = -1;
    for (int i = 0; i + minWords <= wa.size(); i++) {
      if (oneLine(wa, i, minWords) && grams.contains(gram(a, wa, i, minWords))) {
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
    int line = 0;
    int from = 0;
    while (m.find()) {
      for (int i = from; i < m.start(); i++) {
        if (s.charAt(i) == '\n') {
          line++;
        }
      }
      from = m.end();
      out.add(new int[] {m.start(), m.end(), line});
    }
    return out;
  }

  /** Says whether the {@code n} words from {@code from} lie in one line. */
  private static boolean oneLine(List<int[]> words, int from, int n) {
    return words.get(from)[2] == words.get(from + n - 1)[2];
  }

  private static String gram(String text, List<int[]> words, int from, int n) {
    StringBuilder sb = new StringBuilder();
    for (int k = from; k < from + n; k++) {
      sb.append(text, words.get(k)[0], words.get(k)[1]).append(' ');
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }
}
