package org.feedfold.model;

import java.time.Instant;
import java.util.List;
import org.feedfold.sanitize.SafeHtml;

/**
 * Is one story: every article that republishes it, the earliest first.
 *
 * @param id the stable story id; never changes as the story gains members
 * @param title the representative article's headline
 * @param url the representative article's link
 * @param html the representative (most complete) article's sanitised HTML body, or {@code null}
 * @param text the representative article's plain-text body
 * @param firstSeen when the earliest member was published (or seen)
 * @param updated when the story last gained or changed a member
 * @param articles the members, earliest published first; exactly one has {@code original} set
 */
public record Story(
    String id,
    String title,
    String url,
    SafeHtml html,
    String text,
    Instant firstSeen,
    Instant updated,
    List<StoryMember> articles) {
  public Story {
    articles = List.copyOf(articles);
  }

  /** Returns the number of member articles. */
  public int size() {
    return articles.size();
  }
}
