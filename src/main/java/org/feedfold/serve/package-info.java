/**
 * Serves the merged feed of stories over HTTP as Atom, RSS 2.0 and JSON Feed.
 *
 * <p>In: stories from a {@link org.feedfold.serve.StorySource} (the index). Out: HTTP responses
 * from {@link org.feedfold.serve.FeedServer}, rendered by small pure renderers (stories and
 * settings to bytes), with {@code ETag}/{@code Last-Modified} revalidation.
 *
 * <p>This stage does not fetch, cluster or sanitise HTML: story HTML arrives as {@link
 * org.feedfold.sanitize.SafeHtml}, which only the sanitiser can make; plain text and outlet names
 * are escaped here, and links pass {@link org.feedfold.sanitize.Sanitizer#link} before they are
 * emitted.
 */
package org.feedfold.serve;
