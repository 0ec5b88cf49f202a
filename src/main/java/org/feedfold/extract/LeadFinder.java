package org.feedfold.extract;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * Finds the lead paragraph (standfirst) that many templates place between the headline and the body
 * container, outside the block the scoring picked.
 *
 * <p>Looks only at the stretch of the page between the first {@code <h1>} and the start of the
 * body, takes link-poor paragraphs of at least {@value #MIN_LEAD} characters, and gives up when
 * that stretch holds more than {@value #MAX_LEAD} characters of such text (then it is not a lead
 * but a teaser list). Stateless and thread-safe; reads the tree, changes nothing.
 */
final class LeadFinder {
  static final int MIN_LEAD = 50;
  static final int MAX_LEAD = 1500;

  private LeadFinder() {}

  /** Returns the lead blocks before {@code first}, in document order; empty if none. */
  static List<Element> find(Element body, Element first, TextStats stats) {
    List<Element> leads = new ArrayList<>();
    boolean afterHeading = false;
    int total = 0;
    for (Element e : body.getAllElements()) {
      if (e == first) {
        return leads;
      }
      if (!afterHeading) {
        afterHeading = e.nameIs("h1");
        continue;
      }
      if (isAncestor(e, first) || hasAncestor(e, "h1") || !isLeaf(e)) {
        continue;
      }
      int len = stats.text(e);
      if (len >= MIN_LEAD && stats.linkDensity(e) < 0.3 && !Boilerplate.isBoilerplate(e.text())) {
        total += len;
        if (total > MAX_LEAD) {
          return List.of();
        }
        leads.add(e);
      }
    }
    return List.of();
  }

  /** Tells whether the element is a paragraph-like block with no block children. */
  private static boolean isLeaf(Element e) {
    if (e.nameIs("p")) {
      return true;
    }
    if (!e.nameIs("div")) {
      return false;
    }
    for (Element c : e.children()) {
      if (!ContentLocator.isInline(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasAncestor(Element e, String tag) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p.nameIs(tag)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAncestor(Element ancestor, Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p == ancestor) {
        return true;
      }
    }
    return false;
  }
}
