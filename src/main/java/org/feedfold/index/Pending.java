package org.feedfold.index;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.feedfold.cluster.ArticleEntry;

/**
 * Holds the articles written since the searcher was last refreshed, by id and canonical key, so an
 * update is recognised without paying for a near-real-time reopen after every add.
 *
 * <p>Bounded by the caller, which refreshes the searcher (and clears this) every few thousand adds.
 * Not thread-safe; guarded by the {@link ArticleIndex} write lock.
 */
final class Pending {
  private final Map<String, ArticleEntry> byId = new HashMap<>();
  private final Map<String, Claim> byCanonical = new HashMap<>();
  private final Map<String, String> byPage = new HashMap<>();

  /**
   * Is the article that last claimed a canonical key, with what tells a re-issue of it from another
   * article that declares the same canonical URL: its link and a hash of its text.
   */
  record Claim(String id, String url, long textHash) {}

  void add(ArticleEntry e, String canonicalKey, String pageKey, String url, long textHash) {
    byId.put(e.id(), e);
    if (canonicalKey != null) {
      byCanonical.put(canonicalKey, new Claim(e.id(), url, textHash));
    }
    if (pageKey != null) {
      byPage.putIfAbsent(pageKey, e.id());
    }
  }

  ArticleEntry byId(String id) {
    return byId.get(id);
  }

  /** Returns the pending article that last claimed {@code key}, or {@code null}. */
  Claim byCanonical(String key) {
    return key == null ? null : byCanonical.get(key);
  }

  /** Returns the pending article first stored under page key {@code key}, or {@code null}. */
  ArticleEntry byPage(String key) {
    String id = key == null ? null : byPage.get(key);
    return id == null ? null : byId.get(id);
  }

  /** Returns true if {@code e} is superseded by a newer pending version of the same article. */
  boolean supersedes(ArticleEntry e) {
    ArticleEntry newer = byId.get(e.id());
    return newer != null && newer != e;
  }

  /** Returns the current pending articles. */
  Collection<ArticleEntry> entries() {
    return byId.values();
  }

  int size() {
    return byId.size();
  }

  void clear() {
    byId.clear();
    byCanonical.clear();
    byPage.clear();
  }
}
