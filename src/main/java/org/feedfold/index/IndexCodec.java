package org.feedfold.index;

import java.util.Set;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.bloom.BloomFilterFactory;
import org.apache.lucene.codecs.bloom.BloomFilteringPostingsFormat;
import org.apache.lucene.codecs.bloom.FuzzySet;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene912.Lucene912PostingsFormat;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Builds the index codec: Lucene's default, with a per-segment Bloom filter in front of the terms
 * of {@link Fields#ID}, {@link Fields#CANONICAL} and {@link Fields#PAGE}.
 *
 * <p>Why: each added article looks up its id, its canonical URL and its page in every segment to
 * tell an update from a new article, and a new article's terms are absent from every segment; the
 * filter answers those misses from heap without reading the terms dictionary. Readers need no
 * setup: the filter's format is found by name through Lucene's service loader (lucene-codecs).
 */
final class IndexCodec {
  /** Aims at this false-positive rate for a segment of the expected size. */
  static final float FALSE_POSITIVES = 0.05f;

  private static final Set<String> BLOOMED = Set.of(Fields.ID, Fields.CANONICAL, Fields.PAGE);

  private IndexCodec() {}

  /** Returns the codec; a new instance per call, cheap. */
  static Codec create() {
    PostingsFormat bloom =
        new BloomFilteringPostingsFormat(new Lucene912PostingsFormat(), new Sizing());
    return new Lucene912Codec() {
      @Override
      public PostingsFormat getPostingsFormatForField(String field) {
        return BLOOMED.contains(field) ? bloom : super.getPostingsFormatForField(field);
      }
    };
  }

  /** Sizes a filter for one term per document of the segment. */
  private static final class Sizing extends BloomFilterFactory {
    @Override
    public FuzzySet getSetForField(SegmentWriteState state, FieldInfo info) {
      return FuzzySet.createOptimalSet(Math.max(1024, state.segmentInfo.maxDoc()), FALSE_POSITIVES);
    }

    @Override
    public boolean isSaturated(FuzzySet set, FieldInfo info) {
      // A filter this full passes most misses anyway; the segment is then read without one.
      return set.getSaturation() > 0.9f;
    }
  }
}
