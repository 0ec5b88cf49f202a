/**
 * Fetches feed documents over HTTP and decides when to fetch them again.
 *
 * <p>In: a {@link org.feedfold.fetch.FetchRequest} (URL plus the validators of the previous fetch).
 * Out: a {@link org.feedfold.fetch.FetchOutcome}, one record case per expected result (fetched, not
 * modified, rate limited, gone, failed), and from {@link org.feedfold.fetch.RefreshPolicy} the time
 * of the next fetch. {@link org.feedfold.fetch.HttpFetcher} is the only class doing network I/O.
 * Every connection goes through an address guard (link-local and cloud metadata addresses refused,
 * private ones too with {@code fetch.allow-private=false}), and the article-page fetcher ({@link
 * org.feedfold.fetch.HttpFetcher#forArticlePages}) asks the host's robots.txt first.
 *
 * <p>This stage does not parse, store or schedule: bytes go to {@code parse/} unchanged, and the
 * caller keeps the validators and error counts between fetches.
 */
package org.feedfold.fetch;
