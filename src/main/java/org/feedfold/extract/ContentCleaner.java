package org.feedfold.extract;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Removes the blocks inside the located article that are not article text: link lists ("Read more",
 * related stories), image galleries without text, empty or form-like boxes, link-only headings and
 * paragraphs, and short blocks that say they are furniture ({@link Boilerplate}).
 *
 * <p>Works bottom-up in one pass, so each decision sees its children already cleaned and counts
 * that reflect them, after Mozilla Readability's "clean conditionally". Stateless and thread-safe;
 * mutates the tree it is given.
 */
final class ContentCleaner {
  private static final Set<String> CONDITIONAL =
      Set.of("div", "section", "table", "ul", "ol", "dl", "form", "fieldset", "figure", "aside");
  private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
  private static final Set<String> LEAF_BLOCKS =
      Set.of("p", "li", "dd", "dt", "span", "strong", "b", "em", "small", "a", "blockquote");

  private ContentCleaner() {}

  /** Cleans {@code content} in place. */
  static void clean(Element content, Hints hints) {
    NodeTraversor.filter(new Filter(content, hints), content);
    dropTrailingHeadings(content);
  }

  /**
   * Removes headings that end the article: they introduced a box (a map, a fact box, related links)
   * that cleaning took away. At most three, so the pass stays cheap.
   */
  private static void dropTrailingHeadings(Element content) {
    for (int i = 0; i < 3; i++) {
      Element last = null;
      for (Element h : content.getAllElements()) {
        if (HEADINGS.contains(h.normalName())) {
          last = h;
        }
      }
      if (last == null) {
        return;
      }
      String heading = last.text().strip();
      if (heading.isEmpty() || !content.text().strip().endsWith(heading)) {
        return;
      }
      last.remove();
    }
  }

  /** Counts kept for one element, from its cleaned children. */
  private static final class Counts {
    int text;
    int linkText;
    int commas;
    int paragraphs;
    int images;
    int items;
    int embeds;

    double linkDensity() {
      return text == 0 ? 0 : (double) linkText / text;
    }

    void add(Counts c) {
      text += c.text;
      linkText += c.linkText;
      commas += c.commas;
      paragraphs += c.paragraphs;
      images += c.images;
      items += c.items;
      embeds += c.embeds;
    }
  }

  private static final class Filter implements NodeFilter {
    private final Element root;
    private final Hints hints;
    private final Map<Element, Counts> counts = new IdentityHashMap<>();

    Filter(Element root, Hints hints) {
      this.root = root;
      this.hints = hints;
    }

    @Override
    public FilterResult head(Node node, int depth) {
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (!(node instanceof Element e)) {
        return FilterResult.CONTINUE;
      }
      Counts c = count(e);
      if (e == root) {
        return FilterResult.CONTINUE;
      }
      if (remove(e, c)) {
        return FilterResult.REMOVE;
      }
      Element parent = e.parent();
      if (parent != null) {
        counts.computeIfAbsent(parent, k -> new Counts()).add(c);
      }
      return FilterResult.CONTINUE;
    }

    /**
     * Tells whether the heading's parent is a mere wrapper around it with content following the
     * wrapper: section headings in their own box ({@code <div><h3>…</h3></div><div>text</div>}).
     */
    private boolean wrapsHeading(Element heading) {
      Element parent = heading.parent();
      return parent != null
          && parent != root
          && parent.childrenSize() == 1
          && parent.nextElementSibling() != null;
    }

    private Counts count(Element e) {
      Counts c = counts.computeIfAbsent(e, k -> new Counts());
      for (Node child : e.childNodes()) {
        if (child instanceof TextNode t) {
          String s = t.getWholeText();
          for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch > ' ' && ch != '\u00a0') {
              c.text++;
              if (TextStats.isComma(ch)) {
                c.commas++;
              }
            }
          }
        }
      }
      switch (e.normalName()) {
        case "a" -> c.linkText = c.text;
        case "p" -> c.paragraphs++;
        case "img", "picture" -> c.images++;
        case "li" -> c.items++;
        case "video", "audio" -> c.embeds++;
        default -> {}
      }
      return c;
    }

    private boolean remove(Element e, Counts c) {
      String tag = e.normalName();
      if (HEADINGS.contains(tag)) {
        if (Boilerplate.commentsHeading(e.text())) {
          // What follows "Comments" / "Kommentare" in the same block is reader talk. The
          // traversal has not reached those siblings yet, so removing them here is safe.
          while (e.nextElementSibling() != null) {
            e.nextElementSibling().remove();
          }
          return true;
        }
        // A heading with nothing after it introduced a block that was cleaned away.
        return c.text == 0
            || c.linkDensity() > 0.5
            || c.text < 80 && Boilerplate.isBoilerplate(e.text())
            || hints.weight(e) < 0
            || e.nextElementSibling() == null && e.parent() != root && !wrapsHeading(e);
      }
      if (LEAF_BLOCKS.contains(tag)) {
        if (c.text > 0 && c.text < 200 && Boilerplate.isBoilerplate(e.text())) {
          return true;
        }
        if (c.text > 0 && c.text < Boilerplate.MAX_CREDIT && Boilerplate.isCredit(e.text())) {
          return true;
        }
        if (tag.equals("p") || tag.equals("li")) {
          return c.text > 0 && c.linkDensity() > 0.8 && c.text < 300;
        }
        return false;
      }
      if (!CONDITIONAL.contains(tag)) {
        return false;
      }
      if (c.text == 0) {
        return c.images == 0 || c.images > 2;
      }
      if (c.text < 200 && Boilerplate.isBoilerplate(e.text())) {
        return true;
      }
      if (c.text < Boilerplate.MAX_CREDIT && Boilerplate.isCredit(e.text())) {
        return true;
      }
      int weight = hints.weight(e);
      if (weight < 0 && c.text < 500) {
        return true;
      }
      boolean list = tag.equals("ul") || tag.equals("ol") || tag.equals("dl");
      double ld = c.linkDensity();
      if (list) {
        return ld > 0.5;
      }
      if (c.commas >= 10) {
        return false;
      }
      if (c.images > 1 && (double) c.paragraphs / c.images < 0.5 && c.text < 200) {
        return true;
      }
      if (c.items > c.paragraphs && ld > 0.3) {
        return true;
      }
      if (c.text < 25 && (c.images == 0 || c.images > 2) && ld > 0) {
        return true;
      }
      if (weight < 25 && ld > 0.35 || weight >= 25 && ld > 0.5) {
        return true;
      }
      return c.embeds > 1 || c.embeds == 1 && c.text < 75;
    }
  }
}
