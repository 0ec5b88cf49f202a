package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.feedfold.bench.ClusterCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that term queries given the segments' earlier answers find the same hits with the same
 * scores, and that a segment is asked for a term once.
 */
class TermLookupsTest {
  private static final String[] FIELDS = {Fields.TITLE, Fields.TEXT};
  private static final Analyzer ANALYZER = new StandardAnalyzer();

  @TempDir Path dir;

  private static void add(IndexWriter w, ClusterCorpus.Original o, int i) throws IOException {
    Document doc = new Document();
    doc.add(new StringField(Fields.ID, "a" + i, Field.Store.YES));
    doc.add(new TextField(Fields.TITLE, o.title(), Field.Store.YES));
    doc.add(new TextField(Fields.TEXT, String.join("\n", o.paragraphs()), Field.Store.NO));
    w.addDocument(doc);
  }

  private static void assertSameHits(TopDocs expected, TopDocs actual, String q) {
    assertEquals(expected.totalHits, actual.totalHits, q);
    assertEquals(expected.scoreDocs.length, actual.scoreDocs.length, q);
    for (int i = 0; i < expected.scoreDocs.length; i++) {
      assertEquals(expected.scoreDocs[i].doc, actual.scoreDocs[i].doc, q);
      assertEquals(
          Float.floatToRawIntBits(expected.scoreDocs[i].score),
          Float.floatToRawIntBits(actual.scoreDocs[i].score),
          q);
    }
  }

  @Test
  void findsTheSameHitsWithTheSameScoresAndAsksEachSegmentOnce() throws IOException {
    List<ClusterCorpus.Original> wiki = ClusterCorpus.wikinews();
    TermLookups lookups = new TermLookups();
    try (Directory d = FSDirectory.open(dir)) {
      try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig(ANALYZER))) {
        for (int i = 0; i < 60; i++) {
          add(w, wiki.get(i), i);
          if (i % 20 == 19) {
            w.commit(); // three segments
          }
        }
        w.deleteDocuments(new Term(Fields.ID, "a3"), new Term(Fields.ID, "a45"));
      }
      String[] queries = new String[30];
      for (int i = 0; i < queries.length; i++) {
        String[] words = wiki.get(i * 2).title().toLowerCase(Locale.ROOT).split("\\W+");
        String a = words[0];
        String b = words[words.length - 1];
        queries[i] =
            switch (i % 5) {
              case 0 -> a;
              case 1 -> a + " " + b;
              case 2 -> "title:" + b + "^2 " + a;
              case 3 -> "+" + a + " -" + b;
              default -> "\"" + a + " " + b + "\" " + b + " nosuchwordanywhere";
            };
      }
      try (DirectoryReader r = DirectoryReader.open(d)) {
        IndexSearcher s = new IndexSearcher(r);
        long first = 0;
        for (int round = 0; round < 2; round++) {
          for (String q : queries) {
            Query parsed = QueryParsing.parse(q, FIELDS, ANALYZER);
            assertSameHits(s.search(parsed, 20), s.search(lookups.prepare(parsed, s), 20), q);
          }
          if (round == 0) {
            first = lookups.lookups();
          }
        }
        assertTrue(first > 0, "looked up " + first);
        assertEquals(first, lookups.lookups(), "the second round asks no segment again");
        // A segment added since is asked; the others, shared by the refreshed reader, answer as
        // before.
        try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig(ANALYZER))) {
          add(w, wiki.get(70), 70);
        }
        try (DirectoryReader fresh = DirectoryReader.openIfChanged(r)) {
          IndexSearcher f = new IndexSearcher(fresh);
          assertEquals(r.leaves().size() + 1, fresh.leaves().size());
          long before = lookups.lookups();
          Query parsed = QueryParsing.parse(queries[0], FIELDS, ANALYZER);
          assertSameHits(
              f.search(parsed, 20), f.search(lookups.prepare(parsed, f), 20), queries[0]);
          assertEquals(before + 2, lookups.lookups(), "the new segment, for title and text");
        }
      }
    }
  }
}
