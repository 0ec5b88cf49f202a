package org.feedfold.serve;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feedfold.model.Story;
import org.feedfold.model.StoryStamp;
import org.feedfold.store.Store;

/**
 * Supplies the stories of RFC 5005 archive documents: stories by the period they were first
 * published (or seen) in, which does not move when other stories arrive. Implementations must be
 * thread-safe.
 */
public interface StoryArchive {
  /** An archive that holds nothing: feeds served from it link no archive documents. */
  StoryArchive NONE =
      new StoryArchive() {
        @Override
        public List<StoryStamp> firstSeen(String query, Instant from, Instant to) {
          return List.of();
        }

        @Override
        public Optional<Instant> storyFirstSeen(Instant at, boolean before) {
          return Optional.empty();
        }

        @Override
        public List<Story> stories(List<String> ids) {
          return List.of();
        }
      };

  /**
   * Lists the stories first published (or seen) at or after {@code from} and before {@code to},
   * oldest first and then by id; with {@code query} (not {@code null}), only those with a member
   * matching it.
   *
   * @throws IOException when the store cannot be read
   */
  List<StoryStamp> firstSeen(String query, Instant from, Instant to) throws IOException;

  /**
   * Returns the first-seen time of the story first seen last before {@code at} ({@code before}), or
   * of the one first seen first at or after it; empty when there is none.
   */
  Optional<Instant> storyFirstSeen(Instant at, boolean before) throws IOException;

  /** Returns the stories with these ids, in that order; ids no longer found are left out. */
  List<Story> stories(List<String> ids) throws IOException;

  /** Returns the archive of {@code index}. */
  static StoryArchive of(Store index) {
    return new StoryArchive() {
      @Override
      public List<StoryStamp> firstSeen(String query, Instant from, Instant to) throws IOException {
        return index.firstSeen(query, from, to);
      }

      @Override
      public Optional<Instant> storyFirstSeen(Instant at, boolean before) throws IOException {
        return index.storyFirstSeen(at, before);
      }

      @Override
      public List<Story> stories(List<String> ids) throws IOException {
        Map<String, Story> read = index.storiesById(ids);
        List<Story> out = new ArrayList<>(ids.size());
        for (String id : ids) {
          Story s = read.get(id);
          if (s != null) {
            out.add(s);
          }
        }
        return out;
      }
    };
  }
}
