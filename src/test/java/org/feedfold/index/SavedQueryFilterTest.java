package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.FixedBitSet;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.model.ArticleInput;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Checks that the term filter in front of saved queries never drops a query that matches. */
class SavedQueryFilterTest {
  private static final String[] FIELDS = {Fields.TITLE, Fields.TEXT};
  private static final Analyzer ANALYZER = new StandardAnalyzer();
  private static final ToLongFunction<Term> UNKNOWN = t -> 0;

  private static Query parse(String q) {
    return QueryParsing.parse(q, FIELDS, ANALYZER);
  }

  private static Set<String> required(String q) {
    return required(q, UNKNOWN);
  }

  private static Set<String> required(String q, ToLongFunction<Term> docFreq) {
    Set<String> out = new TreeSet<>();
    for (Term t : RequiredTerms.of(parse(q), docFreq)) {
      out.add(t.field() + ":" + t.text());
    }
    return out;
  }

  @Nested
  class RequiredTermsOfAQuery {
    @Test
    void aWordIsLookedForInTitleAndText() {
      assertEquals(Set.of("title:volcano", "text:volcano"), required("volcano"));
    }

    @Test
    void aConjunctionNeedsOnlyItsRarestClause() {
      ToLongFunction<Term> docFreq = t -> t.text().equals("ash") ? 3 : 50;
      assertEquals(Set.of("title:ash", "text:ash"), required("ash AND lava", docFreq));
      assertEquals(Set.of("title:lava", "text:lava"), required("ash AND lava", t -> 0));
    }

    @Test
    void aConjunctionWithoutFrequenciesNeedsItsLongestTerm() {
      assertEquals(Set.of("title:eruption", "text:eruption"), required("ash AND eruption"));
    }

    @Test
    void aDisjunctionNeedsAnyOfItsClauses() {
      assertEquals(Set.of("title:lava", "text:ash"), required("title:lava OR text:ash"));
    }

    @Test
    void aPhraseNeedsOneOfItsWords() {
      assertEquals(Set.of("title:eruption", "text:eruption"), required("\"big eruption\"~2"));
    }

    @Test
    void optionalAndForbiddenClausesRequireNothing() {
      assertEquals(Set.of("title:lava", "text:lava"), required("+lava ash"));
      assertEquals(Set.of("title:ash", "text:ash"), required("ash -lava"));
    }

    @Test
    void aRequiredRangeOrWildcardLeavesTheOtherClauseToRequire() {
      assertEquals(
          Set.of("title:lava", "text:lava"), required("published:[2024-01-01 TO *] AND lava"));
      assertEquals(Set.of("title:lava", "text:lava"), required("volc* AND lava"));
    }

    @Test
    void queriesNamingNoTermAreCheckedAlways() {
      for (String q :
          List.of(
              "volc*",
              "vol?ano",
              "volcano~1",
              "published:2024-01-02",
              "*:*",
              "-lava",
              "*:* -lava",
              "lava OR volc*")) {
        assertEquals(Set.of(), required(q), q);
      }
    }

    @Test
    void sourceAndLangNameTheirIndexFields() {
      assertEquals(
          Set.of("source_name:wire.example", "source_host:wire.example"),
          required("source:wire.example"));
      assertEquals(Set.of("lang:en"), required("lang:en"));
    }
  }

  /**
   * Property over the Wikinews syndication corpus and 600 generated queries of every form: for
   * every (article, query) pair, a query that matches the article when run is among the article's
   * candidates; also with term frequencies that favour arbitrary clauses, so that any choice a
   * conjunction makes is exercised.
   */
  @Test
  void neverDropsAQueryThatMatchesOverGeneratedQueriesAndWikinewsArticles() throws IOException {
    List<ArticleInput> articles = articles(10);
    QueryGenerator generator = new QueryGenerator(articles, 20261130L);
    List<String> texts = new ArrayList<>();
    List<Query> queries = new ArrayList<>();
    while (queries.size() < 600) {
      String q = generator.next();
      try {
        queries.add(parse(q));
        texts.add(q);
      } catch (QueryException e) {
        // refused forms (too short a wildcard prefix) are not saved queries either
      }
    }
    List<SavedQueryFilter> filters =
        List.of(
            SavedQueryFilter.build(queries, UNKNOWN),
            SavedQueryFilter.build(queries, t -> t.hashCode() & 0xff));
    long pairs = 0;
    long matches = 0;
    long candidates = 0;
    for (ArticleInput a : articles) {
      long time = (a.published() != null ? a.published() : a.seen()).toEpochMilli();
      IndexSearcher doc =
          MemoryIndex.fromDocument(Fields.matchable(a, time), ANALYZER).createSearcher();
      List<FixedBitSet> found = new ArrayList<>();
      for (SavedQueryFilter f : filters) {
        found.add(f.candidates(doc.getIndexReader().leaves().get(0).reader()));
        candidates += found.get(found.size() - 1).cardinality();
      }
      for (int i = 0; i < queries.size(); i++) {
        pairs++;
        if (doc.count(queries.get(i)) > 0) {
          matches++;
          for (FixedBitSet c : found) {
            String q = texts.get(i);
            assertTrue(c.get(i), () -> "dropped a match of " + a.id() + ": " + q);
          }
        }
      }
    }
    assertTrue(matches > pairs / 50, "enough pairs match to mean something: " + matches);
    assertTrue(
        candidates < pairs, "the filter lets through under half: " + candidates + "/" + 2 * pairs);
  }

  /**
   * Returns the corpus's articles with varied languages and feed URLs, so that {@code lang:} and
   * {@code source:HOST} queries match some and not others.
   */
  static List<ArticleInput> articles(int originals) {
    List<ClusterCorpus.Item> items = ClusterCorpus.generate(ClusterCorpus.wikinews(), originals, 3);
    String[] langs = {"en", "en-GB", "fr", null, "de-DE"};
    List<ArticleInput> out = new ArrayList<>();
    int n = 0;
    for (ClusterCorpus.Item i : items) {
      ArticleInput a = i.article();
      n++;
      out.add(
          new ArticleInput(
              a.id(),
              a.url(),
              a.canonical(),
              a.title(),
              a.text(),
              a.html(),
              n % 7 == 0 ? null : a.published(),
              a.seen(),
              a.source(),
              n % 3 == 0 ? "https://feeds.example/" + (n % 4) + ".xml" : a.feedUrl(),
              a.author(),
              langs[n % langs.length]));
    }
    return out;
  }
}
