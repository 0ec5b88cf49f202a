package org.feedfold.model;

import java.time.Instant;
import java.util.Objects;
import org.feedfold.sanitize.SafeHtml;

/**
 * Is one article ready to be indexed and clustered, whether it came from a feed or an import.
 *
 * @param id stable article id (the feed entry id qualified by its feed, or the imported id)
 * @param url the article link; may be {@code null}
 * @param canonical the canonical URL of the page; may be {@code null}
 * @param title the headline; never {@code null} (may be empty)
 * @param text the body as plain text, paragraphs separated by newlines; never {@code null}
 * @param html the body as sanitised HTML for display (only the sanitiser can make one); may be
 *     {@code null}
 * @param published when the outlet published it; may be {@code null}
 * @param seen when Feedfold first saw it; never {@code null}
 * @param source the outlet's name (feed title or host); may be {@code null}
 * @param feedUrl the subscription it came from; may be {@code null} for imports
 */
public record ArticleInput(
    String id,
    String url,
    String canonical,
    String title,
    String text,
    SafeHtml html,
    Instant published,
    Instant seen,
    String source,
    String feedUrl,
    String author,
    String language) {
  public ArticleInput {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(seen, "seen");
    title = title == null ? "" : title;
    text = text == null ? "" : text;
  }

  /** Returns this article under another id (a re-issued entry takes its stored article's id). */
  public ArticleInput withId(String other) {
    return new ArticleInput(
        other, url, canonical, title, text, html, published, seen, source, feedUrl, author,
        language);
  }
}
