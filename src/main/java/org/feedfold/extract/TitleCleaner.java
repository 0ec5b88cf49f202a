package org.feedfold.extract;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Strips the site name from a page title: "Storm hits coast | Daily Planet" becomes "Storm hits
 * coast". Uses the known site name when there is one, the page's first heading when the title
 * contains it, and otherwise drops a short trailing or leading part after a conventional separator.
 *
 * <p>Stateless and thread-safe. Returns {@code null} only for a {@code null} or blank title.
 */
final class TitleCleaner {
  private static final Pattern SEPARATOR = Pattern.compile("\\s+[|–—»·:•/\\-]{1,2}\\s+");

  private TitleCleaner() {}

  static String clean(String title, String siteName, String heading) {
    if (title == null || title.isBlank()) {
      return heading == null || heading.isBlank() ? null : heading.strip();
    }
    String t = title.strip().replaceAll("\\s+", " ");
    if (heading != null) {
      String h = heading.strip().replaceAll("\\s+", " ");
      if (h.length() >= 15 && !h.equals(t) && t.contains(h)) {
        return h;
      }
    }
    if (siteName != null) {
      String site = siteName.strip().toLowerCase(Locale.ROOT) + ": ";
      if (t.toLowerCase(Locale.ROOT).startsWith(site) && t.length() > site.length()) {
        return t.substring(site.length()).strip();
      }
    }
    String[] parts = SEPARATOR.split(t);
    if (parts.length < 2) {
      return t;
    }
    if (siteName != null) {
      String site = siteName.strip().toLowerCase(Locale.ROOT);
      String first = parts[0].strip();
      String last = parts[parts.length - 1].strip();
      if (last.toLowerCase(Locale.ROOT).equals(site)) {
        return t.substring(0, t.lastIndexOf(last)).replaceFirst("\\s+[|–—»·:•/\\-]{1,2}\\s*$", "");
      }
      if (first.toLowerCase(Locale.ROOT).equals(site)) {
        return t.substring(first.length()).replaceFirst("^\\s*[|–—»·:•/\\-]{1,2}\\s+", "");
      }
    }
    // Only the unambiguous separators mark a site suffix without a known site name.
    if (t.contains(" | ") || t.contains(" » ") || t.contains(" · ")) {
      int cut =
          Math.max(t.lastIndexOf(" | "), Math.max(t.lastIndexOf(" » "), t.lastIndexOf(" · ")));
      String head = t.substring(0, cut).strip();
      String tail = t.substring(cut + 3).strip();
      if (tail.split(" ").length <= 4 && head.length() > tail.length()) {
        return head;
      }
    }
    String last = parts[parts.length - 1];
    if ((t.contains(" - ") || t.contains(" – ") || t.contains(" — "))
        && last.split(" ").length <= 3
        && t.length() - last.length() > 2 * last.length()) {
      return t.substring(0, t.lastIndexOf(last)).replaceFirst("\\s+[–—\\-]\\s*$", "").strip();
    }
    return t;
  }
}
