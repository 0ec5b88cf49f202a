package org.feedfold.index;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Holds the articles written since the searcher was last refreshed, by id and canonical key, so an
 * update is recognised without paying for a near-real-time reopen after every add.
 *
 * <p>Bounded by the caller, which refreshes the searcher (and clears this) every few thousand adds.
 * Not thread-safe; guarded by the {@link ArticleIndex} monitor.
 */
final class Pending {
  private final Map<String, Entry> byId = new HashMap<>();
  private final Map<String, String> idByCanonical = new HashMap<>();

  void add(Entry e, String canonicalKey) {
    byId.put(e.id(), e);
    if (canonicalKey != null) {
      idByCanonical.put(canonicalKey, e.id());
    }
  }

  Entry byId(String id) {
    return byId.get(id);
  }

  Entry byCanonical(String key) {
    String id = key == null ? null : idByCanonical.get(key);
    return id == null ? null : byId.get(id);
  }

  /** Returns true if {@code e} is superseded by a newer pending version of the same article. */
  boolean supersedes(Entry e) {
    Entry newer = byId.get(e.id());
    return newer != null && newer != e;
  }

  /** Returns the current pending articles. */
  Collection<Entry> entries() {
    return byId.values();
  }

  int size() {
    return byId.size();
  }

  void clear() {
    byId.clear();
    idByCanonical.clear();
  }
}
