package org.feedfold.parse;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.feedfold.model.Enclosure;
import org.feedfold.sanitize.Sanitizer;

/**
 * Reads an entry's categories (RSS, Atom, Dublin Core, Media RSS, iTunes) and its enclosures (RSS
 * {@code enclosure}, Atom {@code link rel="enclosure"}, Media RSS content and, failing those, a
 * thumbnail), with URLs resolved against each element's base and duplicates removed. Thread-safe
 * (stateless).
 */
final class EntryAttachments {
  private EntryAttachments() {}

  static List<String> categories(XmlNode item) {
    Set<String> out = new LinkedHashSet<>();
    for (XmlNode n : item.elements()) {
      if (n.name.equals("itunes:category")) {
        addItunesCategories(n, out);
      } else if (n.name.equals("category")
          || n.name.equals("dc:subject")
          || n.name.equals("media:category")) {
        String term = n.attr("term");
        String v = term != null ? term.strip() : n.text().strip();
        if (!v.isEmpty()) {
          out.add(v);
        }
      } else if (n.name.equals("itunes:keywords") || n.name.equals("media:keywords")) {
        for (String k : n.text().split(",")) {
          if (!k.isBlank()) {
            out.add(k.strip());
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /** Adds iTunes categories, which nest subcategories and carry their name in {@code text}. */
  private static void addItunesCategories(XmlNode n, Set<String> out) {
    String text = n.attr("text");
    if (text != null && !text.isBlank()) {
      out.add(text.strip());
    }
    for (XmlNode sub : n.elements()) {
      if (sub.name.equals("itunes:category")) {
        addItunesCategories(sub, out);
      }
    }
  }

  static List<Enclosure> enclosures(XmlNode item, Map<XmlNode, URI> bases) {
    List<Enclosure> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    List<XmlNode> media = new ArrayList<>();
    for (XmlNode n : item.elements()) {
      switch (n.name) {
        case "enclosure" ->
            add(out, seen, bases, n, n.attr("url"), n.attr("type"), n.attr("length"));
        case "link" -> {
          if ("enclosure".equalsIgnoreCase(n.attr("rel"))) {
            add(out, seen, bases, n, n.attr("href"), n.attr("type"), n.attr("length"));
          }
        }
        case "media:content" -> media.add(n);
        case "media:group" -> {
          for (XmlNode g : n.elements()) {
            if (g.name.equals("media:content")) {
              media.add(g);
            }
          }
        }
        default -> {}
      }
    }
    for (XmlNode m : media) {
      add(out, seen, bases, m, m.attr("url"), m.attr("type"), m.attr("fileSize"));
    }
    if (out.isEmpty()) {
      // A thumbnail is the only picture many news items carry; keep it rather than lose it.
      XmlNode thumb = FeedMapper.first(item, "media:thumbnail");
      if (thumb != null) {
        add(out, seen, bases, thumb, thumb.attr("url"), "image/*", null);
      }
    }
    return out;
  }

  private static void add(
      List<Enclosure> out,
      Set<String> seen,
      Map<XmlNode, URI> bases,
      XmlNode n,
      String url,
      String type,
      String length) {
    if (url == null || url.isBlank()) {
      return;
    }
    String resolved = Sanitizer.resolve(bases.get(n), url);
    if (resolved.isEmpty() || !seen.add(resolved)) {
      return;
    }
    Long len = null;
    if (length != null) {
      try {
        len = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        len = null;
      }
    }
    out.add(
        new Enclosure(resolved, type == null ? null : type.strip().toLowerCase(Locale.ROOT), len));
  }
}
