package org.feedfold.model;

import java.time.Instant;
import java.util.List;

/**
 * Is one version of one member of a story, and what it changed: an article re-issued under the same
 * id with another headline or text (a live story gaining "Update" paragraphs) gains a version.
 *
 * @param articleId the member
 * @param source its outlet; may be {@code null}
 * @param number the version's number, 1 for the first; numbers go on when the oldest versions were
 *     dropped (an article keeps its last 20)
 * @param time when the version appeared: the article's publication (or first-seen) time for version
 *     1, when Feedfold first saw the change for later ones
 * @param title the version's headline
 * @param paragraphs how many paragraphs its text has
 * @param added paragraphs it added to the version before; empty for the first version kept
 * @param removed paragraphs of the version before it removed; empty for the first version kept
 */
public record ArticleVersion(
    String articleId,
    String source,
    int number,
    Instant time,
    String title,
    int paragraphs,
    List<String> added,
    List<String> removed) {
  public ArticleVersion {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }
}
