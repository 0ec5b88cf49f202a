package org.feedfold.serve;

import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import com.rometools.rome.io.impl.DateParser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * Renders a feed view as Atom 1.0 (RFC 4287) through Rome's {@link WireFeedOutput}.
 *
 * <p>Each story is one entry: {@code id} {@code urn:feedfold:story:<id>}, {@code updated} the
 * story's last change to the millisecond (distinct within the document, see {@link
 * FeedView#entryUpdated}), {@code published} its first sighting, the alternate link the original
 * article, one {@code rel="related"} link per outlet, and {@code <source>} naming the outlet that
 * had it first (id {@code urn:feedfold:outlet:<name>}, updated its copy's time). The output passes
 * the W3C Feed Validator without warnings ({@code FeedValidityIT}). An archive document (RFC 5005
 * §4) links {@code current}, {@code prev-archive} and {@code next-archive} and carries {@code
 * <fh:archive/>}. Titles are text constructs; links whose scheme could run code are left out. Pure
 * and thread-safe.
 *
 * <p>A page rendered with kept entries has its entries written by {@link AtomEntryWriter} (Rome
 * writes the ones it leaves) and its head kept, byte for byte the page Rome writes whole; the three
 * ways of writing stay in this one file (over 400 lines) because their bytes must agree.
 */
final class AtomRenderer {
  static final String MEDIA_TYPE = "application/atom+xml; charset=utf-8";

  /** RFC 3339 in UTC with exactly three fraction digits: {@code 2026-11-27T10:00:00.000Z}. */
  private static final DateTimeFormatter MILLIS =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
          .toFormatter(java.util.Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC);

  private AtomRenderer() {}

  /** Returns the UTF-8 Atom document for {@code view}. */
  static byte[] render(FeedView view) {
    return render(view, null);
  }

  /**
   * Returns the UTF-8 Atom document for {@code view}, taking each entry from {@code entries} when
   * it holds it (rendering and keeping it otherwise); byte for byte what {@link #render(FeedView)}
   * gives. {@code null} renders every entry.
   */
  static byte[] render(FeedView view, EntryCache entries) {
    if (entries != null) {
      return renderKept(view, entries);
    }
    Feed feed = head(view, Date.from(view.updated()));
    List<Entry> all = new ArrayList<>();
    for (Story story : view.stories()) {
      all.add(entry(story));
    }
    feed.setEntries(all);
    try {
      Document doc = new WireFeedOutput().outputJDom(feed);
      preciseUpdated(doc, view.entryUpdated().stream().map(MILLIS::format).toList());
      if (view.archive().document()) {
        markArchive(doc.getRootElement(), doc.getRootElement().getNamespace());
      }
      String xml =
          new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).outputString(doc);
      return xml.getBytes(StandardCharsets.UTF_8);
    } catch (FeedException e) {
      // Only reachable through a bug in the bean we built; not an input problem.
      throw new IllegalStateException("Atom rendering failed", e);
    }
  }

  /** Returns the feed element of {@code view} without entries, {@code updated} its time. */
  private static Feed head(FeedView view, Date updated) {
    Feed feed = new Feed("atom_1.0");
    feed.setEncoding("UTF-8");
    feed.setId(view.link(view.selfPath()).toString());
    feed.setTitle(view.title());
    feed.setUpdated(updated);
    feed.setAlternateLinks(List.of(link("alternate", view.base().toString(), null)));
    List<Link> links = new ArrayList<>();
    links.add(link("self", view.selfLink().toString(), "application/atom+xml"));
    // RFC 5005 §3: a paged feed links its neighbours.
    FeedView.Paging paging = view.paging();
    for (String[] rel :
        new String[][] {
          {"first", paging.first()}, {"previous", paging.previous()}, {"next", paging.next()}
        }) {
      if (rel[1] != null) {
        links.add(link(rel[0], view.link(rel[1]).toString(), "application/atom+xml"));
      }
    }
    // RFC 5005 §4: an archived feed links its archive documents and they link back.
    FeedView.Archive archive = view.archive();
    for (String[] rel :
        new String[][] {
          {"current", archive.current()},
          {"prev-archive", archive.previous()},
          {"next-archive", archive.next()}
        }) {
      if (rel[1] != null) {
        links.add(link(rel[0], view.link(rel[1]).toString(), "application/atom+xml"));
      }
    }
    if (view.hub() != null) {
      // WebSub §4: a publisher advertises its hub next to the self link.
      links.add(link("hub", view.hub().toString(), null));
    }
    feed.setOtherLinks(links);
    Person author = new Person();
    author.setName(view.title());
    feed.setAuthors(List.<SyndPerson>of(author));
    Generator generator = new Generator();
    generator.setValue("Feedfold");
    feed.setGenerator(generator);
    return feed;
  }

  /** Rome's W3C date-time ({@link DateParser#formatW3CDateTime}): whole seconds, in UTC. */
  private static final DateTimeFormatter W3C =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
          .toFormatter(Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC);

  /**
   * Returns {@code t} as Rome writes a date ({@link DateParser#formatW3CDateTime}, which builds a
   * {@code SimpleDateFormat} at every call) from one formatter kept: the same text for years 1583
   * to 9999 (Rome's calendar is Julian before the Gregorian reform, and writes larger years without
   * a sign); Rome's own for any other.
   */
  static String w3c(Instant t) {
    int year = t.atOffset(java.time.ZoneOffset.UTC).getYear();
    return year >= 1583 && year <= 9999
        ? W3C.format(t)
        : DateParser.formatW3CDateTime(Date.from(t), Locale.US);
  }

  /** Stands for the feed's {@code updated} in a kept head; the epoch, which no feed has. */
  private static final Date HEAD_MARK = new Date(0);

  private static final String HEAD_MARK_TEXT =
      "<updated>" + DateParser.formatW3CDateTime(HEAD_MARK, Locale.US) + "</updated>";

  /** Keeps the heads of at most this many feeds (by every part of the head but its time). */
  static final int MAX_HEADS = 256;

  private static final Map<List<Object>, String[]> HEADS = new LinkedHashMap<>(16, 0.75f, true);

  private static long heads;

  /** Returns how many feed heads were written by Rome and JDOM (not kept) so far; for tests. */
  static synchronized long heads() {
    return heads;
  }

  /**
   * Returns the text of {@code view}'s document without entries in three parts: through the feed's
   * {@code <updated>}, from its {@code </updated>} to where the entries go, and from there (the
   * {@code </feed>}) on. Written by Rome and JDOM once per feed and kept: only its time changes
   * from one commit to the next, and Rome writes it as {@link DateParser#formatW3CDateTime}.
   */
  private static String[] keptHead(FeedView view) throws FeedException {
    FeedView.Paging paging = view.paging();
    FeedView.Archive archive = view.archive();
    List<Object> key =
        Arrays.asList(
            view.link(view.selfPath()).toString(),
            view.title(),
            view.base().toString(),
            view.selfLink().toString(),
            paging.first() == null ? null : view.link(paging.first()).toString(),
            paging.previous() == null ? null : view.link(paging.previous()).toString(),
            paging.next() == null ? null : view.link(paging.next()).toString(),
            archive.current() == null ? null : view.link(archive.current()).toString(),
            archive.previous() == null ? null : view.link(archive.previous()).toString(),
            archive.next() == null ? null : view.link(archive.next()).toString(),
            view.hub() == null ? null : view.hub().toString(),
            archive.document());
    synchronized (AtomRenderer.class) {
      String[] kept = HEADS.get(key);
      if (kept != null) {
        return kept;
      }
    }
    Document doc = new WireFeedOutput().outputJDom(head(view, HEAD_MARK));
    if (archive.document()) {
      markArchive(doc.getRootElement(), doc.getRootElement().getNamespace());
    }
    String xml = new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).outputString(doc);
    int mark = xml.indexOf(HEAD_MARK_TEXT);
    int end = xml.lastIndexOf("</feed>");
    if (mark < 0 || end < mark) {
      throw new IllegalStateException("no feed updated time in the head: " + xml);
    }
    String[] parts = {
      xml.substring(0, mark + "<updated>".length()),
      xml.substring(mark + HEAD_MARK_TEXT.length() - "</updated>".length(), end),
      xml.substring(end)
    };
    synchronized (AtomRenderer.class) {
      heads++;
      HEADS.put(key, parts);
      var it = HEADS.values().iterator();
      while (HEADS.size() > MAX_HEADS && it.hasNext()) {
        it.next();
        it.remove();
      }
    }
    return parts;
  }

  /**
   * Renders as {@link #render(FeedView, EntryCache)} does with entries kept: the head kept per feed
   * ({@link #keptHead}), each entry from {@code entries} as UTF-8 bytes, byte for byte what {@link
   * #render(FeedView)} gives. The page is put together from the kept bytes: no text of the whole
   * page is built nor encoded (every part ends and starts with markup, so no character is split).
   */
  private static byte[] renderKept(FeedView view, EntryCache entries) {
    try {
      String[] head = keptHead(view);
      // The entries are the feed element's last children: each goes in before </feed> as the
      // pretty printer would have written it there (see entryText).
      List<Story> stories = view.stories();
      List<Instant> updated = view.entryUpdated();
      byte[][] parts = new byte[3 * stories.size() + 2][];
      parts[0] = (head[0] + w3c(view.updated()) + head[1]).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < stories.size(); i++) {
        byte[][] entry =
            entries.entry(
                "atom", stories.get(i), AtomRenderer::entryBytes, t -> t[0].length + t[1].length);
        parts[3 * i + 1] = entry[0];
        parts[3 * i + 2] = MILLIS.format(updated.get(i)).getBytes(StandardCharsets.US_ASCII);
        parts[3 * i + 3] = entry[1];
      }
      parts[parts.length - 1] = head[2].getBytes(StandardCharsets.UTF_8);
      int size = 0;
      for (byte[] part : parts) {
        size += part.length;
      }
      byte[] out = new byte[size];
      int at = 0;
      for (byte[] part : parts) {
        System.arraycopy(part, 0, out, at, part.length);
        at += part.length;
      }
      return out;
    } catch (FeedException e) {
      // Only reachable through a bug in the bean we built; not an input problem.
      throw new IllegalStateException("Atom rendering failed", e);
    }
  }

  /** Returns {@link #entryText}'s two parts as UTF-8. */
  private static byte[][] entryBytes(Story story) {
    String[] text = entryText(story);
    return new byte[][] {
      text[0].getBytes(StandardCharsets.UTF_8), text[1].getBytes(StandardCharsets.UTF_8)
    };
  }

  /** The namespace of RFC 5005's {@code fh:archive}. */
  static final Namespace HISTORY =
      Namespace.getNamespace("fh", "http://purl.org/syndication/history/1.0");

  /**
   * Marks {@code parent} (an Atom feed or an RSS channel) as an archive document with {@code
   * <fh:archive/>} (RFC 5005 §4), before its first {@code child} element, or last.
   */
  static void markArchive(Element parent, Namespace children) {
    parent.getDocument().getRootElement().addNamespaceDeclaration(HISTORY);
    Element mark = new Element("archive", HISTORY);
    List<Element> kids = parent.getChildren();
    int at = parent.getContentSize();
    for (Element k : kids) {
      if (k.getNamespace().equals(children)
          && (k.getName().equals("entry") || k.getName().equals("item"))) {
        at = parent.indexOf(k);
        break;
      }
    }
    parent.addContent(at, mark);
  }

  /**
   * Writes each entry's {@code updated} to the millisecond (RFC 3339 §5.6 allows the fraction; Rome
   * writes whole seconds), so that stories changed within one second stay distinct.
   */
  private static void preciseUpdated(Document doc, List<String> updated) {
    Namespace atom = doc.getRootElement().getNamespace();
    List<Element> entries = doc.getRootElement().getChildren("entry", atom);
    for (int i = 0; i < entries.size(); i++) {
      Element e = entries.get(i).getChild("updated", atom);
      if (e == null) {
        e = new Element("updated", atom);
        entries.get(i).addContent(e);
      }
      e.setText(updated.get(i));
    }
  }

  /** Stands for an entry's {@code updated} text while its entry is kept; not a date, so unique. */
  private static final String UPDATED_MARK = "feedfold-updated";

  /**
   * Returns {@code story}'s entry as the pretty printer writes it as a child of the feed element
   * (indented two spaces, through its line separator), split around the text of its {@code
   * updated}, which depends on the document (see {@link FeedView#entryUpdated}). Written by {@link
   * AtomEntryWriter}, or by Rome and JDOM for the stories it leaves to them.
   */
  static String[] entryText(Story story) {
    String[] direct = AtomEntryWriter.write(story);
    return direct != null ? direct : romeEntryText(story);
  }

  private static long romeEntries;

  /** Returns how many entries were written by Rome and JDOM (not directly) so far; for tests. */
  static synchronized long romeEntries() {
    return romeEntries;
  }

  /**
   * Returns {@code story}'s entry as {@link #entryText} does, written by Rome and JDOM: what {@link
   * AtomEntryWriter} matches, and what writes the entries it leaves to Rome. Rendered in a feed of
   * its own: an entry uses no namespace but Atom's, so it is written the same there.
   */
  static String[] romeEntryText(Story story) {
    synchronized (AtomRenderer.class) {
      romeEntries++;
    }
    Feed feed = new Feed("atom_1.0");
    feed.setEncoding("UTF-8");
    feed.setId("urn:feedfold:entry");
    feed.setTitle("entry");
    feed.setUpdated(Date.from(Instant.EPOCH));
    feed.setEntries(List.of(entry(story)));
    try {
      Document doc = new WireFeedOutput().outputJDom(feed);
      preciseUpdated(doc, List.of(UPDATED_MARK));
      String xml =
          new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).outputString(doc);
      String entry = xml.substring(xml.indexOf("  <entry>"), xml.lastIndexOf("</feed>"));
      // Text and attributes are escaped, so the element is the only place this can occur.
      String mark = "<updated>" + UPDATED_MARK + "</updated>";
      int at = entry.indexOf(mark);
      return new String[] {
        entry.substring(0, at + "<updated>".length()),
        entry.substring(at + mark.length() - "</updated>".length())
      };
    } catch (FeedException e) {
      throw new IllegalStateException("Atom rendering failed", e);
    }
  }

  private static Entry entry(Story story) {
    Entry entry = new Entry();
    entry.setId(FeedView.entryId(story));
    entry.setTitle(story.title() == null ? "(untitled)" : story.title());
    if (story.updated() != null) {
      entry.setUpdated(Date.from(story.updated()));
    }
    if (story.firstSeen() != null) {
      entry.setPublished(Date.from(story.firstSeen()));
    }
    String url = Hrefs.of(story.url());
    if (url != null) {
      entry.setAlternateLinks(List.of(link("alternate", url, "text/html")));
    }
    List<Link> related = new ArrayList<>();
    StoryMember first = null;
    for (StoryMember m : story.articles()) {
      String memberUrl = Hrefs.of(m.url());
      if (memberUrl != null) {
        Link l = link("related", memberUrl, "text/html");
        l.setTitle(StoryHtml.outlet(m));
        related.add(l);
      }
      if (m.original()) {
        first = m;
      }
    }
    entry.setOtherLinks(related);
    if (first != null) {
      // RFC 4287 §4.2.11: <source> keeps the metadata of where the entry came from.
      Feed source = new Feed();
      // §4.2.11 asks for the source feed's id and updated; Feedfold knows the outlet by name and
      // its first copy's time, so the id names the outlet and updated is that copy's time.
      source.setId(
          "urn:feedfold:outlet:"
              + URLEncoder.encode(StoryHtml.outlet(first), StandardCharsets.UTF_8)
                  .replace("+", "%20"));
      Instant at = first.published() != null ? first.published() : story.firstSeen();
      if (at != null) {
        source.setUpdated(Date.from(at));
      }
      source.setTitle(StoryHtml.outlet(first));
      String firstUrl = Hrefs.of(first.url());
      if (firstUrl != null) {
        source.setAlternateLinks(List.of(link("alternate", firstUrl, "text/html")));
      }
      entry.setSource(source);
    }
    Content content = new Content();
    content.setType("html");
    content.setValue(StoryHtml.render(story));
    entry.setContents(List.of(content));
    return entry;
  }

  private static Link link(String rel, String href, String type) {
    Link l = new Link();
    l.setRel(rel);
    l.setHref(href);
    if (type != null) {
      l.setType(type);
    }
    return l;
  }
}
