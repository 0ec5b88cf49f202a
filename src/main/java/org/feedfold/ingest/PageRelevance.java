package org.feedfold.ingest;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Tells whether a linked page can be the article a feed entry announces, from the words they share.
 * A site may answer every article link with the same cookie-consent, login or error page (HTTP 200
 * all the same); taken for the article, that page's text would replace each teaser and fold every
 * entry of the site into one story. A real article page repeats most words of the entry's title and
 * summary (its lede usually is the summary); such a wall shares only what any two English texts
 * share.
 *
 * <p>Words are runs of letters and digits of at least {@link #MIN_LENGTH} characters (each
 * ideograph on its own), lower-cased and cut to their first {@link #PREFIX} characters so that
 * "struck"/"strikes" or "Chile"/"Chilean" still meet. Measured on the 293 Wikinews articles of
 * {@code ../shared/corpus/wikinews} (title and first two sentences as the entry): the body
 * <em>after</em> those sentences shares at least 18% of their words (1% of articles below 23%); a
 * made-up consent page shares 3% at the median and 10.5% at the 95th percentile; another, unrelated
 * article 14% at the median. Below {@link #MIN_SHARE} a page is not the article.
 */
final class PageRelevance {
  /** Fewer words than this in the entry (title and summary together) and nothing is judged. */
  static final int MIN_WORDS = 4;

  /** The share of the entry's words a page must carry to be taken for its article. */
  static final double MIN_SHARE = 0.15;

  private static final int MIN_LENGTH = 4;
  private static final int PREFIX = 5;

  /** Page text read for the comparison; the title and lede come first in any article. */
  private static final int MAX_PAGE_CHARS = 200_000;

  private static final Set<String> STOP =
      Set.of(
          "into", "such", "that", "their", "then", "there", "these", "they", "this", "will",
          "with");

  private PageRelevance() {}

  /**
   * Returns the words the entry and the page share, and how many the entry has.
   *
   * @param entryTitle the entry's title, or {@code null}
   * @param entryText the entry's own text (its summary or content), or {@code null}
   * @param pageTitle the page's title, or {@code null}
   * @param pageText the page's extracted text
   */
  static Share share(String entryTitle, String entryText, String pageTitle, String pageText) {
    Set<String> entry = new HashSet<>();
    words(entryTitle, Integer.MAX_VALUE, entry);
    words(entryText, Integer.MAX_VALUE, entry);
    Set<String> page = new HashSet<>();
    words(pageTitle, Integer.MAX_VALUE, page);
    words(pageText, MAX_PAGE_CHARS, page);
    int shared = 0;
    for (String w : entry) {
      shared += page.contains(w) ? 1 : 0;
    }
    return new Share(shared, entry.size());
  }

  /**
   * Is how many of an entry's words a page carries.
   *
   * @param shared the entry's words found on the page
   * @param words the entry's words
   */
  record Share(int shared, int words) {
    /** Returns false only if the entry has enough words to judge and the page too few of them. */
    boolean mayBeTheArticle() {
      return words < MIN_WORDS || shared >= MIN_SHARE * words;
    }
  }

  private static void words(String text, int limit, Set<String> into) {
    if (text == null) {
      return;
    }
    int end = Math.min(text.length(), limit);
    int i = 0;
    while (i < end) {
      int c = text.codePointAt(i);
      if (Character.isIdeographic(c)) {
        into.add(new String(Character.toChars(c)));
        i += Character.charCount(c);
      } else if (Character.isLetterOrDigit(c)) {
        int start = i;
        while (i < end) {
          int d = text.codePointAt(i);
          if (!Character.isLetterOrDigit(d) || Character.isIdeographic(d)) {
            break;
          }
          i += Character.charCount(d);
        }
        String w = text.substring(start, i).toLowerCase(Locale.ROOT);
        if (w.codePointCount(0, w.length()) >= MIN_LENGTH && !STOP.contains(w)) {
          into.add(
              w.substring(
                  0, w.offsetByCodePoints(0, Math.min(PREFIX, w.codePointCount(0, w.length())))));
        }
      } else {
        i += Character.charCount(c);
      }
    }
  }
}
