package org.feedfold.solr;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.feedfold.cluster.StoryState;
import org.feedfold.model.Story;
import org.feedfold.store.SavedStories;

/**
 * Answers the saved feeds on SolrCloud from what was read at the store's current {@link
 * SolrStore#generation()}: a saved feed's query runs once per generation, and a story is built (its
 * members read) once per generation, however many requests and feeds ask for them.
 *
 * <p>Why not match articles as they are added, as the Lucene store does ({@code
 * index.SavedQueries})? Other instances add to the same collection, and this instance never sees
 * their adds; the generation (the newest {@code _version_}, asked at most once a second) moves with
 * every instance's writes, so a cached answer is never older than the last second's commits.
 *
 * <p>Bounds: at most {@value #MAX_QUERIES} queries' story lists and {@value #MAX_STORIES} built
 * stories are kept; past either, the cache of that kind is emptied. Each query's list holds the
 * stories of its first {@value SolrStore#MAX_QUERY_ARTICLES} matching articles, as {@link
 * SolrStore#stories(String, Instant, int)} reads them. Thread-safe: two requests that miss at once
 * may both read, and either result is kept.
 */
final class SolrSavedStories implements SavedStories {
  /** Keeps the story lists of at most this many distinct queries per generation. */
  static final int MAX_QUERIES = 1_024;

  /** Keeps at most this many built stories per generation. */
  static final int MAX_STORIES = 4_096;

  private final SolrStore store;
  private volatile Cache cache = new Cache(Long.MIN_VALUE);

  /** What was read at one generation. */
  private static final class Cache {
    final long generation;
    final Map<String, List<StoryState>> states = new ConcurrentHashMap<>();
    final Map<Long, Story> stories = new ConcurrentHashMap<>();

    Cache(long generation) {
      this.generation = generation;
    }
  }

  /** Answers any saved feed's query on {@code store}; nothing runs until a feed is asked for. */
  SolrSavedStories(SolrStore store) {
    this.store = store;
  }

  @Override
  public List<Story> stories(String name, String query, Instant since, int limit)
      throws IOException {
    Cache c = current();
    List<StoryState> states;
    if (query == null) {
      states = store.listed(null, null, since, limit);
    } else {
      states = c.states.get(query);
      if (states == null) {
        states = List.copyOf(store.listed(query, null, null, SolrStore.MAX_QUERY_ARTICLES));
        if (c.states.size() >= MAX_QUERIES) {
          c.states.clear();
        }
        c.states.put(query, states);
      }
    }
    long from = since == null ? Long.MIN_VALUE : since.toEpochMilli();
    List<Story> out = new ArrayList<>();
    for (StoryState s : states) {
      if (out.size() >= limit) {
        break;
      }
      if (s.updated() < from) {
        continue;
      }
      Story built = c.stories.get(s.id());
      if (built == null) {
        built = store.built(s);
        if (c.stories.size() >= MAX_STORIES) {
          c.stories.clear();
        }
        c.stories.put(s.id(), built);
      }
      out.add(built);
    }
    return out;
  }

  /** Returns the cache of the store's generation now, a new one when it moved. */
  private Cache current() throws IOException {
    long g = store.generation();
    Cache c = cache;
    if (c.generation != g) {
      c = new Cache(g);
      cache = c;
    }
    return c;
  }
}
