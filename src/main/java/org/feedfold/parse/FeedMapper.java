package org.feedfold.parse;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.feedfold.model.FeedEntry;
import org.feedfold.model.FeedMeta;
import org.feedfold.parse.TextConstruct.Default;
import org.feedfold.sanitize.SafeHtml;
import org.feedfold.sanitize.Sanitizer;

/**
 * Maps an RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 element tree to Feedfold's records, including the
 * extensions readers expect: {@code content:encoded}, Dublin Core, Media RSS, iTunes basics.
 * Elements are matched by namespace key and local name, so undeclared or unusual prefixes still
 * work; when several elements carry a field, the first in the listed order wins.
 *
 * <p>Not thread-safe: one instance per parse call (it caches each element's base URI).
 */
final class FeedMapper {
  /** Upper bound on entries read from one document; the rest are ignored. */
  static final int MAX_ENTRIES = 10_000;

  private final Map<XmlNode, URI> bases = new IdentityHashMap<>();
  private final URI feedUrl;
  private String version;

  /** Creates a mapper for one document fetched from {@code feedUrl} (nullable; for log lines). */
  FeedMapper(URI feedUrl) {
    this.feedUrl = feedUrl;
  }

  /** The mapped document, before it becomes a {@code ParsedFeed}. */
  record Result(String version, FeedMeta feed, List<FeedEntry> entries) {}

  Result map(XmlNode root, URI documentBase, String doctypeVersion) {
    assignBases(root, documentBase);
    XmlNode container = root;
    List<XmlNode> items = new ArrayList<>();
    switch (root.name) {
      case "rss" -> {
        version = rssVersion(root.attr("version"), doctypeVersion);
        container = firstOr(root, "channel", root);
        collect(container, "item", items);
        if (container != root) {
          collect(root, "item", items);
        }
      }
      case "rdf:rdf" -> {
        container = firstOr(root, "channel", root);
        boolean netscape =
            container.ns.equals(Namespaces.RSS090)
                || Namespaces.RSS090.equals(root.attrs.get("xmlns"));
        version = netscape ? "rss090" : "rss10";
        collect(root, "item", items);
        if (items.isEmpty()) {
          collect(container, "item", items);
        }
      }
      case "feed" -> {
        version =
            root.ns.equals(Namespaces.ATOM03) || "0.3".equals(root.attr("version"))
                ? "atom03"
                : root.ns.equals(Namespaces.ATOM10) ? "atom10" : "atom";
        collect(root, "entry", items);
      }
      default -> {
        XmlNode channel = first(root, "channel");
        if (root.name.equals("channel")) {
          channel = root;
        }
        version = channel != null && channel == root ? "cdf" : "";
        container = channel != null ? channel : root;
        collect(container, "item", items);
        collect(container, "entry", items);
      }
    }
    boolean atom = version.startsWith("atom");
    FeedMeta meta = feedMeta(container, root, atom);
    List<FeedEntry> entries = new ArrayList<>(Math.min(items.size(), MAX_ENTRIES));
    for (XmlNode item : items) {
      if (entries.size() >= MAX_ENTRIES) {
        InputLimits.entriesCut(feedUrl, items.size(), MAX_ENTRIES);
        break;
      }
      entries.add(entry(item, atom));
    }
    return new Result(version, meta, entries);
  }

  private static String rssVersion(String v, String doctypeVersion) {
    if (v == null) {
      return doctypeVersion != null ? doctypeVersion : "rss";
    }
    return switch (v.strip()) {
      case "0.90" -> "rss090";
      case "0.91" -> doctypeVersion != null ? doctypeVersion : "rss091u";
      case "0.92" -> "rss092";
      case "0.93" -> "rss093";
      case "0.94" -> "rss094";
      default -> v.strip().startsWith("2") ? "rss20" : "rss";
    };
  }

