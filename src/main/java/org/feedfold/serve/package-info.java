/**
 * Serves the merged feed of stories over HTTP as Atom, RSS 2.0 and JSON Feed.
 *
 * <p>In: stories from a {@link org.feedfold.serve.StorySource} (the index). Out: HTTP responses
 * from {@link org.feedfold.serve.FeedServer}, rendered by small pure renderers (stories and
 * settings to bytes), with {@code ETag}/{@code Last-Modified} revalidation.
 *
 * <p>This stage does not fetch, cluster or sanitise: story HTML arrives already cleaned by {@code
 * extract/}; only plain text and outlet names are escaped here.
 */
package org.feedfold.serve;
