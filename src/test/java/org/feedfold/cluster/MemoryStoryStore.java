package org.feedfold.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feedfold.index.StoreQueries;
import org.feedfold.model.ArticleInput;

/**
 * Keeps what {@link StoryAssigner} reads and writes in maps: the simplest complete {@link
 * StoryStore}, a second implementation beside the Lucene index's, so assignment is tested without
 * an index. Candidates are counted over a table from shingle to the articles holding it, with no
 * time buckets or memory budget. Not thread-safe.
 */
final class MemoryStoryStore implements StoryStore {
  private final ClusterSettings settings;

  /** The stored articles by id, in the order first stored. */
  final Map<String, ArticleEntry> entries = new LinkedHashMap<>();

  /** What was stored of each article (its input, under its stored id). */
  final Map<String, ArticleInput> articles = new HashMap<>();

  final Map<Long, StoryState> stories = new HashMap<>();
  final Map<Long, Long> redirects = new HashMap<>();
  private final Map<String, String> claims = new HashMap<>();

  /** The stored articles holding each sampled shingle, in the order stored. */
  private final Map<Integer, Set<ArticleEntry>> holders = new HashMap<>();

  /** An article with fewer informative shingles than this is also found by its boilerplate ones. */
  private static final int QUERY_SHINGLES = 16;

  MemoryStoryStore(ClusterSettings settings) {
    this.settings = settings;
  }

  @Override
  public ArticleEntry byId(String id) {
    return entries.get(id);
  }

  @Override
  public Claimant byCanonical(ArticleInput article) {
    String id = claims.get(key(article));
    if (id == null) {
      return null;
    }
    ArticleInput stored = articles.get(id);
    return new Claimant(entries.get(id), stored.url(), Claimant.textHash(stored.text()));
  }

  @Override
  public ArticleEntry byPage(ArticleInput article) {
    String key = StoreQueries.pageKey(article.url(), article.title());
    if (key == null) {
      return null;
    }
    for (Map.Entry<String, ArticleEntry> e : entries.entrySet()) {
      ArticleInput stored = articles.get(e.getKey());
      if (key.equals(StoreQueries.pageKey(stored.url(), stored.title()))) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Returns the canonical URL (or link) within the feed (or source); {@code null} if neither. */
  private static String key(ArticleInput a) {
    String url = a.canonical() != null && !a.canonical().isBlank() ? a.canonical() : a.url();
    if (url == null) {
      return null;
    }
    return (a.feedUrl() != null ? a.feedUrl() : a.source() != null ? a.source() : "") + " " + url;
  }

  @Override
  public Candidates candidates(int[] shingles, long time) {
    long window = settings.window().toMillis();
    return new Candidates() {
      private final Map<Integer, Boolean> verdicts = new HashMap<>();

      @Override
      public List<ArticleEntry> candidates(String selfId) {
        List<Integer> informative = new ArrayList<>();
        for (int h : shingles) {
          if (!boilerplate(h)) {
            informative.add(h);
          }
        }
        Map<ArticleEntry, Integer> shared = new LinkedHashMap<>();
        for (int h : shingles) {
          if (!informative.contains(h) && informative.size() >= QUERY_SHINGLES) {
            continue;
          }
          for (ArticleEntry e : holders.getOrDefault(h, Set.of())) {
            if (!e.id().equals(selfId) && Math.abs(e.time() - time) <= window) {
              shared.merge(e, 1, Integer::sum);
            }
          }
        }
        List<ArticleEntry> out = new ArrayList<>(shared.keySet());
        out.sort((x, y) -> Integer.compare(shared.get(y), shared.get(x)));
        return out.subList(0, Math.min(out.size(), settings.maxCandidates()));
      }

      @Override
      public boolean boilerplate(int h) {
        return verdicts.computeIfAbsent(
            h,
            x -> {
              Set<Long> stories = new HashSet<>();
              for (ArticleEntry e : holders.getOrDefault(x, Set.of())) {
                if (stories.add(resolve(e.story()))
                    && stories.size() >= settings.boilerplateStories()) {
                  break;
                }
              }
              return stories.size() >= settings.boilerplateStories();
            });
      }
    };
  }

  @Override
  public long resolve(long story) {
    long s = story;
    while (redirects.containsKey(s)) {
      s = redirects.get(s);
    }
    return s;
  }

  @Override
  public StoryState story(long id) {
    return stories.get(id);
  }

  @Override
  public void redirect(long from, long to, String via) {
    redirects.put(from, to);
    stories.remove(from);
  }

  @Override
  public boolean putArticle(ArticleWrite w) {
    ArticleInput a = w.article();
    ArticleInput old = articles.put(a.id(), a);
    ArticleEntry replaced = entries.put(a.id(), w.entry());
    if (replaced != null) {
      for (int h : replaced.fingerprint().shingles()) {
        holders.get(h).remove(replaced);
      }
    }
    for (int h : w.entry().fingerprint().shingles()) {
      holders.computeIfAbsent(h, x -> new LinkedHashSet<>()).add(w.entry());
    }
    String key = key(a);
    if (key != null) {
      claims.put(key, a.id());
    }
    return old == null || !old.title().equals(a.title()) || !old.text().equals(a.text());
  }

  @Override
  public void putStory(StoryState state, boolean isNew) {
    stories.put(state.id(), state);
  }
}
