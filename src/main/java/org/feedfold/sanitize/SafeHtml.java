package org.feedfold.sanitize;

/**
 * Is an HTML fragment that is safe to put into a page or a feed as is: the output of {@link
 * Sanitizer}, and nothing else.
 *
 * <p>Why a class and not a record: a record's canonical constructor is always as visible as the
 * record, so anyone could write {@code new SafeHtml("<script>")}. Here the only constructor is
 * package-private and this class lives in the sanitiser's own package, so the compiler rejects
 * every attempt to wrap a string outside {@code org.feedfold.sanitize}; the only ways in are {@link
 * Sanitizer#html} (allow-list sanitising) and {@link Sanitizer#text} (escaping plain text). Records
 * that carry HTML across stages ({@code ArticleInput}, {@code ExtractedArticle}, {@code FeedEntry},
 * {@code Story}) hold this type, so an unsanitised string cannot reach the index or a renderer
 * without a compile error (issue 9). Sealed types or a capability token would give the same
 * guarantee with more moving parts; package privacy is the smallest thing the compiler enforces.
 *
 * <p>Immutable and thread-safe. Equal when the markup is equal. {@link #toString()} is for
 * debugging only; use {@link #html()} to write the markup.
 */
public final class SafeHtml {
  /** The empty fragment. */
  public static final SafeHtml EMPTY = new SafeHtml("", null);

  private final String html;
  private final String plainText;

  SafeHtml(String html, String plainText) {
    this.html = html;
    this.plainText = plainText;
  }

  /** Returns the markup; never {@code null}. */
  public String html() {
    return html;
  }

  /**
   * Returns the plain text this fragment escapes when it was made by {@link Sanitizer#text}, else
   * {@code null}. Lets a caller that reports what a source said (a feed's {@code type="text"}
   * content, for {@code feedfold parse}) give the text back without unescaping markup.
   */
  public String plainText() {
    return plainText;
  }

  /** Says whether the markup is empty or only whitespace. */
  public boolean isBlank() {
    return html.isBlank();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SafeHtml other && other.html.equals(html);
  }

  @Override
  public int hashCode() {
    return html.hashCode();
  }

  @Override
  public String toString() {
    return "SafeHtml[" + html + "]";
  }
}
