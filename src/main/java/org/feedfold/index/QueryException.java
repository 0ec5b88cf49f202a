package org.feedfold.index;

/**
 * Says why a search query was refused: it does not parse, is too long, or asks for something too
 * expensive (a leading wildcard, a regular expression, a range). A user error, not a failure: the
 * message is one line, names the problem and the column, and is safe to show as is (it never echoes
 * the query and names no library class).
 *
 * <p>Extends {@link IllegalArgumentException}, so callers documented to throw that still do.
 */
public final class QueryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The longest query accepted, in characters. */
  public static final int MAX_CHARS = 1_000;

  private final int column;

  /**
   * Creates the exception.
   *
   * @param problem what is wrong, such as {@code unexpected end of query}
   * @param column the 1-based column where the problem starts, or 0 when it concerns the whole
   *     query
   */
  public QueryException(String problem, int column) {
    super("bad query: " + problem + (column > 0 ? " at column " + column : ""));
    this.column = column;
  }

  /** Returns the 1-based column of the problem, or 0 when it concerns the whole query. */
  public int column() {
    return column;
  }
}
