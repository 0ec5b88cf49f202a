package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.feedfold.bench.ClusterCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks that highlighting a hit's text on its own, without the index, gives the snippets the
 * highlighter gives with the index, and that queries whose other fields decide what counts keep the
 * index.
 */
class SnippetsTest {
  private static final String[] FIELDS = {Fields.TITLE, Fields.TEXT};
  private static final Analyzer ANALYZER = new StandardAnalyzer();

  @TempDir Path dir;

  private static Query parse(String q) {
    return QueryParsing.parse(q, FIELDS, ANALYZER);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "earthquake | true",
        "earthquake chile | true",
        "title:earthquake | true",
        "\"strong earthquake\" chile | true",
        "earthquake source:reuters | true",
        "earthquake lang:en | true",
        "earthquake -chile | true",
        "earthquake -title:chile | true",
        "earth* | true",
        "earthquake~1 | true",
        "text:earthquake AND text:chile | true",
        "+text:earthquake -text:chile | true",
        "earthquake AND chile | false",
        "+earthquake +source:reuters | false",
        "title:chile AND text:earthquake | false",
        "earthquake AND published:[2020-01-01 TO *] | false",
        "(+title:chile +text:earthquake) text:tsunami | false",
        "(text:earthquake -title:chile) text:tsunami | false",
      })
  void highlightsAloneOnlyWhenNoOtherFieldDecides(String query, boolean alone) {
    assertEquals(alone, Snippets.textDecides(parse(query), Fields.TEXT), query);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "earthquake | true",
        "earthquake chile tsunami | true",
        "title:earthquake | true",
        "text:earthquake^2 chile | true",
        "earthquake source:reuters | true",
        "earthquake title:\"strong earthquake\" | true",
        "\"strong earthquake\" chile | false",
        "earth* | false",
        "earthquake~1 | false",
        "earthquake -chile | false",
        "earthquake AND chile | false",
        "text:earthquake AND text:chile | false",
        "earthquake published:[2020-01-01 TO *] | false",
      })
  void findsTermsAmongTokensOnlyForAPlainDisjunction(String query, boolean plain) {
    assertEquals(plain, Snippets.termsAnywhere(parse(query), Fields.TEXT), query);
  }

  @Test
  void highlightsTheSameWithoutTheIndex() throws IOException {
    List<ClusterCorpus.Original> wiki = ClusterCorpus.wikinews();
    try (Directory d = FSDirectory.open(dir)) {
      try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig(ANALYZER))) {
        for (int i = 0; i < 40; i++) {
          ClusterCorpus.Original o = wiki.get(i);
          Document doc = new Document();
          doc.add(new StringField(Fields.TYPE, Fields.ARTICLE, Field.Store.NO));
          doc.add(new TextField(Fields.TITLE, o.title(), Field.Store.YES));
          doc.add(new TextField(Fields.TEXT, String.join("\n", o.paragraphs()), Field.Store.YES));
          w.addDocument(doc);
          if (i % 10 == 9) {
            w.commit(); // several segments, as a real index has
          }
        }
      }
      try (DirectoryReader r = DirectoryReader.open(d)) {
        IndexSearcher s = new IndexSearcher(r);
        int compared = 0;
        for (int i = 0; i < 40; i += 3) {
          String[] words = wiki.get(i).title().toLowerCase(java.util.Locale.ROOT).split("\\W+");
          String a = words[0];
          String b = words[words.length - 1];
          for (String q :
              new String[] {
                a,
                a + " " + b,
                b + " " + a + " " + words[words.length / 2],
                a + " " + a,
                "text:" + a + "^3 " + b,
                a + " source:reuters",
                "title:" + b,
                "\"" + a + " " + b + "\" " + b,
                a + " -" + b,
                a + "*"
              }) {
            Query query = parse(q);
            TopDocs top = s.search(query, 10);
            String[] texts = new String[top.scoreDocs.length];
            for (int k = 0; k < texts.length; k++) {
              texts[k] = s.storedFields().document(top.scoreDocs[k].doc).get(Fields.TEXT);
            }
            assertArrayEquals(
                Snippets.highlightWithIndex(s, ANALYZER, Fields.TEXT, query, top, texts),
                Snippets.highlight(s, ANALYZER, Fields.TEXT, query, top, texts),
                q);
            compared += texts.length;
          }
        }
        assertTrue(compared > 50, "compared " + compared + " snippets");
      }
    }
  }

  @Test
  void highlightsATextTermThatATitleTermIsRequiredBeside() throws IOException {
    try (Directory d = FSDirectory.open(dir)) {
      try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig(ANALYZER))) {
        Document doc = new Document();
        doc.add(new TextField(Fields.TITLE, "Storm over the harbour", Field.Store.YES));
        doc.add(
            new TextField(
                Fields.TEXT,
                "Boats stayed in port. A strong gale closed the harbour road.",
                Field.Store.YES));
        w.addDocument(doc);
      }
      try (DirectoryReader r = DirectoryReader.open(d)) {
        IndexSearcher s = new IndexSearcher(r);
        Query q = parse("+title:storm +text:gale");
        TopDocs top = s.search(q, 1);
        String[] texts = {s.storedFields().document(top.scoreDocs[0].doc).get(Fields.TEXT)};
        String snippet = Snippets.highlight(s, ANALYZER, Fields.TEXT, q, top, texts)[0];
        // The text alone does not match title:storm; its match in the title counts all the same.
        assertTrue(snippet.contains("<b>gale</b>"), snippet);
      }
    }
  }
}
