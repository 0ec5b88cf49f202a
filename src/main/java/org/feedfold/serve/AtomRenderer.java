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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.feedfold.sanitize.Sanitizer;

/**
 * Renders a feed view as Atom 1.0 (RFC 4287) through Rome's {@link WireFeedOutput}.
 *
 * <p>Each story is one entry: {@code id} {@code urn:feedfold:story:<id>}, {@code updated} the
 * story's last change, {@code published} its first sighting, the alternate link the original
 * article, one {@code rel="related"} link per outlet, and {@code <source>} naming the outlet that
 * had it first. Titles are text constructs; links whose scheme could run code are left out. Pure
 * and thread-safe.
 */
final class AtomRenderer {
  static final String MEDIA_TYPE = "application/atom+xml; charset=utf-8";

  private AtomRenderer() {}

  /** Returns the UTF-8 Atom document for {@code view}. */
  static byte[] render(FeedView view) {
    Feed feed = new Feed("atom_1.0");
    feed.setEncoding("UTF-8");
    feed.setId(view.link(view.selfPath()).toString());
    feed.setTitle(view.title());
    feed.setUpdated(Date.from(view.updated()));
    feed.setAlternateLinks(List.of(link("alternate", view.base().toString(), null)));
    feed.setOtherLinks(
        List.of(link("self", view.link(view.selfPath()).toString(), "application/atom+xml")));
    Person author = new Person();
    author.setName(view.title());
    feed.setAuthors(List.<SyndPerson>of(author));
    Generator generator = new Generator();
    generator.setValue("Feedfold");
    feed.setGenerator(generator);
    List<Entry> entries = new ArrayList<>();
    for (Story story : view.stories()) {
      entries.add(entry(story));
    }
    feed.setEntries(entries);
    try {
      return new WireFeedOutput().outputString(feed, true).getBytes(StandardCharsets.UTF_8);
    } catch (FeedException e) {
      // Only reachable through a bug in the bean we built; not an input problem.
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
    String url = Sanitizer.link(story.url());
    if (url != null) {
      entry.setAlternateLinks(List.of(link("alternate", url, "text/html")));
    }
    List<Link> related = new ArrayList<>();
    StoryMember first = null;
    for (StoryMember m : story.articles()) {
      String memberUrl = Sanitizer.link(m.url());
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
      source.setTitle(StoryHtml.outlet(first));
      String firstUrl = Sanitizer.link(first.url());
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
