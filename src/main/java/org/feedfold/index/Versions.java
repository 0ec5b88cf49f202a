package org.feedfold.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.IndexableField;
import org.feedfold.cluster.ParagraphDiff;
import org.feedfold.cluster.StoryText;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.ArticleVersion;

/**
 * Keeps the earlier versions of an article in its own document: an article re-issued under the same
 * id with another headline or text (a live story gaining "Update" paragraphs) keeps what it said
 * before, and when (issue 11).
 *
 * <p>Stored fields, in order: {@link #TIME}, {@link #TITLE} and {@link #TEXT} once per earlier
 * version, oldest first; {@link #REVISED}, when the current version appeared (absent while the
 * article has one version); {@link #DROPPED}, how many of the oldest versions were dropped to keep
 * at most {@value #MAX} in all. They are rewritten with the article, so an article and its history
 * are updated atomically. Pure; not thread-safe only in that {@link Document}s are not.
 */
final class Versions {
  /** Versions kept per article, the current one included; the oldest go first. */
  static final int MAX = 20;

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

  /** Is one earlier version: when it appeared (epoch millis), its headline and text. */
  record Version(long time, String title, String text) {}

  /**
   * Is an article's history.
   *
   * @param earlier its earlier versions, oldest first
   * @param revised when its current version appeared (epoch millis), or -1 while it has one version
   * @param dropped how many older versions were dropped
   */
  record History(List<Version> earlier, long revised, int dropped) {
    static final History NONE = new History(List.of(), -1, 0);

    History {
      earlier = List.copyOf(earlier);
    }
  }

  /** Says whether {@code a} has another headline or text than the stored article {@code old}. */
  static boolean changed(Document old, ArticleInput a) {
    return !Objects.equals(old.get(Fields.TITLE), a.title())
        || !Objects.equals(old.get(Fields.TEXT), a.text());
  }

  /**
   * Returns the history {@code a} is stored with when it replaces {@code old}: unchanged if its
   * headline and text are the same, else with {@code old} as its newest earlier version and {@code
   * now} as when the new one appeared.
   */
  static History next(Document old, ArticleInput a, long now) {
    History h = read(old);
    if (!changed(old, a)) {
      return h;
    }
    List<Version> earlier = new ArrayList<>(h.earlier());
    earlier.add(new Version(currentTime(old, h), nullToEmpty(old.get(Fields.TITLE)), text(old)));
    int dropped = h.dropped();
    while (earlier.size() > MAX - 1) {
      earlier.remove(0);
      dropped++;
    }
    return new History(earlier, now, dropped);
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
    List<Version> all = new ArrayList<>(h.earlier());
    all.add(new Version(currentTime(d, h), nullToEmpty(d.get(Fields.TITLE)), text(d)));
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
              d.get(Fields.ID),
              d.get(Fields.SOURCE),
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

  /** Returns when the current version of {@code d} appeared. */
  private static long currentTime(Document d, History h) {
    if (h.revised() >= 0) {
      return h.revised();
    }
    IndexableField published = d.getField(Fields.PUBLISHED);
    return published != null ? published.numericValue().longValue() : Fields.num(d, Fields.SEEN);
  }

  private static String text(Document d) {
    return nullToEmpty(d.get(Fields.TEXT));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
