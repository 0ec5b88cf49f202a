package org.feedfold.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;

/**
 * Keeps the last listing of the newest stories (no query, no time filter: the merged feed's first
 * page) with the segments it was read from, and lists a later view's newest stories from it,
 * looking only at what the commits between the two wrote: the story documents of the segments the
 * kept listing did not see, and which of its own documents were deleted since.
 *
 * <p>Why: after a commit of a few changes, listing the page anew (a cut over the update times, a
 * sorted search, and the stored state of all of its stories) was a third of the page's render on
 * 1,000,000 articles (issue 11, the merged feed's first page), though at most a few of its stories
 * had changed.
 *
 * <p>Exact: a segment's documents never change and its deletions only grow, so the kept listing's
 * documents still live in the new view are the newest live documents of the segments both views
 * share, down to the kept listing's last one. Every other live document of those segments sorts
 * after that one (by update time, newest first, then index order, as the sorted search orders them;
 * the shared segments keep their order). So the newest {@code limit} of those survivors and of
 * every story document of the new segments is the new listing, when its last story is a survivor or
 * newer than the kept listing's last; otherwise (stories merged away or re-dated left too few, or a
 * tie at the edge), or when the new segments are large (a big merge), or when the views cannot be
 * matched segment by segment, the caller lists anew. {@code NewestStoriesTest} compares the two
 * after new stories, new members, merges and re-dated stories.
 *
 * <p>Keeps the newest first-seen time of the stories (the subscription document's {@code
 * prev-archive} day) the same way: {@link #newestFirstSeen}.
 *
 * <p>Keeps one listing for each of at most {@value #MAX_LIMITS} limits. Thread-safe; reads outside
 * the lock.
 */
final class NewestStories {
  /** Keeps listings for at most this many limits (the feed's first page asks for one). */
  static final int MAX_LIMITS = 4;

  /** Lists anew when the new segments hold more documents than this (a large merge). */
  static final int MAX_NEW_DOCS = 50_000;

  /** Is one listed story document: its segment (core), number in it, update time and state. */
  record Hit(Object core, int doc, long updated, Reads.Listed listed) {}

  /** Is a listing and, for each segment it was read from, the live documents it had then. */
  private record Kept(List<Hit> page, List<Object> cores, Map<Object, Integer> live) {}

  private final Map<Integer, Kept> kept = new LinkedHashMap<>(8, 0.75f, true);
  private long anew;
  private long incremental;

  /**
   * Returns the {@code limit} newest stories of {@code searcher}'s view from the listing kept for
   * {@code limit}, or {@code null} when they cannot be told from it exactly (then list anew and
   * {@link #keep} that).
   */
  List<Reads.Listed> next(IndexSearcher searcher, int limit) throws IOException {
    Kept before;
    synchronized (this) {
      before = kept.get(limit);
    }
    if (before == null) {
      return null;
    }
    IndexReader reader = searcher.getIndexReader();
    List<Object> cores = new ArrayList<>();
    Map<Object, LeafReaderContext> shared = new HashMap<>();
    List<LeafReaderContext> added = new ArrayList<>();
    long addedDocs = 0;
    for (LeafReaderContext leaf : reader.leaves()) {
      Object core = core(leaf);
      if (core == null) {
        return null;
      }
      cores.add(core);
      Integer live = before.live().get(core);
      if (live == null) {
        added.add(leaf);
        addedDocs += leaf.reader().maxDoc();
      } else if (leaf.reader().numDocs() > live) {
        // This view is older than the kept listing's: its deletions are not a superset.
        return null;
      } else {
        shared.put(core, leaf);
      }
    }
    if (addedDocs > MAX_NEW_DOCS || !sameOrder(before.cores(), cores, shared.keySet())) {
      return null;
    }
    // Candidates: the kept listing's documents still live, and every new story document.
    List<Candidate> all = new ArrayList<>();
    for (Hit h : before.page()) {
      LeafReaderContext leaf = shared.get(h.core());
      Bits liveDocs = leaf == null ? null : leaf.reader().getLiveDocs();
      if (leaf != null && (liveDocs == null || liveDocs.get(h.doc()))) {
        all.add(new Candidate(leaf, h.doc(), h.updated(), h));
      }
    }
    for (LeafReaderContext leaf : added) {
      storyDocuments(leaf, all);
    }
    all.sort(
        Comparator.comparingLong(Candidate::updated)
            .reversed()
            .thenComparingInt(c -> c.leaf().docBase + c.doc()));
    List<Candidate> page = all.subList(0, Math.min(limit, all.size()));
    if (before.page().size() >= limit) {
      if (page.size() < limit) {
        return null;
      }
      Candidate last = page.get(limit - 1);
      Hit edge = before.page().get(before.page().size() - 1);
      if (last.kept() == null && last.updated() <= edge.updated()) {
        return null;
      }
    }
    List<Hit> hits = new ArrayList<>(page.size());
    StoredFields stored = null;
    for (Candidate c : page) {
      if (c.kept() != null) {
        hits.add(c.kept());
      } else {
        if (stored == null) {
          stored = searcher.storedFields();
        }
        int doc = c.leaf().docBase + c.doc();
        hits.add(
            new Hit(
                core(c.leaf()),
                c.doc(),
                c.updated(),
                new Reads.Listed(Fields.story(stored.document(doc)), Reads.version(reader, doc))));
      }
    }
    keep(reader, limit, hits, false);
    List<Reads.Listed> out = new ArrayList<>(hits.size());
    for (Hit h : hits) {
      out.add(h.listed());
    }
    return out;
  }

