package org.feedfold.model;

import java.time.Instant;
import java.util.List;
import org.feedfold.sanitize.SafeHtml;

/**
 * Is one entry of a feed. Links are absolute; times are UTC.
 *
 * @param id the entry id: guid or Atom id, else the link, else a hash of title and date; never null
 * @param title the title as the feed gives it (plain text, or sanitised HTML for an HTML title)
 * @param summary the summary as HTML to display (sanitised, or plain text escaped); may be {@code
 *     null}
 * @param content the full content as HTML to display (sanitised, or plain text escaped); may be
 *     {@code null}
 */
public record FeedEntry(
    String id,
    String title,
    String link,
    Instant published,
    Instant updated,
    String author,
    SafeHtml summary,
    SafeHtml content,
    List<String> categories,
    List<Enclosure> enclosures) {
  public FeedEntry {
    categories = List.copyOf(categories);
    enclosures = List.copyOf(enclosures);
  }
}
