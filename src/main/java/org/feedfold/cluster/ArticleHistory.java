package org.feedfold.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.ArticleVersion;

/**
 * Keeps the earlier versions of an article: an article re-issued under the same id with another
 * headline or text (a live story gaining "Update" paragraphs) keeps what it said before, and when
 * (issue 11). Every store keeps the same history with the same limits, each in its own fields
 * (issue 13): the embedded index in {@code org.feedfold.index}, SolrCloud in {@code
 * org.feedfold.solr}.
 *
 * <p>Pure and thread-safe; no I/O.
 */
public final class ArticleHistory {
  /** Versions kept per article, the current one included; the oldest go first. */
  public static final int MAX = 20;

  private ArticleHistory() {}

  /** Is one version: when it appeared (epoch millis), its headline and text. */
  public record Version(long time, String title, String text) {
    /** Checks nothing is {@code null}; a missing headline or text is empty. */
    public Version {
      title = title == null ? "" : title;
      text = text == null ? "" : text;
    }
  }

  /**
   * Is an article's stored history.
   *
   * @param earlier its earlier versions, oldest first; at most {@link #MAX} - 1
   * @param revised when its current version appeared (epoch millis), or -1 while it has one version
   * @param dropped how many older versions were dropped to keep at most {@link #MAX}
   */
  public record History(List<Version> earlier, long revised, int dropped) {
    /** The history of an article that has one version. */
    public static final History NONE = new History(List.of(), -1, 0);

    /** Copies {@code earlier}. */
    public History {
      earlier = List.copyOf(earlier);
    }
  }

  /**
   * Says whether {@code a} has another headline or text than the stored {@code title} and {@code
   * text}.
   */
  public static boolean changed(String title, String text, ArticleInput a) {
    return !Objects.equals(title, a.title()) || !Objects.equals(text, a.text());
  }

  /**
   * Returns when the current version of a stored article appeared: when it was revised, else its
   * publication (or first-seen) time {@code publishedOrSeen}.
   */
  public static long currentTime(History h, long publishedOrSeen) {
    return h.revised() >= 0 ? h.revised() : publishedOrSeen;
  }

  /**
   * Returns the history {@code a} is stored with when it replaces a stored article whose history is
   * {@code h} and whose current version is {@code current}: {@code h} if the headline and text are
   * the same, else with {@code current} as its newest earlier version and {@code now} as when the
   * new one appeared, dropping the oldest beyond {@link #MAX}.
   */
  public static History next(History h, Version current, ArticleInput a, long now) {
    if (!changed(current.title(), current.text(), a)) {
      return h;
    }
    List<Version> earlier = new ArrayList<>(h.earlier());
    earlier.add(current);
    int dropped = h.dropped();
    while (earlier.size() > MAX - 1) {
      earlier.remove(0);
      dropped++;
    }
    return new History(earlier, now, dropped);
  }

  /**
   * Returns every kept version of a stored article, oldest first, each with the paragraphs it added
   * and removed.
   *
   * @param articleId the article
   * @param source its outlet; may be {@code null}
   * @param h its history
   * @param current its current version ({@link #currentTime} as its time)
   */
  public static List<ArticleVersion> versions(
      String articleId, String source, History h, Version current) {
    List<Version> all = new ArrayList<>(h.earlier());
    all.add(current);
    List<ArticleVersion> out = new ArrayList<>(all.size());
    List<String> before = null;
    for (int i = 0; i < all.size(); i++) {
      Version v = all.get(i);
      List<String> paragraphs = StoryText.paragraphs(v.text());
      ParagraphDiff.Change c =
          before == null
              ? new ParagraphDiff.Change(List.of(), List.of())
              : ParagraphDiff.diff(before, paragraphs);
      out.add(
          new ArticleVersion(
              articleId,
              source,
              h.dropped() + i + 1,
              Instant.ofEpochMilli(v.time()),
              v.title(),
              paragraphs.size(),
              c.added(),
              c.removed()));
      before = paragraphs;
    }
    return out;
  }
}