  private void assignBases(XmlNode node, URI parent) {
    URI base = Sanitizer.base(parent, node.attrs.get("xml:base"));
    bases.put(node, base);
    for (Object c : node.children) {
      if (c instanceof XmlNode child) {
        assignBases(child, base);
      }
    }
  }

  private FeedMeta feedMeta(XmlNode c, XmlNode root, boolean atom) {
    String title = InputLimits.title(text(c, atom, Default.TEXT, "title", "dc:title"), feedUrl);
    String link = link(c, atom);
    if (link == null && c.attr("href") != null) {
      link = Sanitizer.resolve(bases.get(c), c.attr("href"));
    }
    String subtitle =
        text(
            c,
            atom,
            Default.HTML,
            "subtitle",
            "tagline",
            "description",
            "dc:description",
            "itunes:subtitle",
            "itunes:summary",
            "abstract",
            "info");
    String id = plain(c, "id", "guid", "dc:identifier");
    if (id != null && atom && !id.contains(":")) {
      id = Sanitizer.resolve(bases.get(first(c, "id")), id);
    }
    String language = plain(c, "language", "dc:language");
    if (language == null) {
      language = root.attrs.get("xml:lang");
    }
    Instant published =
        date(c, "published", "pubdate", "issued", "dcterms:issued", "dcterms:created");
    Instant updated =
        date(c, "updated", "modified", "lastbuilddate", "dc:date", "dcterms:modified");
    String author =
        author(
            c, "author", "managingeditor", "dc:creator", "dc:author", "itunes:author", "webmaster");
    return new FeedMeta(
        title,
        link,
        subtitle,
        id,
        language,
        published,
        updated,
        author,
        refresh(c),
        linkRel(c, "hub"),
        linkRel(c, "self"));
  }

  /**
   * Returns the {@code href} of the first {@code link} child (Atom, or {@code atom:link} in RSS)
   * whose {@code rel} has the token {@code rel}, resolved; {@code null} when none. WebSub §4
   * (discovery) reads {@code hub} and {@code self} this way.
   */
  private String linkRel(XmlNode parent, String rel) {
    for (Object c : parent.children) {
      if (c instanceof XmlNode n && n.name.equals("link") && n.attr("href") != null) {
        String rels = n.attr("rel");
        if (rels != null
            && Arrays.asList(rels.strip().toLowerCase(Locale.ROOT).split("\\s+")).contains(rel)) {
          return Sanitizer.resolve(bases.get(n), n.attr("href").strip());
        }
      }
    }
    return null;
  }

  /** Longest refresh hint honoured; a larger one is clamped (the schedule caps it anyway). */
  private static final Duration MAX_REFRESH = Duration.ofDays(365);

  /**
   * Returns the publisher's refresh hint: RSS 2.0 {@code <ttl>} (minutes, "how long a channel can
   * be cached before refreshing") and the syndication module's {@code sy:updatePeriod} divided by
   * {@code sy:updateFrequency} (defaults {@code daily} and 1), the longer when both are present;
   * {@code null} when neither is, or when a value is malformed.
   */
  private static Duration refresh(XmlNode channel) {
    Duration ttl = null;
    String minutes = plain(channel, "ttl");
    if (minutes != null && minutes.length() <= 7 && minutes.chars().allMatch(Character::isDigit)) {
      long m = Long.parseLong(minutes);
      ttl = m > 0 ? Duration.ofMinutes(m) : null;
    }
    Duration sy = null;
    String period = plain(channel, "sy:updateperiod");
    String frequency = plain(channel, "sy:updatefrequency");
    if (period != null || frequency != null) {
      Duration p =
          switch (period == null ? "daily" : period.toLowerCase(Locale.ROOT)) {
            case "hourly" -> Duration.ofHours(1);
            case "daily" -> Duration.ofDays(1);
            case "weekly" -> Duration.ofDays(7);
            case "monthly" -> Duration.ofDays(30);
            case "yearly" -> Duration.ofDays(365);
            default -> null;
          };
      long f = 1;
      if (frequency != null) {
        f =
            frequency.length() <= 6 && frequency.chars().allMatch(Character::isDigit)
                ? Long.parseLong(frequency)
                : 0;
      }
      sy = p == null || f < 1 ? null : p.dividedBy(f);
    }
    Duration hint = ttl == null ? sy : sy == null || ttl.compareTo(sy) >= 0 ? ttl : sy;
    return hint == null || hint.compareTo(MAX_REFRESH) <= 0 ? hint : MAX_REFRESH;
  }

