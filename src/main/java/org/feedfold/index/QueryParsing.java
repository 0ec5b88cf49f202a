package org.feedfold.index;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Parses the classic Lucene query syntax over title and text, refusing what would be expensive, and
 * turns every parse failure into a {@link QueryException} with the column.
 *
 * <p>Refused: queries over {@link QueryException#MAX_CHARS} characters; wildcard terms with fewer
 * than {@value #MIN_WILDCARD_PREFIX} letters before the first {@code *} or {@code ?} (a leading
 * wildcard walks every term of the field); regular expressions; ranges. Fuzzy terms stay: Lucene
 * bounds their expansion. Not thread-safe per instance; {@link #parse} makes a new parser per call.
 */
final class QueryParsing extends MultiFieldQueryParser {
  static final int MIN_WILDCARD_PREFIX = 2;
  private static final Pattern COLUMN = Pattern.compile("column (\\d+)");

  /** A refusal raised from inside the parser, carrying the message meant for the user. */
  private static final class Refused extends ParseException {
    private static final long serialVersionUID = 1L;
    final String problem;
    final int column;

    Refused(String problem, int column) {
      super(problem);
      this.problem = problem;
      this.column = column;
    }
  }

  private QueryParsing(String[] fields, Analyzer analyzer) {
    super(fields, analyzer);
  }

  /**
   * Parses {@code query} against {@code fields}.
   *
   * @throws QueryException when the query is too long, does not parse or is refused as too
   *     expensive
   */
  static Query parse(String query, String[] fields, Analyzer analyzer) {
    if (query.length() > QueryException.MAX_CHARS) {
      throw new QueryException("longer than " + QueryException.MAX_CHARS + " characters", 0);
    }
    try {
      return new QueryParsing(fields, analyzer).parse(query);
    } catch (ParseException e) {
      throw explain(e.getCause() == null ? e : e.getCause(), query.length() + 1);
    } catch (TooComplexToDeterminizeException e) {
      throw new QueryException("a wildcard term is too complex", 0);
    }
  }

  /**
   * Turns what the parser threw into one line for the user; Lucene's own text is not shown. An
   * unexpected end is reported at {@code end}, the column just after the last character.
   */
  private static QueryException explain(Throwable t, int end) {
    if (t instanceof Refused r) {
      return new QueryException(r.problem, r.column);
    }
    if (t instanceof ParseException p && p.currentToken != null) {
      Token next = p.currentToken.next == null ? p.currentToken : p.currentToken.next;
      if (next.kind == 0) {
        return new QueryException("unexpected end of query", end);
      }
      return new QueryException(
          "unexpected '" + printable(next.image) + "'", Math.max(1, next.beginColumn));
    }
    if (t instanceof TokenMgrError) {
      if (String.valueOf(t.getMessage()).contains("<EOF>")) {
        return new QueryException(
            "unexpected end of query (an unclosed quote or a trailing backslash?)", end);
      }
      Matcher m = COLUMN.matcher(String.valueOf(t.getMessage()));
      return new QueryException(
          "unexpected character", m.find() ? Integer.parseInt(m.group(1)) : 0);
    }
    if (t instanceof IndexSearcher.TooManyClauses) {
      return new QueryException(
          "too many terms (at most " + IndexSearcher.getMaxClauseCount() + ")", 0);
    }
    return new QueryException("cannot be parsed", 0);
  }

  private static String printable(String image) {
    String s = image == null ? "" : image.replaceAll("\\p{Cntrl}", "?");
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  private int column() {
    return token == null ? 0 : Math.max(1, token.beginColumn);
  }

  @Override
  protected Query getWildcardQuery(String field, String termStr) throws ParseException {
    boolean matchAll = "*".equals(field) && "*".equals(termStr);
    if (!matchAll && firstWildcard(termStr) < MIN_WILDCARD_PREFIX) {
      throw new Refused(
          "a wildcard needs at least " + MIN_WILDCARD_PREFIX + " letters before it", column());
    }
    return super.getWildcardQuery(field, termStr);
  }

  @Override
  protected Query getPrefixQuery(String field, String termStr) throws ParseException {
    if (termStr.length() < MIN_WILDCARD_PREFIX || firstWildcard(termStr) < termStr.length()) {
      throw new Refused(
          "a wildcard needs at least " + MIN_WILDCARD_PREFIX + " letters before it", column());
    }
    return super.getPrefixQuery(field, termStr);
  }

  @Override
  protected Query getRegexpQuery(String field, String termStr) throws ParseException {
    throw new Refused("regular expressions are not supported", column());
  }

  @Override
  protected Query getRangeQuery(
      String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
      throws ParseException {
    throw new Refused("ranges are not supported", column());
  }

  private static int firstWildcard(String term) {
    for (int i = 0; i < term.length(); i++) {
      char c = term.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?') {
        return i;
      }
    }
    return term.length();
  }
}
