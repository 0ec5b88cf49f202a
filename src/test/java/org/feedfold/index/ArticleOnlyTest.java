package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.SearchHit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks which queries may run without the filter on the document type. */
class ArticleOnlyTest {
  private static final Analyzer ANALYZER = new StandardAnalyzer();
  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "earthquake | true",
        "earthquake chile | true",
        "\"strong earthquake\" | true",
        "title:earthquake AND text:chile | true",
        "source:reuters | true",
        "source:wire.example | true",
        "lang:en | true",
        "published:[2020-01-01 TO *] | true",
        "earth* -chile | true",
        "*:* | false",
        "earthquake *:* | false",
      })
  void knowsTheFieldsOnlyArticlesIndex(String query, boolean articleOnly) {
    assertEquals(
        articleOnly,
        ArticleOnly.matches(
            QueryParsing.parse(query, new String[] {Fields.TITLE, Fields.TEXT}, ANALYZER)),
        query);
  }

  @Test
  void keepsTheFilterForFieldsOtherDocumentsIndex() {
    assertTrue(ArticleOnly.matches(new TermInSetQuery(Fields.STORY, List.of(new BytesRef("s1")))));
    assertFalse(ArticleOnly.matches(new TermQuery(Fields.typeTerm(Fields.STORY_DOC))));
    assertFalse(ArticleOnly.matches(new MatchAllDocsQuery()));
    assertFalse(
        ArticleOnly.matches(
            new BooleanQuery.Builder()
                .add(new TermQuery(Fields.typeTerm(Fields.ARTICLE)), Occur.MUST)
                .add(new TermQuery(new org.apache.lucene.index.Term(Fields.SID, "s1")), Occur.MUST)
                .build()));
  }

  @Test
  void findsOnlyArticlesWhenTheQueryMatchesEveryDocument() throws IOException {
    try (ArticleIndex ix = ArticleIndex.open(dir, ClusterSettings.defaults(), () -> T0)) {
      for (String id : new String[] {"a", "b"}) {
        ix.add(
            new ArticleInput(
                id,
                "https://a.example/" + id,
                null,
                "Headline " + id,
                "Some text about " + id + " that is long enough to index.",
                null,
                T0,
                T0,
                "Test",
                null,
                null,
                "en"));
      }
      ix.commit();
      List<SearchHit> hits = ix.search("*:*", null, 10);
      assertEquals(List.of("a", "b"), hits.stream().map(SearchHit::id).sorted().toList());
    }
  }
}