  private FeedEntry entry(XmlNode item, boolean atom) {
    XmlNode group = first(item, "media:group");
    String title = text(item, atom, Default.TEXT, "title", "dc:title", "media:title");
    if (title == null && group != null) {
      title = text(group, atom, Default.TEXT, "media:title");
    }
    title = InputLimits.title(title, feedUrl);
    String link = link(item, atom);
    if (link == null && item.attr("href") != null) {
      // Microsoft CDF puts the link in an attribute.
      link = Sanitizer.resolve(bases.get(item), item.attr("href"));
    }
    XmlNode guid = first(item, "guid");
    if (link == null && guid != null && !"false".equalsIgnoreCase(guid.attr("isPermaLink"))) {
      String g = guid.text().strip();
      if (g.startsWith("http://") || g.startsWith("https://")) {
        link = Sanitizer.resolve(bases.get(guid), g);
      }
    }
    SafeHtml content =
        body(
            item,
            atom,
            Default.HTML,
            "content:encoded",
            "content",
            "xhtml:body",
            "body",
            "fullitem");
    SafeHtml summary;
    XmlNode[] both = atom ? null : descriptionAndSummary(item);
    if (both != null) {
      // RSS with both: the first is the summary, the second the fuller text (as feedparser reads).
      summary = TextConstruct.html(both[0], Default.HTML, bases, false);
      if (content == null) {
        content = TextConstruct.html(both[1], Default.HTML, bases, false);
      }
    } else {
      summary =
          body(item, atom, Default.HTML, "summary", "description", "dc:description", "abstract");
    }
    if (summary == null) {
      summary = body(item, atom, Default.HTML, "itunes:summary", "media:description");
    }
    if (summary == null && group != null) {
      summary = body(group, atom, Default.HTML, "media:description");
    }
    Instant published =
        date(item, "published", "pubdate", "issued", "dcterms:issued", "dcterms:created");
    Instant updated = date(item, "updated", "modified", "dc:date", "dcterms:modified");
    String author = author(item, "author", "dc:creator", "itunes:author", "dc:author");
    String id = plain(item, "id", "guid", "dc:identifier");
    if (id != null && atom && !id.contains(":")) {
      // RFC 4287 4.2.6 requires an IRI; a relative one is relative to xml:base.
      id = Sanitizer.resolve(bases.get(first(item, "id")), id);
    }
    if (id == null && item.attr("rdf:about") != null) {
      id = item.attr("rdf:about").strip();
    }
    if (id == null || id.isEmpty()) {
      id = link != null && !link.isEmpty() ? link : EntryIds.hash(title, published, updated);
    }
    return new FeedEntry(
        id,
        title,
        link,
        published,
        updated,
        author,
        summary,
        content,
        EntryAttachments.categories(item),
        EntryAttachments.enclosures(item, bases));
  }

  private static XmlNode[] descriptionAndSummary(XmlNode item) {
    XmlNode firstFound = null;
    for (XmlNode n : item.elements()) {
      if (n.name.equals("description") || n.name.equals("summary")) {
        if (firstFound == null) {
          firstFound = n;
        } else if (!n.name.equals(firstFound.name)) {
          return new XmlNode[] {firstFound, n};
        }
      }
    }
    return null;
  }

  private String text(XmlNode parent, boolean atom, Default def, String... names) {
    Construct c = construct(parent, atom, def, names);
    return c == null ? null : TextConstruct.value(c.node(), c.def(), bases, atom10());
  }

