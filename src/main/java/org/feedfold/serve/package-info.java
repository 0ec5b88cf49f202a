/**
 * Serves the merged feed of stories over HTTP as Atom, RSS 2.0 and JSON Feed, and a read-only JSON
 * API, {@code /metrics} and {@code /healthz}.
 *
 * <p>In: stories from a {@link org.feedfold.serve.StorySource} (the index), search hits, feed
 * states and counts from an {@link org.feedfold.serve.ApiSource}. Out: HTTP responses from {@link
 * org.feedfold.serve.FeedServer}, rendered by small pure renderers (stories and settings to bytes),
 * with {@code ETag}/{@code Last-Modified} revalidation, gzip ({@code Compression}) and pages kept
 * per index generation ({@code RenderCache}); after a commit a page reads again only the stories
 * whose stored version moved ({@code StoryCache}) and renders only their entries ({@code
 * EntryCache}). Every feed is an RFC 5005 archived feed: {@code ?archive=DAY[.PART]} serves the
 * stories first seen on a UTC day ({@code Archives}).
 *
 * <p>The server is a chain of small Netty stages per connection: {@code ConnectionLimiter} (caps
 * per client address and in all) → {@code Deadlines} (header and idle timeouts) → the HTTP codec
 * (bounded line, headers, body) → {@code RequestHandler} (method, {@code RequestTarget} path
 * checks, {@code BearerToken}, hand-off to the bounded request pool) → {@code Routes} (index reads
 * and rendering, off the event loop).
 *
 * <p>This stage does not fetch, cluster or sanitise HTML: story HTML arrives as {@link
 * org.feedfold.sanitize.SafeHtml}, which only the sanitiser can make; plain text and outlet names
 * are escaped here, and links pass {@link Hrefs#of} (safe schemes only, as URIs) before they are
 * emitted. It serves no files.
 */
package org.feedfold.serve;
