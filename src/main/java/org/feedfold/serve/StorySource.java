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
}
