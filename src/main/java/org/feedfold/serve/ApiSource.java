package org.feedfold.serve;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.feedfold.index.IndexStats;
import org.feedfold.model.FeedState;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Subscription;

/**
 * Supplies what the JSON API shows besides stories: search hits, the subscriptions with their
 * state, and the index counts. The daemon passes the index; implementations must be thread-safe.
 */
public interface ApiSource {
  /** A source that knows nothing: no hits, no feeds, an empty index. */
  ApiSource NONE =
      new ApiSource() {
        @Override
        public List<SearchHit> search(String query, Instant since, int limit) {
          return List.of();
        }

        @Override
        public List<FeedStatus> feeds() {
          return List.of();
        }

        @Override
        public IndexStats stats() {
          return new IndexStats(0, 0, 0, 0, 0, 0, 0, null, java.util.Map.of());
        }
      };

  /**
   * Is one subscription and what was last seen of it.
   *
   * @param subscription as listed in the OPML file
   * @param state its fetch state ({@link FeedState#initial} when never fetched)
   */
  record FeedStatus(Subscription subscription, FeedState state) {}

  /**
   * Searches articles best first; {@code ArticleIndex::search} has this shape.
   *
   * @throws org.feedfold.index.QueryException when the query does not parse; the API answers 400
   */
  List<SearchHit> search(String query, Instant since, int limit) throws IOException;

  /** Returns every subscription, in the OPML file's order, with its state. */
  List<FeedStatus> feeds() throws IOException;

  /** Returns the index counts; {@code ArticleIndex::stats} has this shape. */
  IndexStats stats() throws IOException;

  /**
   * Returns how long a subscription may stay overdue, with no fetch finishing either, before {@code
   * /healthz} reports fetching as stalled; {@code null} (the default) never does.
   */
  default Duration stallAfter() {
    return null;
  }

  /**
   * Returns the index generation: a number that changes whenever what readers see changes, so that
   * rendered pages can be kept until then; below zero (the default) when unknown, which turns the
   * render cache off.
   */
  default long generation() {
    return -1;
  }

  /**
   * Calls {@code listener} each time {@link #generation()} moves, so the server can render its
   * feeds' first pages for the new generation before a reader asks; returns what stops the calls
   * when run. The listener is quick and never throws. By default never calls (no pages are warmed).
   */
  default Runnable onGeneration(Runnable listener) {
    return () -> {};
  }
}
