package org.feedfold.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Finds the lead paragraph (standfirst) that many templates place between the headline and the body
 * container, outside the block the scoring picked.
 *
 * <p>Looks only at the stretch of the page between the headline (the heading carrying the page
 * title, else the first {@code <h1>}) and the start of the body, takes link-poor paragraphs of at
 * least {@value #MIN_LEAD} characters, and gives up when that stretch holds more than {@value
 * #MAX_LEAD} characters of such text (then it is not a lead but a teaser list). Stateless and
 * thread-safe; reads the tree, changes nothing.
 */
final class LeadFinder {
  static final int MIN_LEAD = 50;
  static final int MAX_LEAD = 1500;

  /** Class names of a standfirst in the languages and CMSs seen most. */
  private static final Pattern LEAD_NAMES =
      Pattern.compile(
          "(?<![a-z0-9])(?:lead|intro|perex|standfirst|summary|abstract|chapeau|chapo|vorspann"
              + "|sapo|entradilla|bajada|deck|dek|subtitle|sub-title|excerpt|teaser-text|description"
              + "|article-summary|zajawka|lid)(?![a-z])");

  private LeadFinder() {}

  /** Tells whether {@code e} shares an ancestor with {@code first} within four levels. */
  private static boolean closeTo(Element e, Element first) {
    Element a = first;
    for (int i = 0; i < 4 && a != null; i++) {
      a = a.parent();
      if (a != null && isAncestor(a, e)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the lead blocks before {@code first}, in document order; empty if none. */
  static List<Element> find(Element body, Element first, TextStats stats, Element headline) {
    List<Element> leads = new ArrayList<>();
    boolean afterHeading = false;
    int total = 0;
    for (Element e : body.getAllElements()) {
      if (e == first) {
        return leads;
      }
      if (!afterHeading) {
        afterHeading = headline == null ? e.nameIs("h1") : e == headline;
        boolean candidate = (e.nameIs("p") || e.nameIs("div")) && stats.text(e) >= MIN_LEAD;
        if (!(candidate && LEAD_NAMES.matcher(Hints.names(e)).find() && closeTo(e, first))) {
          continue;
        }
      }
      if (isAncestor(e, first) || hasAncestor(e, "h1") || hasAncestor(e, "h2") || !isLeaf(e)) {
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
