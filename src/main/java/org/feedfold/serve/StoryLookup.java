package org.feedfold.serve;

import java.io.IOException;
import java.util.Optional;
import org.feedfold.index.StoryExplanation;
import org.feedfold.model.Story;

/**
 * Finds one story and the reasons its members belong, for {@code /stories/ID.json}. The daemon
 * passes the index; implementations must be thread-safe.
 */
public interface StoryLookup {
  /** A lookup that knows no story. */
  StoryLookup NONE =
      new StoryLookup() {
        @Override
        public Optional<Story> story(String id) {
          return Optional.empty();
        }

        @Override
        public Optional<StoryExplanation> explain(String id) {
          return Optional.empty();
        }
      };

  /** Returns the story with this id (following merges), if any. */
  Optional<Story> story(String id) throws IOException;

  /** Returns why each member of the story belongs, if the story exists. */
  Optional<StoryExplanation> explain(String id) throws IOException;
}
