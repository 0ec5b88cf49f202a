package org.feedfold.index;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.FixedBitSet;

/**
 * Scores searches with heap copies of the norms of the segments and fields searched often: {@link
 * #searcher} wraps a searcher's reader so that its segments hand out the copies.
 *
 * <p>Why: scoring a hit reads its field's norm (its length), a random read into the segment's
 * memory-mapped norms; a search on 1,000,000 articles scores thousands of hits, and those reads of
 * cold pages were a tenth of its time. A copy is the same bytes on the heap. It costs a pass over
 * the segment's norms and a byte and a bit per document, so nothing is copied before {@value
 * #SEARCHES_BEFORE_COPY} searches went through {@link #searcher}; after that, a segment's field is
 * copied the first time its norms are asked for. A process that searches once (the CLI) never pays
 * it. Scores are the same: the copy holds the same value for the same documents.
 *
 * <p>Thread-safe. A copy is dropped when its segment's core is closed, a wrapped reader when it is.
 * At most {@value #MAX_COPIED_DOCS} documents' norms are copied in all; past that, and for a field
 * whose norms do not fit in a byte (none of Feedfold's, with BM25), the segment's own norms are
 * read as before.
 */
final class HeapNorms {
  /** Copies nothing before this many searches. */
  static final int SEARCHES_BEFORE_COPY = 64;

  /** Copies the norms of at most this many documents in all (a byte and a bit each: ~72 MiB). */
  static final long MAX_COPIED_DOCS = 64L << 20;

  private final ConcurrentHashMap<IndexReader.CacheKey, IndexSearcher> searchers =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<IndexReader.CacheKey, ConcurrentHashMap<String, Field>> segments =
      new ConcurrentHashMap<>();
  private final AtomicLong copiedDocs = new AtomicLong();
  private final AtomicLong searches = new AtomicLong();

  /** Is one segment field's norms once copied, and whether a copy was tried. */
  private static final class Field {
    final AtomicBoolean tried = new AtomicBoolean();
    volatile Copy copy;
  }

  /** Is one segment field's norms on the heap. */
  private record Copy(FixedBitSet present, byte[] values, int count) {}

  /**
   * Returns a searcher over the same documents as {@code base}, with the same scores, whose
   * segments hand out their norms from the heap once copied; one per reader, kept until it closes.
   * Returns {@code base} itself when its reader cannot be wrapped (not a {@link DirectoryReader}).
   */
  IndexSearcher searcher(IndexSearcher base) throws IOException {
    searches.incrementAndGet();
    if (!(base.getIndexReader() instanceof DirectoryReader reader)
        || reader.getReaderCacheHelper() == null) {
      return base;
    }
    IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
    IndexSearcher s = searchers.get(helper.getKey());
    if (s != null) {
      return s;
    }
    IndexSearcher fresh = new IndexSearcher(new Wrapped(reader, this));
    fresh.setSimilarity(base.getSimilarity());
    fresh.setQueryCache(base.getQueryCache());
    fresh.setQueryCachingPolicy(base.getQueryCachingPolicy());
    s = searchers.putIfAbsent(helper.getKey(), fresh);
    if (s == null) {
      helper.addClosedListener(searchers::remove);
      s = fresh;
    }
    return s;
  }

  /** Returns how many segment fields are copied. */
  int copied() {
    return (int)
        segments.values().stream()
            .flatMap(m -> m.values().stream())
            .filter(f -> f.copy != null)
            .count();
  }

  /**
   * Returns {@code field}'s norms in {@code segment} from the heap if copied (copying them first
   * after enough searches), else from the segment.
   */
  private NumericDocValues norms(LeafReader segment, String field) throws IOException {
    IndexReader.CacheHelper core = segment.getCoreCacheHelper();
    if (core == null) {
      return segment.getNormValues(field);
    }
    ConcurrentHashMap<String, Field> fields = segments.get(core.getKey());
    if (fields == null) {
      ConcurrentHashMap<String, Field> created = new ConcurrentHashMap<>();
      fields = segments.putIfAbsent(core.getKey(), created);
      if (fields == null) {
        fields = created;
        core.addClosedListener(this::forget);
      }
    }
    Field f = fields.computeIfAbsent(field, k -> new Field());
    Copy c = f.copy;
    if (c == null && searches.get() >= SEARCHES_BEFORE_COPY && f.tried.compareAndSet(false, true)) {
      c = copy(segment, field);
      f.copy = c;
    }
    return c == null ? segment.getNormValues(field) : new HeapIterator(c);
  }

  private Copy copy(LeafReader segment, String field) throws IOException {
    int docs = segment.maxDoc();
    if (copiedDocs.addAndGet(docs) > MAX_COPIED_DOCS) {
      copiedDocs.addAndGet(-docs);
      return null;
    }
    NumericDocValues norms = segment.getNormValues(field);
    if (norms == null) {
      copiedDocs.addAndGet(-docs);
      return null;
    }
    FixedBitSet present = new FixedBitSet(docs);
    byte[] values = new byte[docs];
    int count = 0;
    for (int doc = norms.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = norms.nextDoc()) {
      long v = norms.longValue();
      if (v != (byte) v) {
        copiedDocs.addAndGet(-docs);
        return null;
      }
      values[doc] = (byte) v;
      present.set(doc);
      count++;
    }
    return new Copy(present, values, count);
  }

  private void forget(IndexReader.CacheKey key) {
    ConcurrentHashMap<String, Field> fields = segments.remove(key);
    if (fields != null) {
      for (Field f : fields.values()) {
        if (f.copy != null) {
          copiedDocs.addAndGet(-f.copy.values().length);
        }
      }
    }
  }

  /** Iterates one copy as the segment's own norms iterate. */
  private static final class HeapIterator extends NumericDocValues {
    private final Copy copy;
    private int doc = -1;

    HeapIterator(Copy copy) {
      this.copy = copy;
    }

    @Override
    public long longValue() {
      return copy.values()[doc];
    }

    @Override
    public boolean advanceExact(int target) {
      doc = target;
      return copy.present().get(target);
    }

    @Override
    public int docID() {
      return doc;
    }

    @Override
    public int nextDoc() {
      return advance(doc + 1);
    }

    @Override
    public int advance(int target) {
      doc = target >= copy.values().length ? NO_MORE_DOCS : copy.present().nextSetBit(target);
      return doc;
    }

    @Override
    public long cost() {
      return copy.count();
    }
  }

  /** Is a reader whose segments hand out their norms through {@link #norms}. */
  private static final class Wrapped extends FilterDirectoryReader {
    private final HeapNorms heap;

    Wrapped(DirectoryReader in, HeapNorms heap) throws IOException {
      super(
          in,
          new SubReaderWrapper() {
            @Override
            public LeafReader wrap(LeafReader segment) {
              return new FilterLeafReader(segment) {
                @Override
                public NumericDocValues getNormValues(String field) throws IOException {
                  return heap.norms(in, field);
                }

                // The same documents and values: caches keyed by the segment stay valid.
                @Override
                public IndexReader.CacheHelper getCoreCacheHelper() {
                  return in.getCoreCacheHelper();
                }

                @Override
                public IndexReader.CacheHelper getReaderCacheHelper() {
                  return in.getReaderCacheHelper();
                }
              };
            }
          });
      this.heap = heap;
    }

    @Override
    protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) throws IOException {
      return new Wrapped(in, heap);
    }

    @Override
    public IndexReader.CacheHelper getReaderCacheHelper() {
      return in.getReaderCacheHelper();
    }
  }
}
