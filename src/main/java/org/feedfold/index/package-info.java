/**
 * Stores articles, stories and feed state in one Lucene index, and does all disk I/O of clustering.
 *
 * <p>In: {@link org.feedfold.model.ArticleInput} and {@link org.feedfold.model.FeedState}. Out:
 * {@link org.feedfold.index.Assignment} for each add, and the read model ({@link
 * org.feedfold.model.SearchHit}, {@link org.feedfold.model.Story}, {@link
 * org.feedfold.index.StoryExplanation}, {@link org.feedfold.index.ExportedArticle}, {@link
 * org.feedfold.index.IndexStats}). The front door is {@link org.feedfold.index.ArticleIndex}.
 *
 * <p>Which story an article joins is decided by {@link org.feedfold.cluster.StoryAssigner}; this
 * package is its storage ({@code IndexedStories}, the {@link org.feedfold.cluster.StoryStore} of
 * one add) and implements {@link org.feedfold.store.Store}, the boundary the rest of Feedfold uses.
 * How an article is stored for assignment: its fingerprint (value-sampled word-shingle hashes, see
 * {@code org.feedfold.cluster}) is stored as a binary doc value; the fingerprints of recent
 * articles are also held in heap by time bucket, with a table from shingle to articles ({@code
 * ShingleWindow}, a cache loaded from the doc values, never the only copy); candidates are the
 * articles sharing the new one's rarest non-boilerplate shingles within the time window; each is
 * verified against its fingerprint, never the text. Story state lives in one small document per
 * story, merges in redirect documents, so a restart or a crash loses nothing but what was not
 * committed. Articles added since the last near-real-time refresh are found by id through a bounded
 * heap buffer so refreshes can be rare.
 *
 * <p>{@link org.feedfold.index.SavedQueries} is the second front door: the saved feeds' queries,
 * matched against each article as the index adds it, so a saved feed reads its stories without
 * running its query.
 *
 * <p>This stage does not fetch, parse or extract, makes no matching or merging decision, and holds
 * no clustering thresholds of its own: they come from {@link org.feedfold.cluster.ClusterSettings}.
 */
package org.feedfold.index;
