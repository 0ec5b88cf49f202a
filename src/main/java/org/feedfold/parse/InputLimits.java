package org.feedfold.parse;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the limits the parser puts on what a feed may hand on, and the small functions that apply
 * them: control characters out, titles cut, nesting flattened. Each cut is logged with the feed
 * URL, through {@link FeedParser}'s logger, so a limit is never applied silently. Stateless and
 * thread-safe.
 */
final class InputLimits {
  /** Deepest element nesting kept; deeper elements are flattened into their ancestor's text. */
  static final int MAX_DEPTH = 256;

  private static final Logger LOG = LoggerFactory.getLogger(FeedParser.class);

  private InputLimits() {}

  /**
   * Removes the C0 control characters XML 1.0 forbids (everything below U+0020 except tab, line
   * feed and carriage return): a NUL must never reach the index, and without them a document that
   * is otherwise well-formed still parses strictly. Returns {@code s} itself when it has none.
   */
  static String withoutControls(String s) {
    if (s == null) {
      return null;
    }
    int i = 0;
    int n = s.length();
    while (i < n && !isControl(s.charAt(i))) {
      i++;
    }
    if (i == n) {
      return s;
    }
    StringBuilder out = new StringBuilder(n);
    out.append(s, 0, i);
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (!isControl(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isControl(char c) {
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
  }

  /** Cuts {@code title} to {@link FeedParser#MAX_TITLE_CHARS}, logging the cut for {@code feed}. */
  static String title(String title, URI feed) {
    if (title == null || title.length() <= FeedParser.MAX_TITLE_CHARS) {
      return title;
    }
    int end = FeedParser.MAX_TITLE_CHARS - 1;
    if (Character.isHighSurrogate(title.charAt(end - 1))) {
      end--;
    }
    LOG.info(
        "feed {}: title of {} characters cut to {}",
        feed,
        title.length(),
        FeedParser.MAX_TITLE_CHARS);
    return title.substring(0, end).strip() + "…";
  }

  /** Logs that {@code feed} had {@code found} entries of which the first {@code kept} are read. */
  static void entriesCut(URI feed, int found, int kept) {
    LOG.warn("feed {}: {} entries, read the first {}", feed, found, kept);
  }

  /** Logs that {@code feed} nested elements deeper than {@link #MAX_DEPTH} and was flattened. */
  static void depthCut(URI feed) {
    LOG.warn("feed {}: elements nested deeper than {} levels were flattened", feed, MAX_DEPTH);
  }
}
