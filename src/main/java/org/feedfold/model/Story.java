package org.feedfold.model;

import java.time.Instant;
import java.util.List;
import org.feedfold.sanitize.SafeHtml;

/**
 * Is one story: every article that republishes it, the earliest first.
 *
 * @param id the stable story id; never changes as the story gains members
 * @param title the original's headline (see {@code docs/STORIES.md})
 * @param url the original's link (or, if it has none, the body's member's)
 * @param html the body as sanitised HTML: the most complete text of the story without any outlet's
 *     additions; {@code null} if that member has no HTML
 * @param text the same body as plain text, one paragraph per line
 * @param firstSeen when the earliest member was published (or seen)
 * @param updated when the story last gained or changed a member
 * @param articles the members, earliest published first; exactly one has {@code original} set
 * @param versions every kept version of every member, oldest first (see {@link ArticleVersion}); a
 *     member that never changed has one
 */
public record Story(
    String id,
    String title,
    String url,
    SafeHtml html,
    String text,
    Instant firstSeen,
    Instant updated,
    List<StoryMember> articles,
    List<ArticleVersion> versions) {
  public Story {
    articles = List.copyOf(articles);
    versions = List.copyOf(versions);
  }

  /** Creates a story whose versions are not known (no member's history was read). */
  public Story(
      String id,
      String title,
      String url,
      SafeHtml html,
      String text,
      Instant firstSeen,
      Instant updated,
      List<StoryMember> articles) {
    this(id, title, url, html, text, firstSeen, updated, articles, List.of());
  }

  /** Returns the number of member articles. */
  public int size() {
    return articles.size();
  }
}
