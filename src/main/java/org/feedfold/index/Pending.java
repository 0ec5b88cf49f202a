package org.feedfold.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds the articles written since the searcher was last refreshed, so they can be found as
 * candidates without paying for a near-real-time reopen after every add.
 *
 * <p>Bounded by the caller, which refreshes the searcher (and clears this) every few thousand adds.
 * Not thread-safe; guarded by the {@link ArticleIndex} monitor.
 */
final class Pending {
  private final Map<String, Entry> byId = new HashMap<>();
  private final Map<String, String> idByCanonical = new HashMap<>();
  private final Map<Long, List<Entry>> byShingle = new HashMap<>();

  void add(Entry e, String canonicalKey) {
    byId.put(e.id(), e);
    if (canonicalKey != null) {
      idByCanonical.put(canonicalKey, e.id());
    }
    for (long h : e.fingerprint().shingles()) {
      byShingle.computeIfAbsent(h, k -> new ArrayList<>(2)).add(e);
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

  /** Returns how many pending articles (old versions included) have this shingle. */
  int count(long shingle) {
    List<Entry> list = byShingle.get(shingle);
    return list == null ? 0 : list.size();
  }

  /** Returns the current pending articles with this shingle. */
  List<Entry> with(long shingle) {
    List<Entry> list = byShingle.get(shingle);
    if (list == null) {
      return List.of();
    }
    List<Entry> out = new ArrayList<>(list.size());
    for (Entry e : list) {
      if (byId.get(e.id()) == e) {
        out.add(e);
      }
    }
    return out;
  }

  int size() {
    return byId.size();
  }

  void clear() {
    byId.clear();
    idByCanonical.clear();
    byShingle.clear();
  }
}
