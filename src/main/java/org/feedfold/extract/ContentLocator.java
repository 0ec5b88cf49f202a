package org.feedfold.extract;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Finds the element that holds the article body by scoring paragraphs and passing their scores up
 * to their ancestors, then gathers sibling blocks that continue the article.
 *
 * <p>The scoring follows Mozilla Readability's outline: a paragraph earns points for length and
 * clause punctuation (counted in Latin, CJK and Arabic scripts), loses them for link text, and
 * hands them to its parent, grandparent and further ancestors with decay; class and id names add or
 * subtract a fixed weight. Text statistics carry the decision, names only nudge it, so pages in any
 * language and template work. Stateless and thread-safe; reads the tree, changes nothing.
 */
final class ContentLocator {
  /** Paragraphs shorter than this many visible characters are too short to vote. */
  private static final int MIN_PARAGRAPH = 25;

  private static final Set<String> PARAGRAPHS = Set.of("p", "pre", "td", "blockquote", "dd", "li");
  private static final Set<String> CONTAINERS =
      Set.of("div", "section", "article", "main", "font", "center", "span", "body", "td");
  private static final Set<String> INLINE =
      Set.of(
          "a", "span", "em", "strong", "b", "i", "u", "font", "small", "sub", "sup", "abbr", "time",
          "mark", "code", "q", "cite", "br", "s", "strike", "del", "ins", "big", "tt", "var", "dfn",
          "bdi", "bdo", "wbr", "nobr", "kbd", "samp", "img");

  private static final Pattern ENDS_SENTENCE = Pattern.compile("[.!?。！？]\\s*$");

  private ContentLocator() {}

  /**
   * Returns the top-scoring element and the sibling blocks around it, in document order; {@code
   * stats} must describe {@code body} as it is now. When the page's {@code headline} (may be null;
   * may be the surviving block around a pruned headline) sits in a block of its own with body text,
   * the search stays inside that block.
   */
  static List<Element> locate(Element body, TextStats stats, Hints hints, Element headline) {
    Map<Element, double[]> scores = new IdentityHashMap<>();
    for (Element e : body.getAllElements()) {
      int own = ownText(e, stats);
      if (own < MIN_PARAGRAPH) {
        continue;
      }
      if (!PARAGRAPHS.contains(e.normalName()) && !CONTAINERS.contains(e.normalName())) {
        continue;
      }
      double linkFree = 1 - stats.linkDensity(e);
      double score = (1 + stats.get(e).commas + Math.min(3, own / 100.0)) * linkFree * linkFree;
      Element ancestor = PARAGRAPHS.contains(e.normalName()) ? e.parent() : e;
      for (int level = 0; ancestor != null && level < 5; level++) {
        double[] s = scores.computeIfAbsent(ancestor, a -> initialScore(a, hints));
        s[0] += score / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
        if (ancestor == body) {
          break;
        }
        ancestor = ancestor.parent();
      }
    }
    Element top = null;
    double topScore = 0;
    for (Map.Entry<Element, double[]> entry : scores.entrySet()) {
      double s = entry.getValue()[0] * (1 - stats.linkDensity(entry.getKey()));
      entry.getValue()[0] = s;
      if (s > topScore) {
        topScore = s;
        top = entry.getKey();
      }
    }
    if (top == null) {
      return List.of(body);
    }
    Element scope = body;
    Element home = headlineBlock(headline, top, topScore, scores, body);
    if (home != null) {
      scope = home;
      top = null;
      topScore = 0;
      for (Map.Entry<Element, double[]> entry : scores.entrySet()) {
        if (entry.getValue()[0] > topScore && isAncestor(home, entry.getKey())) {
          topScore = entry.getValue()[0];
          top = entry.getKey();
        }
      }
    }
    top = commonAncestor(top, topScore, scores, scope);
    top = climb(top, topScore, scores, scope);
    return gatherSiblings(top, scores, stats, body, hints);
  }

  /**
   * Returns the block around the headline that holds body text of its own while the best block lies
   * elsewhere (the next story of an infinite-scroll page, a long teaser list), or null when the
   * best block already belongs to the headline. Looks at most four levels up from the headline.
   */
  private static Element headlineBlock(
      Element headline, Element top, double topScore, Map<Element, double[]> scores, Element body) {
    if (headline == null) {
      return null;
    }
    Element a = headline;
    for (int level = 0; level < 5 && a != null && a != body; level++, a = a.parent()) {
      if (a == top || isAncestor(a, top) || isAncestor(top, a)) {
        return null;
      }
      for (Map.Entry<Element, double[]> entry : scores.entrySet()) {
        if (entry.getValue()[0] >= topScore * 0.3 && isAncestor(a, entry.getKey())) {
          return hasTwinAncestor(top, a) ? a : null;
        }
      }
    }
    return null;
  }

