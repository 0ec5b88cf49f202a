package org.feedfold.index;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.feedfold.cluster.StoryState;

/**
 * Keeps the states of the stories that saved feeds list (their last update and first-seen times
 * among them), so that reading a saved feed's page sorts its up to {@value
 * SavedQueries#MAX_ARTICLES} matched stories without reading each one's state from the index (issue
 * 11); only the stories of the page are then read whole.
 *
 * <p>A cached state is exactly what a read of the index would find. The index tells of every add
 * ({@link #touched}) with the version of the view reads had then, which does not hold the add while
 * every later view does (views are published in order, under the lock adds hold). The add drops the
 * story's state and marks it with that version; until a read is made on a newer view the story is
 * read from the view and not cached, and a state is cached only from the newest view read, so a
 * read racing an add cannot cache what the add changed. A view older than one already read (a read
 * racing a refresh, or the index rolled back to its last commit after a failure) drops every state
 * and caches nothing until a view newer than any read so far. Holds at most {@value #MAX_STATES}
 * states (least recently read dropped) and as many marks; past that it forgets them all and marks
 * every story at once. Thread-safe: one monitor, never held while the index is read.
 */
final class StoryStates {
  /** States (and marks) held at most; about 150 bytes a state. */
  static final int MAX_STATES = 100_000;

  private final Map<Long, StoryState> states =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, StoryState> eldest) {
          return size() > MAX_STATES;
        }
      };

  /** Marked stories: the version of the view current when an add last changed them. */
  private final Map<Long, Long> marks = new HashMap<>();

  /** A mark on every story (a view version), or {@link Long#MIN_VALUE} for none. */
  private long all = Long.MIN_VALUE;

  /** The newest view version a read was made on. */
  private long newest = Long.MIN_VALUE;

  /**
   * Records that an add changed (or may have changed) story {@code story}; call for every one, with
   * the version of the view reads had when it was made ({@link ArticleIndex#publishedVersion}).
   */
  synchronized void touched(long story, long version) {
    if (marks.size() >= MAX_STATES) {
      marks.clear();
      states.clear();
      all = Math.max(all, Math.max(version, newest));
    }
    states.remove(story);
    marks.merge(story, version, Math::max);
  }

  private final LongAdder loads = new LongAdder();

  /** Returns how many states were read from the index rather than from here. */
  long loads() {
    return loads.sum();
  }

  /**
   * Starts a read on {@code searcher}'s view: settles the marks it proves held and returns the
   * states as that view shows them (or newer ones).
   */
  View on(IndexSearcher searcher) {
    if (!(searcher.getIndexReader() instanceof DirectoryReader d)) {
      return new View(searcher, Long.MIN_VALUE, false);
    }
    long version = d.getVersion();
    synchronized (this) {
      if (version < newest) {
        // A read racing a refresh, or the index rolled back to its last commit after a failure:
        // start over rather than trust states a rollback may have undone.
        states.clear();
        all = Math.max(all, newest);
      }
      newest = Math.max(newest, version);
      marks.values().removeIf(m -> version > m);
      if (version > all) {
        all = Long.MIN_VALUE;
      }
    }
    return new View(searcher, version, true);
  }

  private synchronized StoryState cached(long story) {
    return all == Long.MIN_VALUE && !marks.containsKey(story) ? states.get(story) : null;
  }

  private synchronized void offer(long story, StoryState s, long version) {
    if (version >= newest && all == Long.MIN_VALUE && !marks.containsKey(story)) {
      states.put(story, s);
    }
  }

  /** Reads states as one view of the index shows them. */
  final class View {
    private final IndexSearcher searcher;
    private final long version;
    private final boolean cacheable;

    private View(IndexSearcher searcher, long version, boolean cacheable) {
      this.searcher = searcher;
      this.version = version;
      this.cacheable = cacheable;
    }

    /** Returns the state of the (resolved) story {@code id}, or {@code null} if unknown. */
    StoryState get(long id) throws IOException {
      StoryState s = cacheable ? cached(id) : null;
      if (s != null) {
        return s;
      }
      s = Stories.stored(id, searcher);
      loads.increment();
      if (s != null && cacheable) {
        offer(id, s, version);
      }
      return s;
    }
  }
}
