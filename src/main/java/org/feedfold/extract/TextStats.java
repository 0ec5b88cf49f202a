package org.feedfold.extract;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Counts, for every element under a root in one pass, the visible characters below it, how many of
 * them sit inside links, and how many are clause punctuation in any script.
 *
 * <p>Counts are of non-whitespace characters so that indentation does not inflate them. Not
 * thread-safe; build one per document and discard it when the tree changes.
 */
final class TextStats {
  /** Counts for one element: all text, text inside {@code <a>}, punctuation marks. */
  static final class Counts {
    int text;
    int linkText;
    int commas;
    int prose;

    double linkDensity() {
      return text == 0 ? 0 : (double) linkText / text;
    }
  }

  /** Blocks that hold running text; one this long with few links counts as prose. */
  private static final java.util.Set<String> PROSE =
      java.util.Set.of("p", "blockquote", "pre", "dd");

  private static final int MIN_PROSE = 80;
  private static final Counts EMPTY = new Counts();
  private final Map<Element, Counts> counts = new IdentityHashMap<>();

  private TextStats() {}

  /** Counts the text under {@code root}. */
  static TextStats of(Element root) {
    TextStats stats = new TextStats();
    NodeTraversor.traverse(stats.new Counter(), root);
    return stats;
  }

  Counts get(Element e) {
    Counts c = counts.get(e);
    return c == null ? EMPTY : c;
  }

  int text(Element e) {
    return get(e).text;
  }

  /** Counts the characters in link-poor paragraphs of at least 80 characters under {@code e}. */
  int prose(Element e) {
    return get(e).prose;
  }

  double linkDensity(Element e) {
    return get(e).linkDensity();
  }

  /** Tells whether {@code ch} separates clauses in Latin, CJK, Arabic or Devanagari text. */
  static boolean isComma(char ch) {
    return ch == ',' || ch == '，' || ch == '、' || ch == '،' || ch == '；' || ch == ';' || ch == '。'
        || ch == '।';
  }

  private final class Counter implements NodeVisitor {
    private int linkDepth;

    @Override
    public void head(Node node, int depth) {
      if (node instanceof Element e) {
        counts.put(e, new Counts());
        if (e.nameIs("a")) {
          linkDepth++;
        }
      } else if (node instanceof TextNode t) {
        String s = t.getWholeText();
        int n = 0;
        int commas = 0;
        for (int i = 0; i < s.length(); i++) {
          char ch = s.charAt(i);
          if (ch > ' ' && ch != '\u00a0') {
            n++;
            if (isComma(ch)) {
              commas++;
            }
          }
        }
        if (n == 0) {
          return;
        }
        Element pe = t.parent();
        if (pe != null) {
          Counts c = counts.get(pe);
          if (c != null) {
            c.text += n;
            c.commas += commas;
            if (linkDepth > 0) {
              c.linkText += n;
            }
          }
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element e) {
        if (e.nameIs("a")) {
          linkDepth--;
        }
        // Children are complete when the element ends: fold its totals into the parent's.
        Counts own = counts.get(e);
        if (own != null
            && PROSE.contains(e.normalName())
            && own.text >= MIN_PROSE
            && own.linkText * 4 < own.text) {
          own.prose = own.text;
        }
        Counts parent = e.parent() == null ? null : counts.get(e.parent());
        if (parent != null && own != null) {
          parent.text += own.text;
          parent.linkText += own.linkText;
          parent.commas += own.commas;
          parent.prose += own.prose;
        }
      }
    }
  }
}
