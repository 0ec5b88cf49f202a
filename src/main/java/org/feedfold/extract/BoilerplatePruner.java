package org.feedfold.extract;

import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Removes from a page everything that can never be article text: scripts and embeds, form controls,
 * hidden elements, navigation, ARIA landmarks that are not the main content, and elements whose
 * class or id names share bars, comment sections, related-post lists, newsletter boxes, cookie
 * banners, captions and the like.
 *
 * <p>Removal by name is weighed against text: an element named like furniture ("header", "sidebar")
 * that holds a large share of the page's text is a misnamed wrapper and stays; strong names
 * ("comments", "share") are removed unless the element is also named like a body and holds most of
 * the text. Stateless and thread-safe; mutates the tree it is given.
 */
final class BoilerplatePruner {
  private static final Set<String> NEVER_TEXT =
      Set.of(
          "script",
          "style",
          "template",
          "svg",
          "canvas",
          "iframe",
          "object",
          "embed",
          "button",
          "select",
          "input",
          "textarea",
          "option",
          "label",
          "link",
          "meta",
          "dialog",
          "menu",
          "figcaption",
          "video",
          "audio",
          "map",
          "math",
          "head",
          "title",
          // Ruby annotations (furigana, pinyin) would split every annotated word in two.
          "rt",
          "rp");
  private static final Set<String> FURNITURE = Set.of("nav", "aside", "footer");
  private static final Set<String> FURNITURE_ROLES =
      Set.of(
          "navigation",
          "complementary",
          "banner",
          "contentinfo",
          "menu",
          "menubar",
          "dialog",
          "alertdialog",
          "search",
          "toolbar",
          "tablist",
          "alert");

  private BoilerplatePruner() {}

  /** Prunes {@code root} in place. */
  static void prune(Element root, Hints hints) {
    TextStats stats = TextStats.of(root);
    int total = Math.max(1, stats.text(root));
    int prose = Math.max(1, stats.prose(root));
    NodeTraversor.filter(new Filter(stats, total, prose, hints), root);
  }

  /** Tells whether inline CSS or attributes hide the element from readers. */
  static boolean hidden(Element e) {
    if (e.hasAttr("hidden") || "true".equals(e.attr("aria-hidden"))) {
      return true;
    }
    String style = e.attr("style");
    if (style.isEmpty()) {
      return false;
    }
    String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
    return s.contains("display:none") || s.contains("visibility:hidden");
  }

  private record Filter(TextStats stats, int total, int prose, Hints hints) implements NodeFilter {
    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof Comment) {
        return FilterResult.REMOVE;
      }
      if (!(node instanceof Element e) || depth == 0) {
        return FilterResult.CONTINUE;
      }
      return remove(e) ? FilterResult.REMOVE : FilterResult.CONTINUE;
    }

    private boolean remove(Element e) {
      String tag = e.normalName();
      if (NEVER_TEXT.contains(tag)) {
        return true;
      }
      if (tag.equals("noscript")) {
        // Script-rendered pages sometimes put the whole article in their no-script fallback.
        return stats.text(e) * 2 < total;
      }
      if (tag.equals("body") || tag.equals("html")) {
        return false;
      }
      if (hidden(e)) {
        return true;
      }
      double share = (double) stats.text(e) / total;
      // A box named like furniture that holds most of the page's prose, or most of its text on
      // pages without paragraphs, is a misnamed wrapper.
      double proseShare = (double) stats.prose(e) / prose;
      boolean wrapper = proseShare >= 0.4 || share >= 0.5;
      if (FURNITURE.contains(tag) || FURNITURE_ROLES.contains(e.attr("role"))) {
        return !wrapper;
      }
      if (tag.equals("form")) {
        return share < 0.25;
      }
      if (tag.equals("header")) {
        // An article's own header often carries the standfirst: page headers have no prose.
        return share < 0.25 && stats.prose(e) == 0;
      }
      int hints = this.hints.bits(e);
      if (hints == 0 || e.hasAttr("itemprop") && e.attr("itemprop").equals("articleBody")) {
        return false;
      }
      boolean positive = (hints & Hints.POSITIVE_NAME) != 0;
      if ((hints & Hints.COMMENTS_NAME) != 0) {
        return !(positive && (share > 0.5 || proseShare > 0.4));
      }
      if ((hints & Hints.STRONG_NAME) != 0) {
        return !wrapper;
      }
      if ((hints & Hints.WEAK_NAME) != 0) {
        return !positive && share < 0.1 && !wrapper;
      }
      return false;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      return FilterResult.CONTINUE;
    }
  }
}
