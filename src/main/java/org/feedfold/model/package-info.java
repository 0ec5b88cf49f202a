/**
 * Immutable records that cross pipeline stages.
 *
 * <p>In: nothing; these are plain values. Out: parsed feeds ({@link
 * org.feedfold.model.ParsedFeed}), extracted pages ({@link org.feedfold.model.ExtractedArticle}),
 * articles ready to index ({@link org.feedfold.model.ArticleInput}), stories and search hits as the
 * index returns them, and the state of a subscription ({@link org.feedfold.model.FeedState}).
 * Library beans (Rome, jsoup, Lucene, HttpClient) never appear here. HTML for display is always
 * {@link org.feedfold.sanitize.SafeHtml}, which only the sanitiser can make. Times are UTC {@link
 * java.time.Instant}s; absent values are {@code null}, lists are never {@code null}.
 */
package org.feedfold.model;