  /** Is a story document that may be on the new listing; {@code kept} when it was on the last. */
  private record Candidate(LeafReaderContext leaf, int doc, long updated, Hit kept) {}

  /** Adds every live story document of {@code leaf} to {@code out}. */
  private static void storyDocuments(LeafReaderContext leaf, List<Candidate> out)
      throws IOException {
    Terms types = leaf.reader().terms(Fields.TYPE);
    if (types == null) {
      return;
    }
    TermsEnum te = types.iterator();
    if (!te.seekExact(Fields.typeTerm(Fields.STORY_DOC).bytes())) {
      return;
    }
    PostingsEnum docs = te.postings(null, PostingsEnum.NONE);
    NumericDocValues updated = leaf.reader().getNumericDocValues(Fields.UPDATED);
    Bits live = leaf.reader().getLiveDocs();
    for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
      if (live == null || live.get(d)) {
        // A document without the value sorts as 0, as the sorted search ranks it.
        long u = updated != null && updated.advanceExact(d) ? updated.longValue() : 0L;
        out.add(new Candidate(leaf, d, u, null));
      }
    }
  }

  /** Returns whether the segments both views share come in the same order in both. */
  private static boolean sameOrder(List<Object> before, List<Object> now, Set<Object> shared) {
    List<Object> a = new ArrayList<>();
    for (Object c : before) {
      if (shared.contains(c)) {
        a.add(c);
      }
    }
    List<Object> b = new ArrayList<>();
    for (Object c : now) {
      if (shared.contains(c)) {
        b.add(c);
      }
    }
    return a.equals(b);
  }

  /**
   * Keeps {@code page}, the {@code limit} newest stories of {@code reader}'s view (all of them when
   * fewer), for the next view's listing.
   *
   * @param listedAnew whether it was listed anew (counted for tests)
   */
  void keep(IndexReader reader, int limit, List<Hit> page, boolean listedAnew) {
    List<Object> cores = new ArrayList<>();
    Map<Object, Integer> live = new HashMap<>();
    Set<Object> seen = new HashSet<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      Object core = core(leaf);
      if (core == null || !seen.add(core)) {
        return;
      }
      cores.add(core);
      live.put(core, leaf.reader().numDocs());
    }
    Kept k = new Kept(List.copyOf(page), cores, live);
    synchronized (this) {
      if (listedAnew) {
        anew++;
      } else {
        incremental++;
      }
      kept.put(limit, k);
      var it = kept.values().iterator();
      while (kept.size() > MAX_LIMITS && it.hasNext()) {
        it.next();
        it.remove();
      }
    }
  }

  /** Is the newest first-seen time of the live story documents and the document holding it. */
  private record KeptFirstSeen(long value, Object core, int doc, Map<Object, Integer> live) {}

  private KeptFirstSeen firstSeen;

  /**
   * Returns the newest first-seen time of {@code searcher}'s live story documents below {@link
   * Long#MAX_VALUE} (the subscription document's {@code prev-archive} day, RFC 5005), from the one
   * kept for an earlier view and the story documents of the segments it did not see; {@code null}
   * when that cannot tell (the document holding it was deleted, a new segment's story documents
   * lack the first-seen points, the views do not match): then search, and {@link #keepFirstSeen}.
   * The story documents of the kept view's segments all had the points.
   */
  Long newestFirstSeen(IndexSearcher searcher) throws IOException {
    KeptFirstSeen before;
    synchronized (this) {
      before = firstSeen;
    }
    if (before == null) {
      return null;
    }
    long best = Long.MIN_VALUE;
    boolean held = false;
    long addedDocs = 0;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Object core = core(leaf);
      if (core == null) {
        return null;
      }
      Integer live = before.live().get(core);
      if (live != null) {
        if (leaf.reader().numDocs() > live) {
          return null;
        }
        if (core.equals(before.core())) {
          Bits liveDocs = leaf.reader().getLiveDocs();
          held = liveDocs == null || liveDocs.get(before.doc());
        }
        continue;
      }
      addedDocs += leaf.reader().maxDoc();
      if (addedDocs > MAX_NEW_DOCS) {
        return null;
      }
      Long added = newestFirstSeen(leaf);
      if (added == null) {
        return null;
      }
      best = Math.max(best, added);
    }
    return held ? Math.max(best, before.value()) : null;
  }

  /**
   * Returns the newest first-seen time below {@link Long#MAX_VALUE} of {@code leaf}'s live story
   * documents ({@link Long#MIN_VALUE} for none), or {@code null} when some lack the points.
   */
  private static Long newestFirstSeen(LeafReaderContext leaf) throws IOException {
    int stories = leaf.reader().docFreq(Fields.typeTerm(Fields.STORY_DOC));
    if (stories == 0) {
      return Long.MIN_VALUE;
    }
    org.apache.lucene.index.PointValues points = leaf.reader().getPointValues(Fields.FIRST_SEEN_AT);
    if (points == null || points.getDocCount() != stories) {
      return null;
    }
    NumericDocValues values = leaf.reader().getNumericDocValues(Fields.FIRST_SEEN_AT);
    Terms types = leaf.reader().terms(Fields.TYPE);
    TermsEnum te = types.iterator();
    if (values == null || !te.seekExact(Fields.typeTerm(Fields.STORY_DOC).bytes())) {
      return null;
    }
    PostingsEnum docs = te.postings(null, PostingsEnum.NONE);
    Bits live = leaf.reader().getLiveDocs();
    long best = Long.MIN_VALUE;
    for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
      if ((live == null || live.get(d)) && values.advanceExact(d)) {
        long v = values.longValue();
        if (v < Long.MAX_VALUE) {
          best = Math.max(best, v);
        }
      }
    }
    return best;
  }

  /**
   * Keeps {@code value}, the newest first-seen time of {@code reader}'s live story documents (all
   * with the first-seen points), held by top-level document {@code doc}.
   */
  void keepFirstSeen(IndexReader reader, long value, int doc) {
    Map<Object, Integer> live = new HashMap<>();
    Object at = null;
    int local = -1;
    for (LeafReaderContext leaf : reader.leaves()) {
      Object core = core(leaf);
      if (core == null) {
        return;
      }
      live.put(core, leaf.reader().numDocs());
      if (doc >= leaf.docBase && doc < leaf.docBase + leaf.reader().maxDoc()) {
        at = core;
        local = doc - leaf.docBase;
      }
    }
    KeptFirstSeen k = new KeptFirstSeen(value, at, local, live);
    synchronized (this) {
      firstSeen = k;
    }
  }

  /** Returns the key of {@code leaf}'s segment, the same in every view that holds it, or null. */
  static Object core(LeafReaderContext leaf) {
    IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
    return helper == null ? null : helper.getKey();
  }

  /** Returns how many listings were made anew and from a kept one so far; for tests. */
  synchronized long[] counts() {
    return new long[] {anew, incremental};
  }
}
