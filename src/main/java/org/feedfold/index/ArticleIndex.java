package org.feedfold.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.FeedState;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Story;

/**
 * Stores articles, stories and feed state in one Lucene index, and assigns each added article to a
 * story.
 *
 * <p>Thread-safe. Writes become durable, and visible to searches, at {@link #commit()}: articles
 * and feed state staged before one commit are committed together, so a crash never leaves a feed
 * marked fetched while its articles are lost.
 */
public final class ArticleIndex implements Closeable {

  private ArticleIndex() {}

  /** Opens (creating if needed) the index under {@code dir}; fails if another process holds it. */
  public static ArticleIndex open(Path dir, ClusterSettings settings, InstantSource clock)
      throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Adds or updates the article (same id or canonical URL) and assigns it to a story. */
  public Assignment add(ArticleInput article) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Stages the state of a subscription, to be committed with the next {@link #commit()}. */
  public void putFeedState(FeedState state) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Stages the removal of a subscription's state. */
  public void removeFeedState(String url) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Commits everything staged so far, atomically, and makes it visible to readers. */
  public void commit() throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns the committed or staged state of one subscription. */
  public Optional<FeedState> feedState(String url) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns the state of every subscription the index knows. */
  public List<FeedState> feedStates() throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Searches articles with Lucene query syntax over title and text, best first.
   *
   * @param since only articles published (or seen) at or after this; {@code null} for all
   */
  public List<SearchHit> search(String query, Instant since, int limit) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Lists stories, most recently updated first.
   *
   * @param query only stories with a member matching this; {@code null} for all
   * @param since only stories updated at or after this; {@code null} for all
   */
  public List<Story> stories(String query, Instant since, int limit) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns one story by id, following the redirect of a story merged into another. */
  public Optional<Story> story(String id) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Calls {@code sink} for every article, in index order. */
  public void forEachArticle(Consumer<ExportedArticle> sink) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns counts and the size on disk. */
  public IndexStats stats() throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public void close() throws IOException {}
}
