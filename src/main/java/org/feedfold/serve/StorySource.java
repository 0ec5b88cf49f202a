package org.feedfold.serve;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.feedfold.model.Story;

/** Supplies stories to serve; {@code ArticleIndex::stories} has this shape. */
@FunctionalInterface
public interface StorySource {
  /**
   * Lists stories, most recently updated first.
   *
   * @param query only stories with a member matching this; {@code null} for all
   * @param since only stories updated at or after this; {@code null} for all
   * @param limit at most this many, at least 1
   * @throws IOException when the store cannot be read; the server answers 503
   */
  List<Story> stories(String query, Instant since, int limit) throws IOException;

  /**
   * Lists the stories of the saved feed {@code name}, whose query is {@code query}, as {@link
   * #stories} would; by default runs the query. {@code SavedQueries::stories} answers from the
   * articles matched as they arrived instead.
   */
  default List<Story> saved(String name, String query, Instant since, int limit)
      throws IOException {
    return stories(query, since, limit);
  }

  /**
   * Returns the archive of these stories for RFC 5005 archive documents; by default {@link
   * StoryArchive#NONE}, so that the feeds link none.
   */
  default StoryArchive archive() {
    return StoryArchive.NONE;
  }

  /**
   * Returns a source reading stories from {@code index}, with its archive; stories read before are
   * reused while the index has not rewritten them ({@code StoryCache}).
   */
  static StorySource of(org.feedfold.store.Store index) {
    StoryArchive archive = StoryArchive.of(index);
    StoryCache cache = new StoryCache(index);
    return new StorySource() {
      @Override
      public List<Story> stories(String query, Instant since, int limit) throws IOException {
        return cache.stories(query, since, limit);
      }

      @Override
      public StoryArchive archive() {
        return archive;
      }
    };
  }
}
