package org.feedfold.model;

import java.time.Instant;
import java.util.List;

/**
 * Is one entry of a feed. Links are absolute; {@code summary} and {@code content} are sanitised
 * HTML (or plain text); times are UTC.
 *
 * @param id the entry id: guid or Atom id, else the link, else a hash of title and date; never null
 */
public record FeedEntry(
    String id,
    String title,
    String link,
    Instant published,
    Instant updated,
    String author,
    String summary,
    String content,
    List<String> categories,
    List<Enclosure> enclosures) {
  public FeedEntry {
    categories = List.copyOf(categories);
    enclosures = List.copyOf(enclosures);
  }
}
