package org.feedfold.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Element;

/**
 * Finds the page's own headline element: the first {@code <h1>} or {@code <h2>} whose text is the
 * cleaned page title. Infinite-scroll and teaser-heavy templates show several articles on one page;
 * the one under the page's headline is the page's article, whichever is longest.
 *
 * <p>Stateless and thread-safe; reads the tree, changes nothing. Returns {@code null} when the
 * title is unknown or no heading carries it.
 */
final class Headline {
  /** Titles shorter than this are too generic ("News", "Home") to anchor anything. */
  private static final int MIN_TITLE = 12;

  private Headline() {}

  static Element find(Element body, String title) {
    if (title == null || title.length() < MIN_TITLE) {
      return null;
    }
    String want = normalize(title);
    for (Element h : body.select("h1, h2")) {
      String text = normalize(h.text());
      if (text.length() >= MIN_TITLE
          && (text.equals(want)
              || want.startsWith(text) && text.length() * 4 >= want.length() * 3)) {
        return h;
      }
    }
    return null;
  }

  /**
   * Tells whether another heading repeats the headline's template (same tag and classes, same for
   * its parent): the mark of a page that shows several stories, such as infinite scroll.
   */
  static boolean hasTwin(Element headline, Element body) {
    if (headline == null) {
      return false;
    }
    String sig = signature(headline);
    for (Element h : body.getElementsByTag(headline.normalName())) {
      if (h != headline && sig.equals(signature(h)) && !h.text().equals(headline.text())) {
        return true;
      }
    }
    return false;
  }

  private static String signature(Element h) {
    Element p = h.parent();
    return h.className() + '/' + (p == null ? "" : p.normalName() + '.' + p.className());
  }

  /** Returns {@code headline} if it is still inside {@code body}, else null. */
  static Element attached(Element headline, Element body) {
    for (Element p = headline; p != null; p = p.parent()) {
      if (p == body) {
        return headline;
      }
    }
    return null;
  }

  /** Returns the headline and its ancestors, innermost first; empty for a null headline. */
  static List<Element> ancestry(Element headline) {
    List<Element> path = new ArrayList<>();
    for (Element p = headline; p != null; p = p.parent()) {
      path.add(p);
    }
    return path;
  }

  /**
   * Returns the innermost element of an {@link #ancestry} taken before pruning that is still inside
   * {@code body} (the headline itself, or the block around a pruned header box), or null.
   */
  static Element survivor(List<Element> ancestry, Element body) {
    for (Element p : ancestry) {
      if (p == body) {
        return null;
      }
      if (attached(p, body) != null) {
        return p;
      }
    }
    return null;
  }

  private static String normalize(String s) {
    return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
