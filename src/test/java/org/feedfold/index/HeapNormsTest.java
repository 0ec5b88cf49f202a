package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.model.ArticleInput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches scored with heap copies of the norms find the same hits with the same scores as with the
 * segments' own norms, and the copies iterate as the segments' norms do.
 */
class HeapNormsTest {
  @TempDir Path dir;

  @BeforeEach
  void indexArticlesOfManyLengthsInTwoSegments() throws IOException {
    try (ArticleIndex ix =
        ArticleIndex.open(dir, ClusterSettings.defaults(), InstantSource.system())) {
      Instant at = Instant.parse("2024-03-01T13:00:00Z");
      for (int segment = 0; segment < 2; segment++) {
        for (int i = 0; i < 30; i++) {
          int n = segment * 30 + i;
          ix.add(
              new ArticleInput(
                  "a-" + n,
                  "https://post.example/" + n,
                  null,
                  n % 3 == 0 ? "Storm over the harbour " + n : "Council budget vote " + n,
                  ("The storm " + n + " reached the harbour. ").repeat(1 + n % 7)
                      + "Words about item "
                      + n
                      + " and nothing else of note here.",
                  null,
                  at,
                  at,
                  "Outlet " + (n % 4),
                  null,
                  null,
                  "en"));
        }
        ix.commit();
      }
    }
  }

  @Test
  void scoresTheSameHitsTheSameOnceTheNormsAreCopied() throws IOException {
    HeapNorms heap = new HeapNorms();
    Query q =
        QueryParsing.parse(
            "storm harbour",
            new String[] {Fields.TITLE, Fields.TEXT},
            new StandardAnalyzer(),
            id -> null);
    try (FSDirectory d = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(d)) {
      assertTrue(reader.leaves().size() >= 2, "segments: " + reader.leaves().size());
      IndexSearcher base = new IndexSearcher(reader);
      TopDocs want = base.search(q, 100);
      assertTrue(want.scoreDocs.length > 20);
      IndexSearcher wrapped = heap.searcher(base);
      assertNotSame(base, wrapped);
      assertSame(wrapped, heap.searcher(base), "one wrapped searcher per reader");
      for (int use = 0; use < HeapNorms.SEARCHES_BEFORE_COPY; use++) {
        assertSameHits(want, heap.searcher(base).search(q, 100));
        if (use < HeapNorms.SEARCHES_BEFORE_COPY - 3) {
          assertEquals(0, heap.copied(), "nothing copied after " + (use + 3) + " searches");
        }
      }
      assertTrue(heap.copied() >= 4, "title and text of both segments: " + heap.copied());
      assertSameHits(want, heap.searcher(base).search(q, 100));
      for (LeafReaderContext leaf : heap.searcher(base).getIndexReader().leaves()) {
        LeafReaderContext own = reader.leaves().get(leaf.ord);
        for (String field : new String[] {Fields.TITLE, Fields.TEXT}) {
          assertSameNorms(
              own.reader().getNormValues(field), leaf.reader().getNormValues(field), field);
          assertSameExact(
              own.reader().getNormValues(field),
              leaf.reader().getNormValues(field),
              leaf.reader().maxDoc());
        }
      }
    }
    assertEquals(0, heap.copied(), "copies dropped with their segments");
  }

  private static void assertSameHits(TopDocs want, TopDocs got) {
    assertEquals(want.scoreDocs.length, got.scoreDocs.length);
    for (int i = 0; i < want.scoreDocs.length; i++) {
      ScoreDoc w = want.scoreDocs[i];
      ScoreDoc g = got.scoreDocs[i];
      assertEquals(w.doc, g.doc, "hit " + i);
      assertEquals(Float.floatToIntBits(w.score), Float.floatToIntBits(g.score), "score " + i);
    }
  }

  private static void assertSameNorms(NumericDocValues want, NumericDocValues got, String field)
      throws IOException {
    assertEquals(want.cost(), got.cost(), field);
    for (int doc = want.nextDoc(); ; doc = want.nextDoc()) {
      assertEquals(doc, got.nextDoc(), field);
      if (doc == DocIdSetIterator.NO_MORE_DOCS) {
        return;
      }
      assertEquals(want.longValue(), got.longValue(), field + " " + doc);
    }
  }

  private static void assertSameExact(NumericDocValues want, NumericDocValues got, int maxDoc)
      throws IOException {
    for (int doc = 0; doc < maxDoc; doc += 2) {
      boolean has = want.advanceExact(doc);
      assertEquals(has, got.advanceExact(doc), "doc " + doc);
      assertEquals(doc, got.docID());
      if (has) {
        assertEquals(want.longValue(), got.longValue(), "doc " + doc);
      }
    }
  }
}