  /** Like {@link #text} for a construct shown as HTML: sanitised HTML, or escaped plain text. */
  private SafeHtml body(XmlNode parent, boolean atom, Default def, String... names) {
    Construct c = construct(parent, atom, def, names);
    return c == null ? null : TextConstruct.html(c.node(), c.def(), bases, atom10());
  }

  private boolean atom10() {
    return "atom10".equals(version);
  }

  /** Is the first element found of a text construct and what it holds when it does not say. */
  private record Construct(XmlNode node, Default def) {}

  private static Construct construct(XmlNode parent, boolean atom, Default def, String... names) {
    for (String name : names) {
      XmlNode n = first(parent, name);
      if (n != null) {
        Default d = def == Default.TEXT && !atom ? Default.GUESS : def;
        if (atom && n.attr("type") == null && n.attr("mode") == null && !name.contains(":")) {
          d = Default.TEXT;
          if (name.equals("content") && n.hasElementChildren()) {
            d = Default.HTML;
          }
        }
        return new Construct(n, d);
      }
    }
    return null;
  }

  private static String plain(XmlNode parent, String... names) {
    for (String name : names) {
      XmlNode n = first(parent, name);
      if (n != null) {
        String t = n.text().strip();
        if (!t.isEmpty()) {
          return t;
        }
      }
    }
    return null;
  }

  private static Instant date(XmlNode parent, String... names) {
    for (String name : names) {
      XmlNode n = first(parent, name);
      if (n != null) {
        Instant i = DateParser.parse(n.text());
        if (i != null) {
          return i;
        }
      }
    }
    return null;
  }

  /** Reads an author as plain text: an Atom person's name, else the element's text. */
  private static String author(XmlNode parent, String... names) {
    for (String name : names) {
      XmlNode n = first(parent, name);
      if (n == null) {
        continue;
      }
      String value;
      if (n.hasElementChildren()) {
        value = plain(n, "name");
        if (value == null) {
          value = plain(n, "email");
        }
      } else {
        value = n.text().strip();
      }
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return null;
  }

  /** Reads the alternate link: Atom-style {@code link href} (RFC 4287 4.2.7) or RSS text. */
  private String link(XmlNode parent, boolean atom) {
    String textLink = null;
    String hrefLink = null;
    for (Object c : parent.children) {
      if (!(c instanceof XmlNode n) || !n.name.equals("link")) {
        continue;
      }
      String href = n.attr("href");
      if (href != null) {
        String rel = n.attr("rel");
        if (hrefLink == null && (rel == null || rel.strip().equalsIgnoreCase("alternate"))) {
          hrefLink = Sanitizer.resolve(bases.get(n), href);
        }
      } else if (atom) {
        String rel = n.attr("rel");
        String t = n.text().strip();
        if (hrefLink == null
            && !t.isEmpty()
            && (rel == null || rel.equalsIgnoreCase("alternate"))) {
          hrefLink = Sanitizer.resolve(bases.get(n), t);
        }
      } else if (textLink == null) {
        String t = n.text().strip();
        if (!t.isEmpty()) {
          textLink = Sanitizer.resolve(bases.get(n), t);
        }
      }
    }
    return textLink != null ? textLink : hrefLink;
  }

  private static void collect(XmlNode parent, String name, List<XmlNode> into) {
    for (Object c : parent.children) {
      if (c instanceof XmlNode n && n.name.equals(name)) {
        into.add(n);
      }
    }
  }

  static XmlNode first(XmlNode parent, String name) {
    for (Object c : parent.children) {
      if (c instanceof XmlNode n && n.name.equals(name)) {
        return n;
      }
    }
    return null;
  }

  private static XmlNode firstOr(XmlNode parent, String name, XmlNode fallback) {
    XmlNode n = first(parent, name);
    return n != null ? n : fallback;
  }
}
