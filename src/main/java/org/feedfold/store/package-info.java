/**
 * Is the storage boundary: {@link org.feedfold.store.Store}, what everything above storage (ingest,
 * CLI, server, API) uses to keep articles, stories and feed state, and {@link
 * org.feedfold.store.Stores}, which opens the implementation the configuration names ({@code
 * store.type}).
 *
 * <p>In: {@link org.feedfold.store.StoreSettings}. Out: a {@link org.feedfold.store.Store}. The
 * embedded Lucene index ({@code org.feedfold.index}) is the default implementation. The records a
 * store returns ({@link org.feedfold.index.Assignment}, {@link org.feedfold.index.IndexStats},
 * {@link org.feedfold.index.StoryHit} and the others) stay in {@code org.feedfold.index}, where
 * they were, so that callers did not change. This package holds no storage code of its own and no
 * clustering: story assignment is in {@code org.feedfold.cluster}.
 */
package org.feedfold.store;
