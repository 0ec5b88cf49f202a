package org.feedfold.serve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.feedfold.model.Story;

/**
 * Keeps each story's rendered entry per format, so that a feed page rendered after a commit renders
 * only the stories that changed (issue 11: "render only what changed").
 *
 * <p>An entry is kept under its format and story id together with the story it was rendered from,
 * and reused only for that same story: the same instance (as {@link StoryCache} hands out while a
 * story's version stays) or an equal one. Rendering is a pure function of the story, so a reused
 * entry is byte for byte what rendering again would give. At most {@value #MAX_ENTRIES} entries and
 * {@value #MAX_BYTES} bytes (approximately, two per char), the least recently used dropped first.
 * Thread-safe; renders outside the lock.
 */
final class EntryCache {
  static final int MAX_ENTRIES = 4_096;
  static final long MAX_BYTES = 64L << 20;

  private record Key(String format, String story) {}

  private record Held(Story story, Object entry, long bytes) {}

  private final Map<Key, Held> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;
  private long renders;

  /**
   * Returns {@code story}'s entry in {@code format}: the kept one when it was rendered from this
   * story, else {@code render}'s, kept.
   *
   * @param size the entry's approximate size in bytes
   */
  <T> T entry(String format, Story story, Function<Story, T> render, ToLongFunction<T> size) {
    Key key = new Key(format, story.id());
    Held held = get(key);
    if (held != null && (held.story() == story || held.story().equals(story))) {
      @SuppressWarnings("unchecked")
      T kept = (T) held.entry();
      return kept;
    }
    T entry = render.apply(story);
    put(key, new Held(story, entry, size.applyAsLong(entry)));
    return entry;
  }

  private synchronized Held get(Key key) {
    return entries.get(key);
  }

  private synchronized void put(Key key, Held held) {
    renders++;
    if (held.bytes() > MAX_BYTES / 16) {
      return;
    }
    Held old = entries.put(key, held);
    bytes += held.bytes() - (old == null ? 0 : old.bytes());
    var it = entries.values().iterator();
    while ((entries.size() > MAX_ENTRIES || bytes > MAX_BYTES) && it.hasNext()) {
      bytes -= it.next().bytes();
      it.remove();
    }
  }

  /** Returns how many entries were rendered (not reused) so far; for tests. */
  synchronized long renders() {
    return renders;
  }
}