  /**
   * Tells whether an ancestor of {@code e} repeats the tag and class of {@code block}: the next
   * story of an infinite-scroll page uses the same template as the first.
   */
  private static boolean hasTwinAncestor(Element e, Element block) {
    String name = block.normalName();
    String cls = block.className();
    if (cls.isEmpty() && !name.equals("article")) {
      return false;
    }
    for (Element p = e; p != null; p = p.parent()) {
      if (p.normalName().equals(name) && p.className().equals(cls)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the nearest ancestor of {@code top} that also holds two other candidates scoring at
   * least half as well: an article split into sections or CMS rows scores as several blocks.
   */
  private static Element commonAncestor(
      Element top, double topScore, Map<Element, double[]> scores, Element body) {
    List<Element> rivals = new ArrayList<>();
    for (Map.Entry<Element, double[]> entry : scores.entrySet()) {
      Element e = entry.getKey();
      if (e != top
          && entry.getValue()[0] >= topScore * 0.5
          && !isAncestor(e, top)
          && !isAncestor(top, e)) {
        rivals.add(e);
      }
    }
    if (rivals.size() < 2) {
      return top;
    }
    for (Element p = top.parent(); p != null && p != body; p = p.parent()) {
      int contained = 0;
      for (Element r : rivals) {
        if (isAncestor(p, r)) {
          contained++;
        }
      }
      if (contained >= 2) {
        return p;
      }
    }
    return top;
  }

  private static boolean isAncestor(Element ancestor, Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** Moves up while an ancestor scores nearly as well: the article is split over blocks. */
  private static Element climb(
      Element top, double topScore, Map<Element, double[]> scores, Element body) {
    double last = topScore;
    double threshold = topScore / 3;
    for (Element p = top.parent(); p != null && p != body; p = p.parent()) {
      double[] s = scores.get(p);
      if (s == null) {
        continue;
      }
      if (s[0] < threshold) {
        break;
      }
      if (s[0] > last) {
        return p;
      }
      last = s[0];
    }
    // A lone child adds nothing: its parent holds the same content with the same context.
    while (top.parent() != null && top.parent() != body && top.parent().childrenSize() == 1) {
      top = top.parent();
    }
    return top;
  }

  private static List<Element> gatherSiblings(
      Element top, Map<Element, double[]> scores, TextStats stats, Element body, Hints hints) {
    Element parent = top.parent();
    if (parent == null || top == body) {
      return List.of(top);
    }
    double topScore = scores.get(top) == null ? 0 : scores.get(top)[0];
    double threshold = Math.max(10, topScore * 0.2);
    List<Element> out = new ArrayList<>();
    String topClass = top.className();
    List<Element> gap = new ArrayList<>();
    for (Element sibling : parent.children()) {
      if (sibling == top) {
        out.addAll(gap);
        gap.clear();
        out.add(sibling);
        continue;
      }
      double[] s = scores.get(sibling);
      double score = s == null ? 0 : s[0];
      if (!topClass.isEmpty() && topClass.equals(sibling.className())) {
        score += topScore * 0.2;
      }
      boolean keep = score >= threshold;
      if (!keep && hints.weight(sibling) >= 0) {
        int len = stats.text(sibling);
        double ld = stats.linkDensity(sibling);
        boolean paragraph = PARAGRAPHS.contains(sibling.normalName()) || sibling.nameIs("ul");
        keep =
            len > 80 && ld < 0.25
                || paragraph
                    && len > 0
                    && ld == 0
                    && len <= 80
                    && ENDS_SENTENCE.matcher(sibling.text()).find();
      }
      if (keep) {
        // Blocks between two kept ones (a quote box, a short paragraph, a subheading) are part
        // of the article unless they are link lists.
        out.addAll(gap);
        gap.clear();
        out.add(sibling);
      } else if (!out.isEmpty() && stats.text(sibling) > 0 && stats.linkDensity(sibling) < 0.5) {
        gap.add(sibling);
      }
    }
    return out;
  }

  private static double[] initialScore(Element e, Hints hints) {
    double base =
        switch (e.normalName()) {
          case "div" -> 5;
          case "article" -> 10;
          case "main" -> 5;
          case "pre", "td", "blockquote" -> 3;
          case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
          case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
          default -> 0;
        };
    if ("articleBody".equals(e.attr("itemprop"))) {
      base += 30;
    }
    return new double[] {base + hints.weight(e)};
  }

  static boolean isInline(Element e) {
    return INLINE.contains(e.normalName());
  }

  /** Counts the text an element carries itself, outside its block-level children. */
  static int ownText(Element e, TextStats stats) {
    if (PARAGRAPHS.contains(e.normalName())) {
      return stats.text(e);
    }
    int n = 0;
    for (Node child : e.childNodes()) {
      if (child instanceof TextNode t) {
        n += visible(t.getWholeText());
      } else if (child instanceof Element c && INLINE.contains(c.normalName())) {
        n += stats.text(c);
      }
    }
    return n;
  }

  private static int visible(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch > ' ' && ch != '\u00a0') {
        n++;
      }
    }
    return n;
  }
}
