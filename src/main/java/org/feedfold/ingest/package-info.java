/**
 * Runs the pipeline for each subscription: fetch, parse, extract, index and cluster, commit.
 *
 * <p>In: subscriptions (from the OPML file) and the stage front doors. Out: articles and feed state
 * committed to the index together, and a {@link org.feedfold.ingest.FeedReport} per fetch. {@link
 * org.feedfold.ingest.FeedIngester} handles one feed once; {@link org.feedfold.ingest.Scheduler}
 * runs it for every feed when due, on a bounded pool of named threads. This package decides
 * <em>when</em> a page is fetched for an entry; how bytes become records is the business of {@code
 * parse} and {@code extract}.
 */
package org.feedfold.ingest;
