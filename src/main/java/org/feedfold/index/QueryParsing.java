package org.feedfold.index;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Parses the classic Lucene query syntax over title and text, refusing what would be expensive, and
 * turns every parse failure into a {@link QueryException} with the column.
 *
 * <p>Fields a query may name ({@link #FIELDS}): {@code title:} and {@code text:}; {@code source:},
 * the outlet's name as words or a phrase, case-insensitive, or the host of its links ({@code
 * source:wire.example}); {@code story:ID}, the articles of a story (following merges); {@code
 * lang:en}, the language tag or its primary subtag; {@code published:2024-01-02} (that UTC day) and
 * {@code published:[2024-01-01 TO 2024-01-31]} (dates or ISO instants, {@code *} open-ended, both
 * ends included), on the publication time or, when the feed gave none, the time first seen. Any
 * other field is refused, so a typo never silently matches nothing.
 *
 * <p>Refused: queries over {@link QueryException#MAX_CHARS} characters; wildcard terms with fewer
 * than {@value #MIN_WILDCARD_PREFIX} letters before the first {@code *} or {@code ?} (a leading
 * wildcard walks every term of the field); regular expressions; ranges on any field but {@code
 * published}. Fuzzy terms stay: Lucene bounds their expansion. Not thread-safe per instance; {@link
 * #parse} makes a new parser per call.
 */
final class QueryParsing extends MultiFieldQueryParser {
  static final int MIN_WILDCARD_PREFIX = 2;

  /** The fields a query may name, as the user writes them. */
  static final List<String> FIELDS =
      List.of("title", "text", "source", "story", "lang", "published");

  private final Function<String, Query> stories;
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

  private QueryParsing(String[] fields, Analyzer analyzer, Function<String, Query> stories) {
    super(fields, analyzer);
    this.stories = stories;
  }

  /**
   * Parses {@code query} against {@code fields}.
   *
   * @throws QueryException when the query is too long, does not parse or is refused as too
   *     expensive
   */
  static Query parse(String query, String[] fields, Analyzer analyzer) {
    return parse(query, fields, analyzer, id -> null);
  }

  /**
   * Parses {@code query} against {@code fields}; {@code stories} turns the id of a {@code story:}
   * term into the query for its articles, or returns {@code null} if it is no story id.
   *
   * @throws QueryException when the query is too long, does not parse, names an unknown field or is
   *     refused as too expensive
   */
  static Query parse(
      String query, String[] fields, Analyzer analyzer, Function<String, Query> stories) {
    if (query.length() > QueryException.MAX_CHARS) {
      throw new QueryException("longer than " + QueryException.MAX_CHARS + " characters", 0);
    }
    try {
      return new QueryParsing(fields, analyzer, stories).parse(query);
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

  /**
   * Returns the index field a user's field is searched in, refusing unknown fields and fields that
   * take no words ({@code story}, {@code published}) when {@code words} is true.
   */
  private String indexField(String field, boolean words) throws ParseException {
    if (field == null || "*".equals(field)) {
      return field;
    }
    switch (field) {
      case Fields.TITLE:
      case Fields.TEXT:
        return field;
      case "source":
        return Fields.SOURCE_NAME;
      case "lang":
        return Fields.LANG;
      case "story":
      case "published":
        if (!words) {
          return field;
        }
        throw new Refused(
            field + ": takes " + (field.equals("story") ? "an id" : "a date"), column());
      default:
        throw new Refused(
            "unknown field '" + printable(field) + "' (fields: " + String.join(", ", FIELDS) + ")",
            column());
    }
  }

  @Override
  protected Query getFieldQuery(String field, String queryText, boolean quoted)
      throws ParseException {
    if (field == null) {
      return super.getFieldQuery(null, queryText, quoted);
    }
    switch (indexField(field, false)) {
      case Fields.SOURCE_NAME:
        {
          BooleanQuery.Builder b = new BooleanQuery.Builder();
          Query name = super.getFieldQuery(Fields.SOURCE_NAME, queryText, quoted);
          if (name != null) {
            b.add(name, Occur.SHOULD);
          }
          String host = Fields.host(queryText);
          if (host != null) {
            b.add(new TermQuery(new Term(Fields.SOURCE_HOST, host)), Occur.SHOULD);
          }
          return b.build();
        }
      case Fields.LANG:
        return new TermQuery(
            new Term(Fields.LANG, queryText.strip().replace('_', '-').toLowerCase(Locale.ROOT)));
      case "story":
        {
          Query q = stories.apply(queryText.strip().toLowerCase(Locale.ROOT));
          if (q == null) {
            throw new Refused("story: takes a story id (16 hex digits)", column());
          }
          return q;
        }
      case "published":
        {
          Instant day = time(queryText, false);
          long from = day.toEpochMilli();
          long to = isDate(queryText) ? day.plus(Duration.ofDays(1)).toEpochMilli() - 1 : from;
          return LongPoint.newRangeQuery(Fields.TIME, from, to);
        }
      default:
        return super.getFieldQuery(field, queryText, quoted);
    }
  }

  @Override
  protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
    if (field == null || Fields.TITLE.equals(field) || Fields.TEXT.equals(field)) {
      return super.getFieldQuery(field, queryText, slop);
    }
    // A phrase on another field: the slop means nothing to ids, dates and tags; names take it
    // whole.
    return getFieldQuery(field, queryText, true);
  }

  /** Returns whether a range end is open: the parser passes {@code *} as {@code null}. */
  private static boolean open(String end) {
    return end == null || "*".equals(end);
  }

  private static boolean isDate(String s) {
    return s.strip().length() == 10;
  }

  @Override
  protected Query getFuzzyQuery(String field, String termStr, float minSimilarity)
      throws ParseException {
    return super.getFuzzyQuery(indexField(field, true), termStr, minSimilarity);
  }

  /** Parses one end of a {@code published} range: a UTC date, or an instant; the end of a day. */
  private Instant time(String s, boolean endOfDay) throws ParseException {
    String t = s.strip();
    try {
      if (isDate(t)) {
        LocalDate d = LocalDate.parse(t);
        return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(t.toUpperCase(Locale.ROOT)).toInstant();
    } catch (DateTimeParseException e) {
      throw new Refused(
          "published: takes a date (2024-01-02) or an instant (2024-01-02T03:04:05Z), got '"
              + printable(t)
              + "'",
          column());
    }
  }

  @Override
  protected Query getWildcardQuery(String field, String termStr) throws ParseException {
    field = indexField(field, true);
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
    return super.getPrefixQuery(indexField(field, true), termStr);
  }

  @Override
  protected Query getRegexpQuery(String field, String termStr) throws ParseException {
    throw new Refused("regular expressions are not supported", column());
  }

  @Override
  protected Query getRangeQuery(
      String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
      throws ParseException {
    if ("published".equals(field)) {
      long from = open(part1) ? Long.MIN_VALUE : time(part1, !startInclusive).toEpochMilli();
      if (!startInclusive && !open(part1) && !isDate(part1)) {
        from++;
      }
      long to;
      if (open(part2)) {
        to = Long.MAX_VALUE;
      } else {
        // An included date as the upper end is the whole day: up to the next day's start, excluded.
        to = time(part2, endInclusive).toEpochMilli() - (endInclusive && !isDate(part2) ? 0 : 1);
      }
      return LongPoint.newRangeQuery(Fields.TIME, from, to);
    }
    indexField(field, true);
    throw new Refused("ranges are only supported on published", column());
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
