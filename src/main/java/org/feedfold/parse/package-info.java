/**
 * Turns feed bytes into Feedfold's records: RSS 0.90–2.0, RSS 1.0, Atom 0.3/1.0 and JSON Feed
 * 1.0/1.1.
 *
 * <p>In: a body of bytes and a {@link org.feedfold.parse.FeedSource} (document URL, HTTP {@code
 * Content-Type} and {@code Content-Location}). Out: a {@link org.feedfold.model.ParsedFeed} with
 * absolute links, sanitised HTML, UTC dates and an id on every entry, or a {@link
 * org.feedfold.parse.FeedParseException}. {@link org.feedfold.parse.FeedParser} is the only entry
 * point; it chains charset detection, entity repair, a strict XML reader with a recovering
 * fallback, the dialect mapping and the HTML sanitiser ({@code sanitize/}, shared with pages and
 * imports).
 *
 * <p>Does not: fetch anything (no network or disk I/O, no external DTDs or entities), extract
 * article bodies from web pages ({@code extract/}), or decide what is new ({@code ingest/}).
 */
package org.feedfold.parse;
