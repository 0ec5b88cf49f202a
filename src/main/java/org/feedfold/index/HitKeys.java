package org.feedfold.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReader;
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

  private static final Set<String> STORED = Set.of(Fields.STORY, Fields.SOURCE);

  private HitKeys() {}

  /** Returns the keys of {@code hits}, in their order. */
  static Key[] of(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
    Key[] out = new Key[hits.length];
    Integer[] byDoc = new Integer[hits.length];
    for (int i = 0; i < hits.length; i++) {
      byDoc[i] = i;
    }
    // Doc-values iterators only move forward: visit the hits in index order.
    Arrays.sort(byDoc, Comparator.comparingInt(i -> hits[i].doc));
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    int leafIndex = -1;
    LeafReaderContext leaf = null;
    NumericDocValues stories = null;
    NumericDocValues sources = null;
    StoredFields stored = null;
    for (int i : byDoc) {
      int doc = hits[i].doc;
      if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
        leafIndex = ReaderUtil.subIndex(doc, leaves);
        leaf = leaves.get(leafIndex);
        LeafReader r = leaf.reader();
        stories = r.getNumericDocValues(Fields.STORY_NUMBER);
        sources = r.getNumericDocValues(Fields.SOURCE_HASH);
        stored = null;
      }
      int local = doc - leaf.docBase;
      if (stories != null
          && sources != null
          && stories.advanceExact(local)
          && sources.advanceExact(local)) {
        out[i] = new Key(stories.longValue(), sources.longValue());
      } else {
        if (stored == null) {
          stored = leaf.reader().storedFields();
        }
        Document d = stored.document(local, STORED);
        out[i] =
            new Key(
                Fields.parseStoryId(d.get(Fields.STORY)).orElseThrow(),
                Fields.sourceHash(d.get(Fields.SOURCE)));
      }
    }
    return out;
  }
}
