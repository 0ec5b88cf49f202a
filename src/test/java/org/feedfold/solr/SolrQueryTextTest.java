package org.feedfold.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.feedfold.index.StoreQueries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SolrQueryTextTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "earthquake | (title:earthquake text:earthquake)",
        "title:japan AND quake | (+title:japan +(title:quake text:quake))",
        "'title:\"state of emergency\"' | title:\"state of emergency\"",
        "title:harb* | title:harb*",
        "title:harbur~1 | title:harbur~1",
        "-title:japan | (-title:japan *:*)",
        "lang:en-gb | lang:en\\-gb",
        "source:wire.example | (source_name:wire.example source_host:wire.example)",
        "published:2026-11-02 | time:[1793577600000 TO 1793663999999]",
      })
  void writesTheParsedQueryInSolrSyntax(String query, String solr) {
    assertEquals(solr, SolrQueryText.of(StoreQueries.parse(query, id -> null)));
  }

  @ParameterizedTest
  @CsvSource({"story:00000000000000ab, story:00000000000000ab"})
  void writesStoryQueriesAsTheStoreBuildsThem(String query, String solr) {
    assertEquals(
        solr,
        SolrQueryText.of(
            StoreQueries.parse(query, id -> new TermQuery(new Term(StoreQueries.STORY, id)))));
  }
}
