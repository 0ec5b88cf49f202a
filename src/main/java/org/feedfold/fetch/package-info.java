/**
 * Fetches feed documents over HTTP and decides when to fetch them again.
 *
 * <p>In: a {@link org.feedfold.fetch.FetchRequest} (URL plus the validators of the previous fetch).
 * Out: a {@link org.feedfold.fetch.FetchOutcome}, one record case per expected result (fetched, not
 * modified, rate limited, gone, failed), and from {@link org.feedfold.fetch.RefreshPolicy} the time
 * of the next fetch. {@link org.feedfold.fetch.HttpFetcher} is the only class doing network I/O.
 *
 * <p>This stage does not parse, store or schedule: bytes go to {@code parse/} unchanged, and the
 * caller keeps the validators and error counts between fetches.
 */
package org.feedfold.fetch;
