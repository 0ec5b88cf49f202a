package org.feedfold.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;

/**
 * Finds, from the points' trees of a {@link LongPoint} field alone, the value where the {@code k}
 * largest (or smallest) values within a range begin, so that a search sorted on that field can be
 * narrowed to a range holding about {@code k} documents.
 *
 * <p>Why: a search sorted on a field's doc values compares every document it matches, and Lucene's
 * skipping of non-competitive documents helps little when the index order follows the field, as
 * update and first-seen times do: on 1,000,000 articles, the 769,374 story documents sorted newest
 * first cost 0.5–0.9 s, and the newest first-seen time 12 ms. The tree gives the bound by reading a
 * leaf or two per segment (issue 11, the merged feed's first page).
 *
 * <p>NOTE: every point counts, deleted documents' too (the trees keep them until segments merge): a
 * range starting at the bound holds at least {@code k} documents with points, but may hold fewer
 * live ones. A caller that finds too few widens by asking again with a larger {@code k}. Keeps each
 * segment's best values (a segment's points never change); thread-safe.
 */
final class PointCut {
  private PointCut() {}

  /**
   * Returns the {@code k}-th largest value of {@code field} within {@code [lo, hi]} over all of
   * {@code reader}'s segments, or empty when the range holds fewer than {@code k} points.
   */
  static OptionalLong largest(IndexReader reader, String field, long lo, long hi, int k)
      throws IOException {
    return cut(reader, field, lo, hi, k, true);
  }

  /**
   * Returns the {@code k}-th smallest value of {@code field} within {@code [lo, hi]} over all of
   * {@code reader}'s segments, or empty when the range holds fewer than {@code k} points.
   */
  static OptionalLong smallest(IndexReader reader, String field, long lo, long hi, int k)
      throws IOException {
    return cut(reader, field, lo, hi, k, false);
  }

  private static OptionalLong cut(
      IndexReader reader, String field, long lo, long hi, int k, boolean largest)
      throws IOException {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1: " + k);
    }
    if (lo > hi) {
      return OptionalLong.empty();
    }
    // The k best values met so far, the worst of them on top.
    PriorityQueue<Long> best = queue(k, largest);
    for (LeafReaderContext leaf : reader.leaves()) {
      for (long v : segment(leaf, field, lo, hi, k, largest)) {
        if (best.size() < k) {
          best.add(v);
        } else if (largest ? v > best.peek() : v < best.peek()) {
          best.poll();
          best.add(v);
        }
      }
    }
    return best.size() < k ? OptionalLong.empty() : OptionalLong.of(best.peek());
  }

  private static PriorityQueue<Long> queue(int k, boolean largest) {
    return new PriorityQueue<>(
        Math.min(k, 1024), largest ? Long::compare : (a, b) -> Long.compare(b, a));
  }

  /** Keeps a segment's best values for cuts of at most this many values. */
  static final int MAX_CACHED_K = 1_024;

  /** Keeps at most this many segments' best values (per field, range and k). */
  static final int MAX_CACHED = 1_024;

  private record Key(
      IndexReader.CacheKey core, String field, long lo, long hi, int k, boolean largest) {}

  /**
   * A segment's points never change (deleting a document leaves its point in the tree until the
   * segment merges away), so its best values are kept under its core: after a commit a cut walks
   * only the new segments' trees. Least recently used dropped first.
   */
  private static final Map<Key, long[]> SEGMENTS = new LinkedHashMap<>(64, 0.75f, true);

  private static long walks;

  /**
   * Returns how many segments' trees were walked so far (not answered from the cache); for tests.
   */
  static synchronized long walks() {
    return walks;
  }

  /** Returns the (at most k) best values of one segment within the range, in no order. */
  private static long[] segment(
      LeafReaderContext leaf, String field, long lo, long hi, int k, boolean largest)
      throws IOException {
    IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
    Key key =
        helper == null || k > MAX_CACHED_K
            ? null
            : new Key(helper.getKey(), field, lo, hi, k, largest);
    if (key != null) {
      synchronized (PointCut.class) {
        long[] kept = SEGMENTS.get(key);
        if (kept != null) {
          return kept;
        }
      }
    }
    PriorityQueue<Long> best = queue(k, largest);
    PointValues points = leaf.reader().getPointValues(field);
    if (points != null && points.size() > 0) {
      new Walk(lo, hi, k, largest, best).visit(points.getPointTree());
    }
    long[] values = best.stream().mapToLong(Long::longValue).toArray();
    synchronized (PointCut.class) {
      walks++;
      if (key != null) {
        SEGMENTS.put(key, values);
        var it = SEGMENTS.values().iterator();
        while (SEGMENTS.size() > MAX_CACHED && it.hasNext()) {
          it.next();
          it.remove();
        }
      }
    }
    return values;
  }

  private record Walk(long lo, long hi, int k, boolean largest, PriorityQueue<Long> best) {
    void visit(PointValues.PointTree node) throws IOException {
      long min = LongPoint.decodeDimension(node.getMinPackedValue(), 0);
      long max = LongPoint.decodeDimension(node.getMaxPackedValue(), 0);
      if (max < lo || min > hi || !better(largest ? max : min)) {
        return;
      }
      if (node.moveToChild()) {
        List<PointValues.PointTree> children = new ArrayList<>(2);
        do {
          children.add(node.clone());
        } while (node.moveToSibling());
        node.moveToParent();
        // Children come in value order (the trees of one dimension are sorted): the best side
        // first, so the rest is mostly pruned.
        for (int i = 0; i < children.size(); i++) {
          visit(children.get(largest ? children.size() - 1 - i : i));
        }
        return;
      }
      node.visitDocValues(
          new PointValues.IntersectVisitor() {
            @Override
            public void visit(int docID) {
              throw new IllegalStateException("values are visited one by one");
            }

            @Override
            public void visit(int docID, byte[] packedValue) {
              long v = LongPoint.decodeDimension(packedValue, 0);
              if (v >= lo && v <= hi && better(v)) {
                if (best.size() == k) {
                  best.poll();
                }
                best.add(v);
              }
            }

            @Override
            public PointValues.Relation compare(byte[] minPackedValue, byte[] maxPackedValue) {
              return PointValues.Relation.CELL_CROSSES_QUERY;
            }
          });
    }

    /** Says whether {@code v} would enter the k best: there is room, or it beats the worst. */
    private boolean better(long v) {
      if (best.size() < k) {
        return true;
      }
      long worst = best.peek();
      return largest ? v > worst : v < worst;
    }
  }
}
