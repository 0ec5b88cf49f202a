package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finds the k-th largest and smallest point values of a real index against a sorted list. */
class PointCutTest {
  @TempDir Path dir;

  @Test
  void findsTheKthValueOfEveryPointAcrossSegmentsDeletedOnesIncluded() throws IOException {
    Random random = new Random(11);
    List<Long> values = new ArrayList<>();
    try (Directory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
      for (int i = 0; i < 5_000; i++) {
        // Mostly ascending in index order, as update times are, with ties and a few outliers.
        long v = i % 97 == 0 ? random.nextInt(5_000) : i * 3L + random.nextInt(3);
        values.add(v);
        Document doc = new Document();
        doc.add(new StringField("id", Integer.toString(i), Field.Store.NO));
        doc.add(new LongPoint("t", v));
        w.addDocument(doc);
        if (i % 1_000 == 999) {
          w.commit();
        }
      }
      w.deleteDocuments(new Term("id", "4999"));
      w.commit();
      try (DirectoryReader r = DirectoryReader.open(d)) {
        assertEquals(5, r.leaves().size());
        List<Long> sorted = values.stream().sorted().toList();
        for (int k : new int[] {1, 2, 50, 511, 512, 513, 4_999, 5_000}) {
          assertEquals(
              OptionalLong.of(sorted.get(sorted.size() - k)),
              PointCut.largest(r, "t", Long.MIN_VALUE, Long.MAX_VALUE, k),
              "largest " + k);
          assertEquals(
              OptionalLong.of(sorted.get(k - 1)),
              PointCut.smallest(r, "t", Long.MIN_VALUE, Long.MAX_VALUE, k),
              "smallest " + k);
        }
        assertEquals(
            OptionalLong.empty(), PointCut.largest(r, "t", Long.MIN_VALUE, Long.MAX_VALUE, 5_001));
        long lo = 3_000;
        long hi = 9_000;
        List<Long> within = sorted.stream().filter(v -> v >= lo && v <= hi).toList();
        for (int k : new int[] {1, 16, 700, within.size()}) {
          assertEquals(
              OptionalLong.of(within.get(within.size() - k)),
              PointCut.largest(r, "t", lo, hi, k),
              "largest within " + k);
          assertEquals(
              OptionalLong.of(within.get(k - 1)),
              PointCut.smallest(r, "t", lo, hi, k),
              "smallest within " + k);
        }
        assertEquals(OptionalLong.empty(), PointCut.smallest(r, "t", lo, hi, within.size() + 1));
        assertEquals(OptionalLong.empty(), PointCut.largest(r, "none", lo, hi, 1));
      }
    }
  }

  /**
   * A segment's points never change, so after a commit a cut walks only the new segment's tree and
   * answers the others from what it kept, with the same value (issue 11: the listing and the
   * archive link cut on every render after every commit).
   */
  @Test
  void walksOnlyTheNewSegmentsTreeAfterACommit() throws IOException {
    List<Long> values = new ArrayList<>();
    try (Directory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
      for (int i = 0; i < 3_000; i++) {
        values.add(i * 2L);
        Document doc = new Document();
        doc.add(new LongPoint("t", i * 2L));
        w.addDocument(doc);
        if (i % 1_000 == 999) {
          w.commit();
        }
      }
      try (DirectoryReader r = DirectoryReader.open(d)) {
        long before = PointCut.walks();
        assertEquals(
            OptionalLong.of(5_900L), PointCut.largest(r, "t", Long.MIN_VALUE, Long.MAX_VALUE, 50));
        assertEquals(3, PointCut.walks() - before, "cold: every segment");
        assertEquals(
            OptionalLong.of(5_900L), PointCut.largest(r, "t", Long.MIN_VALUE, Long.MAX_VALUE, 50));
        assertEquals(3, PointCut.walks() - before, "again: none");

        Document doc = new Document();
        doc.add(new LongPoint("t", 7_000L));
        w.addDocument(doc);
        w.commit();
        try (DirectoryReader r2 = DirectoryReader.openIfChanged(r)) {
          assertEquals(4, r2.leaves().size());
          assertEquals(
              OptionalLong.of(5_902L),
              PointCut.largest(r2, "t", Long.MIN_VALUE, Long.MAX_VALUE, 50));
          assertEquals(4, PointCut.walks() - before, "after a commit: the new segment only");
        }
      }
    }
  }
}
