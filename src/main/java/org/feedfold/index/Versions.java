package org.feedfold.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.IndexableField;
import org.feedfold.cluster.ArticleHistory;
import org.feedfold.cluster.ArticleHistory.History;
import org.feedfold.cluster.ArticleHistory.Version;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.ArticleVersion;

/**
 * Keeps the earlier versions of an article in its own document, as {@link ArticleHistory} decides
 * them (issue 11).
 *
 * <p>Stored fields, in order: {@link #TIME}, {@link #TITLE} and {@link #TEXT} once per earlier
 * version, oldest first; {@link #REVISED}, when the current version appeared (absent while the
 * article has one version); {@link #DROPPED}, how many of the oldest versions were dropped to keep
 * at most {@value #MAX} in all. They are rewritten with the article, so an article and its history
 * are updated atomically. Pure; not thread-safe only in that {@link Document}s are not.
 */
final class Versions {
  /** Versions kept per article, the current one included; the oldest go first. */
  static final int MAX = ArticleHistory.MAX;

  static final String TIME = "version_time";
  static final String TITLE = "version_title";
  static final String TEXT = "version_text";
  static final String REVISED = "revised";
  static final String DROPPED = "versions_dropped";

  /** The stored fields {@link #next} reads of the article it replaces. */
  static final Set<String> FIELDS =
      Set.of(
          Fields.TITLE,
          Fields.TEXT,
          Fields.PUBLISHED,
          Fields.SEEN,
          TIME,
          TITLE,
          TEXT,
          REVISED,
          DROPPED);

  private Versions() {}

  /** Says whether {@code a} has another headline or text than the stored article {@code old}. */
  static boolean changed(Document old, ArticleInput a) {
    return ArticleHistory.changed(old.get(Fields.TITLE), old.get(Fields.TEXT), a);
  }

  /**
   * Returns the history {@code a} is stored with when it replaces {@code old}: unchanged if its
   * headline and text are the same, else with {@code old} as its newest earlier version and {@code
   * now} as when the new one appeared.
   */
  static History next(Document old, ArticleInput a, long now) {
    History h = read(old);
    return ArticleHistory.next(h, current(old, h), a, now);
  }

  /** Reads the history stored in an article document. */
  static History read(Document d) {
    IndexableField[] times = d.getFields(TIME);
    String[] titles = d.getValues(TITLE);
    String[] texts = d.getValues(TEXT);
    List<Version> earlier = new ArrayList<>();
    for (int i = 0; i < times.length && i < titles.length && i < texts.length; i++) {
      earlier.add(new Version(times[i].numericValue().longValue(), titles[i], texts[i]));
    }
    IndexableField revised = d.getField(REVISED);
    return new History(
        earlier,
        revised == null ? -1 : revised.numericValue().longValue(),
        (int) Fields.num(d, DROPPED));
  }

  /** Adds {@code h} to an article document being built. */
  static void write(Document d, History h) {
    for (Version v : h.earlier()) {
      d.add(new StoredField(TIME, v.time()));
      d.add(new StoredField(TITLE, v.title()));
      d.add(new StoredField(TEXT, v.text()));
    }
    if (h.revised() >= 0) {
      d.add(new StoredField(REVISED, h.revised()));
    }
    if (h.dropped() > 0) {
      d.add(new StoredField(DROPPED, h.dropped()));
    }
  }

  /**
   * Returns every kept version of the stored article {@code d}, oldest first, each with the
   * paragraphs it added and removed.
   */
  static List<ArticleVersion> of(Document d) {
    History h = read(d);
    return ArticleHistory.versions(d.get(Fields.ID), d.get(Fields.SOURCE), h, current(d, h));
  }

  /** Returns the current version of {@code d}: when it appeared, its headline and text. */
  private static Version current(Document d, History h) {
    IndexableField published = d.getField(Fields.PUBLISHED);
    long time =
        published != null ? published.numericValue().longValue() : Fields.num(d, Fields.SEEN);
    return new Version(
        ArticleHistory.currentTime(h, time), d.get(Fields.TITLE), d.get(Fields.TEXT));
  }
}
