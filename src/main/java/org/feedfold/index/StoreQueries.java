package org.feedfold.index;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
import org.feedfold.cluster.ArticleEntry;
import org.feedfold.model.ArticleInput;

/**
 * Parses users' queries and derives the keys articles are found by for a store other than this
 * package's index (issue 13: the SolrCloud store translates the result into the engine's syntax),
 * with the same fields, analysis and refusals as {@link ArticleIndex#search}.
 */
public final class StoreQueries {
  /** The indexed field bare words search, and the article field names queries use. */
  public static final String TITLE = Fields.TITLE;

  /** See {@link #TITLE}. */
  public static final String TEXT = Fields.TEXT;

  /** The indexed time field {@code published:} ranges are on (epoch millis). */
  public static final String TIME = Fields.TIME;

  /** The field holding an article's story id as first assigned. */
  public static final String STORY = Fields.STORY;

  private StoreQueries() {}

  /**
   * Returns the key under which a re-fetched entry finds its stored article (its canonical URL, or
   * its link, within its feed), or {@code null}; the same key this package's index uses.
   */
  public static String canonicalKey(ArticleInput article) {
    return Fields.canonicalKey(article);
  }

  /**
   * Returns the key that finds the one article a site lists in several of its feeds: the page its
   * link names, with its headline; or {@code null}. The same key this package's index uses.
   */
  public static String pageKey(String link, String title) {
    return PageKey.of(link, title);
  }

  /** Encodes an article's entry in the bytes this package's index keeps as its fingerprint. */
  public static byte[] entryBytes(ArticleEntry e) {
    BytesRef b = EntryCodec.encode(e);
    return Arrays.copyOfRange(b.bytes, b.offset, b.offset + b.length);
  }

  /** Decodes bytes written by {@link #entryBytes}. */
  public static ArticleEntry entry(byte[] bytes) {
    return EntryCodec.decode(new BytesRef(bytes));
  }

  /** Formats a story number as its public id: 16 lower-case hex digits. */
  public static String storyId(long story) {
    return Fields.storyId(story);
  }

  /** Parses a public story id; returns empty for anything else. */
  public static OptionalLong parseStoryId(String id) {
    return Fields.parseStoryId(id);
  }

  /**
   * Returns the host of {@code url} as {@code source:} compares it (lower case, no {@code www.}),
   * or {@code null}.
   */
  public static String host(String url) {
    return Fields.host(url);
  }

  /**
   * Parses {@code query}; {@code stories} turns a {@code story:ID} into the query for its articles
   * (following merges), or {@code null} for an id that is not one.
   *
   * @throws QueryException with the column when the query is bad or refused
   */
  public static Query parse(String query, Function<String, Query> stories) {
    return QueryParsing.parse(query, new String[] {TITLE, TEXT}, new StandardAnalyzer(), stories);
  }
}
