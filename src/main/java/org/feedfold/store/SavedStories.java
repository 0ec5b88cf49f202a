package org.feedfold.store;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.feedfold.model.Story;

/** Answers the saved feeds' queries; made by {@link Store#savedQueries}. Thread-safe. */
@FunctionalInterface
public interface SavedStories {
  /**
   * Lists the stories of saved feed {@code name}, or of {@code query} run as {@link
   * Store#stories(String, Instant, int)} runs it when {@code name} is not watched; same order and
   * limits as that method.
   */
  List<Story> stories(String name, String query, Instant since, int limit) throws IOException;
}
