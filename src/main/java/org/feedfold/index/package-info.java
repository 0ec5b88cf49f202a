/**
 * Stores articles, stories and feed state in one Lucene index, and does all disk I/O of clustering.
 *
 * <p>In: {@link org.feedfold.model.ArticleInput} and {@link org.feedfold.model.FeedState}. Out:
 * {@link org.feedfold.index.Assignment} for each add, and the read model ({@link
 * org.feedfold.model.SearchHit}, {@link org.feedfold.model.Story}, {@link
 * org.feedfold.index.StoryExplanation}, {@link org.feedfold.index.ExportedArticle}, {@link
 * org.feedfold.index.IndexStats}). The front door is {@link org.feedfold.index.ArticleIndex}.
 *
 * <p>How an article is assigned: its fingerprint (value-sampled word-shingle hashes, see {@code
 * org.feedfold.cluster}) is indexed as 8-byte terms; candidates are the articles sharing its rarest
 * non-boilerplate shingles within the time window, counted straight from the postings; each is
 * verified against its stored fingerprint (a binary doc value, never the text); story state lives
 * in one small document per story, merges in redirect documents, so nothing lives only in heap.
 * Articles added since the last near-real-time refresh are held in a bounded heap buffer so
 * refreshes can be rare.
 *
 * <p>This stage does not fetch, parse or extract, and holds no clustering thresholds of its own:
 * they come from {@link org.feedfold.cluster.ClusterSettings}.
 */
package org.feedfold.index;
