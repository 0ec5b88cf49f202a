package org.feedfold.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.IntroSorter;

/**
 * Finds the articles of given stories in one segment from a table of its articles sorted by story
 * number (from the {@link Fields#STORY_NUMBER} doc values), kept per segment: a binary search per
 * story instead of a seek in the segment's terms of {@link Fields#STORY}.
 *
 * <p>Why: after a commit, the page reads the members of the few stories that changed, and on
 * 1,000,000 articles that search (a term of each story looked up in each of the index's segments,
 * each seek decompressing a block of the terms dictionary) was about a fifth of the page's render
 * (issue 11, the merged feed's first page). A segment's documents never change, so its table is
 * built once (12 bytes an article) and after a commit only the new segments' are.
 *
 * <p>A segment where some article lacks the doc values (written before they existed) has no table:
 * the caller searches it. Deleted articles are in the table; the caller checks the live documents.
 * At most {@value #MAX_ARTICLES} articles kept over all segments (48 MB), the least recently used
 * segment dropped first; an index with more documents is searched ({@link #covers}), so tables are
 * not built again and again. NOTE: relies on doc values never being updated in place (the index
 * rewrites a document to change it), since a table is kept under the segment's core. Thread-safe.
 */
final class StoryMembers {
  private StoryMembers() {}

  /** Keeps the tables of at most this many articles over all segments. */
  static final long MAX_ARTICLES = 4_000_000;

  /** Is a segment's articles sorted by story number, then document. */
  private record Table(long[] stories, int[] docs) {}

  private static final Table NONE = new Table(new long[0], new int[0]);

  private static final Map<IndexReader.CacheKey, Table> TABLES =
      new LinkedHashMap<>(64, 0.75f, true);

  private static long kept;
  private static long built;

  /** Returns how many segments' tables were built so far (not answered from the cache); tests. */
  static synchronized long built() {
    return built;
  }

  /** Returns whether tables may answer for {@code reader}: it has at most as many documents. */
  static boolean covers(IndexReader reader) {
    return reader.maxDoc() <= MAX_ARTICLES;
  }

  /** Receives one live article of a story: its number in its segment. */
  interface Match {
    void at(int doc) throws IOException;
  }

  /**
   * Calls {@code match} for each live article of {@code leaf} whose story is one of {@code stories}
   * (sorted, without repeats), in document order; returns {@code false} (calling nothing) when the
   * segment has no table, so the caller must search it.
   */
  static boolean forEach(LeafReaderContext leaf, long[] stories, Match match) throws IOException {
    Table t = table(leaf.reader());
    if (t == null) {
      return false;
    }
    int[] found = new int[16];
    int n = 0;
    for (long story : stories) {
      int at = lowerBound(t.stories(), story);
      for (int i = at; i < t.stories().length && t.stories()[i] == story; i++) {
        if (n == found.length) {
          found = Arrays.copyOf(found, n * 2);
        }
        found[n++] = t.docs()[i];
      }
    }
    Arrays.sort(found, 0, n);
    Bits live = leaf.reader().getLiveDocs();
    for (int i = 0; i < n; i++) {
      if (live == null || live.get(found[i])) {
        match.at(found[i]);
      }
    }
    return true;
  }

  private static int lowerBound(long[] a, long key) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Returns the segment's table, built when not kept; {@code null} when it cannot have one. */
  private static Table table(LeafReader reader) throws IOException {
    IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
    if (helper == null) {
      return null;
    }
    IndexReader.CacheKey key = helper.getKey();
    synchronized (StoryMembers.class) {
      Table t = TABLES.get(key);
      if (t != null) {
        return t == NONE ? null : t;
      }
    }
    Table t = build(reader);
    synchronized (StoryMembers.class) {
      built++;
      Table old = TABLES.put(key, t);
      kept += t.docs().length - (old == null ? 0 : old.docs().length);
      var it = TABLES.values().iterator();
      while (kept > MAX_ARTICLES && it.hasNext()) {
        kept -= it.next().docs().length;
        it.remove();
      }
    }
    return t == NONE ? null : t;
  }

  private static Table build(LeafReader reader) throws IOException {
    int articles = reader.docFreq(Fields.typeTerm(Fields.ARTICLE));
    NumericDocValues values = reader.getNumericDocValues(Fields.STORY_NUMBER);
    if (values == null) {
      return articles == 0 ? new Table(new long[0], new int[0]) : NONE;
    }
    long[] stories = new long[articles];
    int[] docs = new int[articles];
    int n = 0;
    for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
      if (n == stories.length) {
        // Only articles carry the doc values: more of them than articles means another writer.
        return NONE;
      }
      stories[n] = values.longValue();
      docs[n++] = d;
    }
    if (n != articles || articles > MAX_ARTICLES) {
      return NONE;
    }
    new IntroSorter() {
      long pivot;

      @Override
      protected void swap(int i, int j) {
        long s = stories[i];
        stories[i] = stories[j];
        stories[j] = s;
        int d = docs[i];
        docs[i] = docs[j];
        docs[j] = d;
      }

      @Override
      protected void setPivot(int i) {
        pivot = stories[i];
      }

      @Override
      protected int comparePivot(int j) {
        return Long.compare(pivot, stories[j]);
      }
    }.sort(0, n);
    return new Table(stories, docs);
  }
}
