package org.feedfold.serve;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.feedfold.model.ArticleVersion;
import org.feedfold.model.Story;

/**
 * Renders how a story evolved, for the feed entries and the river: every version a member gained
 * after its first, with its time, outlet, a changed headline and the paragraphs it added ({@code
 * <ins>}) and removed ({@code <del>}). Nothing for a story none of whose members changed.
 *
 * <p>Everything is escaped as text. Bounded: at most {@value #MAX_VERSIONS} versions, the newest.
 * Pure and thread-safe.
 */
final class VersionsHtml {
  /** Versions shown at most; the newest are kept. */
  static final int MAX_VERSIONS = 30;

  private VersionsHtml() {}

  /** Appends the history of {@code s} to {@code out}, if any member changed. */
  static void append(StringBuilder out, Story s) {
    Set<String> seen = new HashSet<>();
    int changes = 0;
    for (ArticleVersion v : s.versions()) {
      if (!seen.add(v.articleId())) {
        changes++;
      }
    }
    if (changes == 0) {
      return;
    }
    out.append("<div class=\"versions\">\n<p>How the story evolved:</p>\n<ul>\n");
    int skip = Math.max(0, changes - MAX_VERSIONS);
    Map<String, String> titles = new HashMap<>();
    for (ArticleVersion v : s.versions()) {
      String lastTitle = titles.put(v.articleId(), v.title());
      if (lastTitle == null || skip-- > 0) {
        continue;
      }
      out.append("<li>")
          .append(StoryHtml.isoTime(v.time()))
          .append(' ')
          .append(StoryHtml.escape(v.source() == null ? v.articleId() : v.source()))
          .append(", version ")
          .append(v.number());
      if (!lastTitle.equals(v.title())) {
        out.append(", headline: ").append(StoryHtml.escape(v.title()));
      }
      for (String p : v.removed()) {
        out.append("<br/><del>").append(StoryHtml.escape(p)).append("</del>");
      }
      for (String p : v.added()) {
        out.append("<br/><ins>").append(StoryHtml.escape(p)).append("</ins>");
      }
      out.append("</li>\n");
    }
    out.append("</ul>\n</div>\n");
  }
}
