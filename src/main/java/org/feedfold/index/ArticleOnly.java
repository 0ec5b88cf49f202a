package org.feedfold.index;

import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Tells whether a query can only match article documents, because every clause that can make a
 * document match is on a field only articles index ({@link #FIELDS}); such a query needs no filter
 * on {@link Fields#TYPE}.
 *
 * <p>Why: the filter on {@code type:article} is a postings list of every article, and a disjunction
 * under a filter is scored by a conjunction that advances that list for every candidate. Without
 * it, Lucene scores a disjunction of terms with its dynamic-pruning bulk scorer ({@code
 * MaxScoreBulkScorer}), skipping the blocks that cannot enter the top hits: on 1,000,000 articles
 * that took about a fifth off a search's CPU time (docs/PERFORMANCE.md). The hits and their scores
 * are the same either way: a filter does not score.
 *
 * <p>Conservative: a clause it does not know (a match-all query, a field other documents index)
 * answers {@code false}, and the caller keeps the filter. Clauses under {@code MUST_NOT} are
 * ignored, since they never make a document match. Stateless and thread-safe.
 */
final class ArticleOnly {
  /**
   * The fields only article documents index: what the query syntax of {@link QueryParsing} reaches
   * ({@code title text source lang story published}). Story, redirect and feed documents index none
   * of them ({@link Fields#story}, {@link Fields#redirect}, {@link FeedDocs}).
   */
  static final Set<String> FIELDS =
      Set.of(
          Fields.TITLE,
          Fields.TEXT,
          Fields.SOURCE_NAME,
          Fields.SOURCE_HOST,
          Fields.LANG,
          Fields.STORY,
          Fields.TIME);

  private ArticleOnly() {}

  /** Returns whether every document {@code q} matches is an article, as far as it can tell. */
  static boolean matches(Query q) {
    Visitor v = new Visitor();
    q.visit(v);
    return v.articleOnly;
  }

  private static final class Visitor extends QueryVisitor {
    boolean articleOnly = true;

    @Override
    public void consumeTerms(Query query, Term... terms) {
      for (Term t : terms) {
        check(t.field());
      }
    }

    @Override
    public void consumeTermsMatching(
        Query query, String field, java.util.function.Supplier<ByteRunAutomaton> automaton) {
      check(field);
    }

    @Override
    public void visitLeaf(Query query) {
      if (query instanceof PointRangeQuery p) {
        check(p.getField());
      } else if (!(query instanceof MatchNoDocsQuery)) {
        // Match-all and anything else whose field is not known here.
        articleOnly = false;
      }
    }

    @Override
    public QueryVisitor getSubVisitor(Occur occur, Query parent) {
      return occur == Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
    }

    private void check(String field) {
      if (!FIELDS.contains(field)) {
        articleOnly = false;
      }
    }
  }
}
