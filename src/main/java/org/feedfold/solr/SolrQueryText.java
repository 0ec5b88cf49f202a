package org.feedfold.solr;

import java.util.Locale;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.solr.client.solrj.util.ClientUtils;

/**
 * Writes a Lucene query, as {@code index.StoreQueries} parses a user's query, in Solr's standard
 * query syntax over the same fields, so both stores run the same query: terms are already analysed,
 * and re-analysing one token with the schema's chain gives the token back.
 *
 * <p>Handles what the classic parser builds: term, phrase, prefix, wildcard, fuzzy, boolean, boost,
 * constant score, match all/none, and {@code LongPoint} ranges (on {@code time}); anything else is
 * an {@link IllegalArgumentException}. Pure function; thread-safe.
 */
final class SolrQueryText {
  private SolrQueryText() {}

  static String of(Query q) {
    StringBuilder b = new StringBuilder();
    write(q, b);
    return b.toString();
  }

  private static void write(Query q, StringBuilder b) {
    if (q instanceof TermQuery t) {
      term(t.getTerm(), b);
    } else if (q instanceof BooleanQuery bq) {
      if (bq.clauses().isEmpty()) {
        b.append("(-*:*)");
        return;
      }
      b.append('(');
      boolean first = true;
      for (BooleanClause c : bq.clauses()) {
        if (!first) {
          b.append(' ');
        }
        first = false;
        switch (c.getOccur()) {
          case MUST, FILTER -> b.append('+');
          case MUST_NOT -> b.append('-');
          case SHOULD -> {}
        }
        write(c.getQuery(), b);
      }
      if (bq.clauses().stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.MUST_NOT)) {
        b.append(" *:*");
      }
      b.append(')');
      if (bq.getMinimumNumberShouldMatch() > 0) {
        throw new IllegalArgumentException("minimum-should-match is not translated");
      }
    } else if (q instanceof PhraseQuery p) {
      Term[] terms = p.getTerms();
      if (terms.length == 0) {
        b.append("(-*:*)");
        return;
      }
      b.append(terms[0].field()).append(":\"");
      for (int i = 0; i < terms.length; i++) {
        b.append(i == 0 ? "" : " ").append(ClientUtils.escapeQueryChars(terms[i].text()));
      }
      b.append('"');
      if (p.getSlop() > 0) {
        b.append('~').append(p.getSlop());
      }
    } else if (q instanceof PrefixQuery p) {
      b.append(p.getField())
          .append(':')
          .append(ClientUtils.escapeQueryChars(p.getPrefix().text()))
          .append('*');
    } else if (q instanceof WildcardQuery w) {
      b.append(w.getField()).append(':').append(wildcard(w.getTerm().text()));
    } else if (q instanceof FuzzyQuery f) {
      b.append(f.getField())
          .append(':')
          .append(ClientUtils.escapeQueryChars(f.getTerm().text()))
          .append('~')
          .append(f.getMaxEdits());
    } else if (q instanceof BoostQuery bq) {
      b.append('(');
      write(bq.getQuery(), b);
      b.append(")^").append(String.format(Locale.ROOT, "%s", bq.getBoost()));
    } else if (q instanceof ConstantScoreQuery c) {
      write(c.getQuery(), b);
    } else if (q instanceof MatchAllDocsQuery) {
      b.append("*:*");
    } else if (q instanceof MatchNoDocsQuery) {
      b.append("(-*:*)");
    } else if (q instanceof PointRangeQuery r && r.getNumDims() == 1 && r.getBytesPerDim() == 8) {
      long lo = LongPoint.decodeDimension(r.getLowerPoint(), 0);
      long hi = LongPoint.decodeDimension(r.getUpperPoint(), 0);
      b.append(r.getField())
          .append(":[")
          .append(lo == Long.MIN_VALUE ? "*" : Long.toString(lo))
          .append(" TO ")
          .append(hi == Long.MAX_VALUE ? "*" : Long.toString(hi))
          .append(']');
    } else {
      throw new IllegalArgumentException(
          "cannot run this query on Solr: " + q.getClass().getSimpleName());
    }
  }

  private static void term(Term t, StringBuilder b) {
    b.append(t.field()).append(':').append(ClientUtils.escapeQueryChars(t.text()));
  }

  /** Escapes all but the wildcard characters {@code *} and {@code ?}. */
  private static String wildcard(String text) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?') {
        b.append(c);
      } else {
        b.append(ClientUtils.escapeQueryChars(String.valueOf(c)));
      }
    }
    return b.toString();
  }
}
