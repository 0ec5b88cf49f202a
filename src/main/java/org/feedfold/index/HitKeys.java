package org.feedfold.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;

/**
 * Reads what collapsing a search needs of each hit, its story and a hash of its outlet, from the
 * doc values {@link Fields#STORY_NUMBER} and {@link Fields#SOURCE_HASH}; for a hit in a segment
 * written before those fields existed (or lacking a value), from its stored fields instead.
 *
 * <p>Why: a collapsed search looks at up to {@link Reads#collapseWindow} hits, and reading two
 * short stored fields of one article decompresses the block of stored fields around it (its text
 * and HTML included); on 100,000 articles that was half of a search's time.
 */
final class HitKeys {
  /**
   * Is what collapsing knows of one hit.
   *
   * @param story the story the article was first assigned to, before redirects
   * @param source {@link Fields#sourceHash} of its outlet's name
   */
  record Key(long story, long source) {}

  private HitKeys() {}

  /** Returns the keys of {@code hits}, in their order. */
  static Key[] of(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
    int[] all = new int[hits.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    long[] stories = stories(searcher, hits);
    long[] sources = sources(searcher, hits, all);
    Key[] out = new Key[hits.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = new Key(stories[i], sources[i]);
    }
    return out;
  }

  /**
   * Returns the story of each of {@code hits}, in their order: the one the article was first
   * assigned to, before redirects.
   */
  static long[] stories(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
    return stories(searcher, hits, null);
  }

  /**
   * Returns the story of each of {@code hits} as {@link #stories(IndexSearcher, ScoreDoc[])} does,
   * from {@code copies} where it holds a segment's numbers; {@code copies} may be {@code null}.
   */
  static long[] stories(IndexSearcher searcher, ScoreDoc[] hits, StoryNumbers copies)
      throws IOException {
    int[] all = new int[hits.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return read(
        searcher,
        hits,
        all,
        Fields.STORY_NUMBER,
        Fields.STORY,
        v -> Fields.parseStoryId(v).orElseThrow(),
        copies);
  }

  /**
   * Returns {@link Fields#sourceHash} of the outlet of {@code hits[which[j]]} at {@code j}: a
   * collapsed search needs it only for the hits it counts under a story it shows, not for every hit
   * it looks at (each value read is a random access into the segment's doc values).
   */
  static long[] sources(IndexSearcher searcher, ScoreDoc[] hits, int[] which) throws IOException {
    return read(searcher, hits, which, Fields.SOURCE_HASH, Fields.SOURCE, Fields::sourceHash, null);
  }

  /**
   * Returns the long of each of {@code hits[which[j]]} from doc values {@code docValues}, or from
   * the stored field {@code stored} turned by {@code parse} where the hit's segment has no value;
   * from {@code copies} (of {@code docValues}) first where not {@code null}.
   */
  private static long[] read(
      IndexSearcher searcher,
      ScoreDoc[] hits,
      int[] which,
      String docValues,
      String stored,
      ToLongFunction<String> parse,
      StoryNumbers copies)
      throws IOException {
    long[] out = new long[which.length];
    // Doc-values iterators only move forward: visit the hits in index order (doc id, then j).
    long[] byDoc = new long[which.length];
    for (int j = 0; j < which.length; j++) {
      byDoc[j] = ((long) hits[which[j]].doc << 32) | j;
    }
    Arrays.sort(byDoc);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = null;
    NumericDocValues values = null;
    long[] copied = null;
    StoredFields fields = null;
    Set<String> only = Set.of(stored);
    for (long key : byDoc) {
      int j = (int) key;
      int doc = hits[which[j]].doc;
      if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
        leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        copied = copies == null ? null : copies.of(leaf);
        values = copied == null ? leaf.reader().getNumericDocValues(docValues) : null;
        fields = null;
      }
      int local = doc - leaf.docBase;
      if (copied != null && copied[local] != StoryNumbers.MISSING) {
        out[j] = copied[local];
        continue;
      }
      // A document the copy has no number for has none in the doc values either.
      if (values != null && values.advanceExact(local)) {
        out[j] = values.longValue();
      } else {
        if (fields == null) {
          fields = leaf.reader().storedFields();
        }
        Document d = fields.document(local, only);
        out[j] = parse.applyAsLong(d.get(stored));
      }
    }
    return out;
  }
}
