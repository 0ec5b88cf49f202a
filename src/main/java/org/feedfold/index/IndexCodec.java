package org.feedfold.index;

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
 * of {@link Fields#SHINGLES}.
 *
 * <p>Why: each added article looks up its shingles in every segment, and almost every shingle is
 * absent from almost every segment (a shingle is shared only by republications); the filter answers
 * those misses from heap without reading the terms dictionary. Readers need no setup: the filter's
 * format is found by name through Lucene's service loader (lucene-codecs).
 */
final class ShingleCodec {
  /**
   * Sizes a segment's filter for this many distinct shingles per document; story and feed documents
   * have none, so this is about half the sampled shingles of an article (about 100 for a 400-word
   * article). More shingles only raise the false-positive rate.
   */
  static final int SHINGLES_PER_DOC = 48;

  /** Aims at this false-positive rate for a segment of the expected size. */
  static final float FALSE_POSITIVES = 0.05f;

  /**
   * Caps a filter at this many expected shingles (about 26 MB of heap per filter); a larger segment
   * gets more false positives instead of more memory.
   */
  static final int MAX_EXPECTED = 1 << 25;

  private ShingleCodec() {}

  /** Returns the codec; a new instance per call, cheap. */
  static Codec create() {
    PostingsFormat bloom =
        new BloomFilteringPostingsFormat(new Lucene912PostingsFormat(), new Sizing());
    return new Lucene912Codec() {
      @Override
      public PostingsFormat getPostingsFormatForField(String field) {
        return field.equals(Fields.SHINGLES) ? bloom : super.getPostingsFormatForField(field);
      }
    };
  }

  /** Sizes filters by the expected shingle count, not by document count as the default does. */
  private static final class Sizing extends BloomFilterFactory {
    @Override
    public FuzzySet getSetForField(SegmentWriteState state, FieldInfo info) {
      long expected = (long) state.segmentInfo.maxDoc() * SHINGLES_PER_DOC;
      return FuzzySet.createOptimalSet((int) Math.min(expected, MAX_EXPECTED), FALSE_POSITIVES);
    }

    @Override
    public boolean isSaturated(FuzzySet set, FieldInfo info) {
      // A filter this full passes most misses anyway; the segment is then read without one.
      return set.getSaturation() > 0.9f;
    }
  }
}
