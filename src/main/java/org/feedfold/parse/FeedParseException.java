package org.feedfold.parse;

/** Signals bytes that no parsing path could turn into a feed; carries the position if known. */
public final class FeedParseException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int line;
  private final int column;

  /** Creates an exception for a failure at {@code line}:{@code column} (1-based; 0 if unknown). */
  public FeedParseException(String message, int line, int column, Throwable cause) {
    super(line > 0 ? message + " (line " + line + ", column " + column + ")" : message, cause);
    this.line = line;
    this.column = column;
  }

  /** Returns the 1-based line of the failure, or 0 if unknown. */
  public int line() {
    return line;
  }

  /** Returns the 1-based column of the failure, or 0 if unknown. */
  public int column() {
    return column;
  }
}
