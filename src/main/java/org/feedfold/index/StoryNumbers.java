package org.feedfold.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * Keeps a heap copy of a segment's {@link Fields#STORY_NUMBER} doc values once the segment has been
 * collapsed often, for {@link HitKeys#stories}.
 *
 * <p>Why: a collapsed search reads the story of each of its first 200 hits, scattered over the
 * whole index; each read from the memory-mapped doc values touches a cold page of a file of tens of
 * megabytes, and on 1,000,000 articles that was a tenth of a search's time. An array on the heap
 * answers the same in a fraction of that. The copy costs a pass over the segment's values and 8
 * bytes per document, so a segment is copied only at its {@value #USES_BEFORE_COPY}th use: a
 * process that searches once (the CLI) never pays it; a daemon pays it once per segment.
 *
 * <p>Thread-safe. A copy is dropped when its segment's core is closed. At most {@value
 * #MAX_COPIED_DOCS} documents are copied in all; segments past that, and a segment where a value is
 * {@link #MISSING} itself, are read from doc values as before. A document without a value (a
 * story's, or any in a segment written before the field) is {@link #MISSING} in the copy, and has
 * none in the doc values either: the caller reads its stored fields.
 */
final class StoryNumbers {
  /** A segment is copied at this use. */
  static final int USES_BEFORE_COPY = 32;

  /** Copies at most this many documents in all (8 bytes each: 256 MiB). */
  static final long MAX_COPIED_DOCS = 32L << 20;

  /** Stands in the copy for a document without a value. */
  static final long MISSING = Long.MIN_VALUE;

  private final ConcurrentHashMap<IndexReader.CacheKey, Segment> segments =
      new ConcurrentHashMap<>();
  private final AtomicLong copiedDocs = new AtomicLong();

  /** Is one segment's use count and, once copied, its numbers. */
  private static final class Segment {
    final AtomicInteger uses = new AtomicInteger();
    volatile long[] numbers;
  }

  /**
   * Counts a use of {@code leaf} and returns its copied story numbers, indexed by the segment's doc
   * id, or {@code null} when it is not copied (yet, or at all).
   */
  long[] of(LeafReaderContext leaf) throws IOException {
    LeafReader reader = leaf.reader();
    IndexReader.CacheHelper core = reader.getCoreCacheHelper();
    if (core == null) {
      return null;
    }
    Segment s = segments.get(core.getKey());
    if (s == null) {
      Segment fresh = new Segment();
      s = segments.putIfAbsent(core.getKey(), fresh);
      if (s == null) {
        s = fresh;
        core.addClosedListener(this::forget);
      }
    }
    long[] numbers = s.numbers;
    if (numbers != null || s.uses.incrementAndGet() != USES_BEFORE_COPY) {
      return numbers;
    }
    int docs = reader.maxDoc();
    if (copiedDocs.addAndGet(docs) > MAX_COPIED_DOCS) {
      copiedDocs.addAndGet(-docs);
      return null;
    }
    numbers = copy(reader);
    if (numbers == null) {
      copiedDocs.addAndGet(-docs);
    }
    s.numbers = numbers;
    return numbers;
  }

  /** Returns how many segments are copied. */
  int copied() {
    return (int) segments.values().stream().filter(s -> s.numbers != null).count();
  }

  private void forget(IndexReader.CacheKey key) {
    Segment s = segments.remove(key);
    if (s != null && s.numbers != null) {
      copiedDocs.addAndGet(-s.numbers.length);
    }
  }

  /** Returns the segment's numbers, or {@code null} when one of them is {@link #MISSING}. */
  private static long[] copy(LeafReader reader) throws IOException {
    long[] out = new long[reader.maxDoc()];
    Arrays.fill(out, MISSING);
    NumericDocValues values = reader.getNumericDocValues(Fields.STORY_NUMBER);
    if (values != null) {
      for (int doc = values.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = values.nextDoc()) {
        out[doc] = values.longValue();
        if (out[doc] == MISSING) {
          return null;
        }
      }
    }
    return out;
  }
}
