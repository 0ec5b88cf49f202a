package org.feedfold.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/**
 * Finds what would run script in a browser that shows an HTML field of our output: script and
 * frame-like elements, event-handler attributes, URLs with a scheme that runs code, and CSS that
 * loads or evaluates. Parses with jsoup the way a reader's HTML view would.
 */
final class ActiveContent {
  private static final Set<String> ACTIVE_ELEMENTS =
      Set.of(
          "script",
          "iframe",
          "frame",
          "frameset",
          "object",
          "embed",
          "applet",
          "base",
          "meta",
          "link",
          "style",
          "handler",
          "listener",
          "layer",
          "bgsound");
  private static final Set<String> ANIMATION_VALUES = Set.of("values", "from", "to", "by");

  private ActiveContent() {}

  /** Returns a description of each active construct in {@code html}; empty when it is inert. */
  static List<String> in(String html) {
    List<String> found = new ArrayList<>();
    if (html == null) {
      return found;
    }
    for (Element e : Jsoup.parseBodyFragment(html).getAllElements()) {
      String tag = e.normalName();
      if (ACTIVE_ELEMENTS.contains(tag)) {
        found.add("<" + tag + ">");
      }
      for (Attribute a : e.attributes()) {
        String key = a.getKey().toLowerCase(Locale.ROOT);
        String value = a.getValue();
        if (key.startsWith("on") || key.equals("srcdoc") || key.equals("formaction")) {
          found.add(tag + " " + key + "=" + value);
        } else if (key.equals("attributename")
            && (value.strip().toLowerCase(Locale.ROOT).endsWith("href")
                || value.strip().toLowerCase(Locale.ROOT).startsWith("on"))) {
          // An SVG animation that writes a link or a handler can write script into it.
          found.add(tag + " attributeName=" + value);
        } else if (ANIMATION_VALUES.contains(key) && anyRunnable(value.split(";"))) {
          found.add(tag + " " + key + "=" + value);
        } else if (isRunnableUrl(value)) {
          found.add(tag + " " + key + "=" + value);
        } else if (key.equals("style") && isActiveCss(value)) {
          found.add(tag + " style=" + value);
        }
      }
    }
    return found;
  }

  /**
   * Says whether {@code url}, as a browser reads it, has a javascript:, vbscript: or data: scheme.
   */
  static boolean isRunnableUrl(String url) {
    if (url == null) {
      return false;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      // Browsers drop ASCII whitespace and C0 controls inside a scheme.
      if (c > ' ' && c != 0x7f) {
        b.append(Character.toLowerCase(c));
      }
    }
    String s = b.toString();
    return s.startsWith("javascript:")
        || s.startsWith("vbscript:")
        || s.startsWith("data:")
        || s.startsWith("livescript:");
  }

  private static boolean anyRunnable(String[] urls) {
    for (String u : urls) {
      if (isRunnableUrl(u)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isActiveCss(String css) {
    String s = css.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    return s.contains("expression(")
        || s.contains("url(")
        || s.contains("javascript:")
        || s.contains("-moz-binding")
        || s.contains("behavior:");
  }
}
