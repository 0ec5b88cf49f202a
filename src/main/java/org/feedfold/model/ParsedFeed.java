package org.feedfold.model;

import java.util.List;

/**
 * Is one parsed feed document: its metadata and its entries in document order.
 *
 * @param version the dialect, such as {@code rss20}, {@code atom10} or {@code json11}
 * @param encoding the character encoding the bytes were decoded with, such as {@code utf-8}
 * @param recovered true when the strict XML parse failed and a lenient path produced the result
 * @param feed feed-level metadata
 * @param entries the entries, never {@code null}
 */
public record ParsedFeed(
    String version, String encoding, boolean recovered, FeedMeta feed, List<FeedEntry> entries) {
  public ParsedFeed {
    entries = List.copyOf(entries);
  }
}
