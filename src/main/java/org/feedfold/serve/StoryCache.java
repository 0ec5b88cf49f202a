package org.feedfold.serve;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feedfold.model.Story;
import org.feedfold.model.StoryStamp;
import org.feedfold.store.Store;

/**
 * Reads the stories of a feed page from the index, keeping each one read under its id and version
 * ({@link StoryStamp#version}), so that after a commit only the stories whose version moved are
 * read again: a story is read from all its members' stored documents, which costs far more than
 * listing it. The same {@link Story} instance is handed out while its version stays, so {@link
 * EntryCache} finds its entry at once. At most {@value #MAX_STORIES} stories, the least recently
 * used dropped first. Thread-safe; reads the index outside the lock.
 */
final class StoryCache {
  static final int MAX_STORIES = 4_096;

  private record Held(String version, Story story) {}

  private final Store index;
  private final Map<String, Held> stories = new LinkedHashMap<>(256, 0.75f, true);
  private long reads;

  StoryCache(Store index) {
    this.index = index;
  }

  /** Lists stories as {@link Store#stories(String, Instant, int)} does. */
  List<Story> stories(String query, Instant since, int limit) throws IOException {
    // The stories not kept are read in the same read of the store as the listing, from the
    // states it read: a cold page is one read, not one per story, and no state is read twice.
    Map<String, Story> kept = new HashMap<>();
    List<Store.Stamped> page =
        index.stampedStories(
            query,
            since,
            limit,
            stamp -> {
              Held held = get(stamp.id());
              boolean same =
                  held != null && stamp.version() != null && stamp.version().equals(held.version());
              if (same) {
                kept.put(stamp.id(), held.story());
              }
              return same;
            });
    List<Story> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Store.Stamped s : page) {
      StoryStamp stamp = s.stamp();
      Story story = s.story();
      if (story == null) {
        story = kept.get(stamp.id());
      } else if (stamp.version() != null) {
        put(stamp.id(), new Held(stamp.version(), story));
      }
      if (seen.add(story.id())) {
        out.add(story);
      }
    }
    return out;
  }

  private synchronized Held get(String id) {
    return stories.get(id);
  }

  private synchronized void put(String id, Held held) {
    reads++;
    stories.put(id, held);
    var it = stories.values().iterator();
    while (stories.size() > MAX_STORIES && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** Returns how many stories were read (not reused) so far; for tests. */
  synchronized long reads() {
    return reads;
  }
}
