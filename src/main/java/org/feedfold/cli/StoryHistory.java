package org.feedfold.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import org.feedfold.model.ArticleVersion;
import org.feedfold.model.Story;

/**
 * Prints how a story evolved, for {@code story ID}: every kept version of every member, oldest
 * first, with the paragraphs each added ({@code +}) and removed ({@code -}) and a changed headline.
 */
final class StoryHistory {
  /** Characters of a paragraph shown; longer ones end in an ellipsis. */
  static final int PARAGRAPH_CHARS = 160;

  private StoryHistory() {}

  static void print(PrintWriter out, Story s) {
    if (s.versions().isEmpty()) {
      return;
    }
    out.println("  versions:");
    Map<String, String> titles = new HashMap<>();
    for (ArticleVersion v : s.versions()) {
      String before = titles.put(v.articleId(), v.title());
      StringBuilder line =
          new StringBuilder("    v")
              .append(v.number())
              .append("  ")
              .append(v.time())
              .append("  ")
              .append(v.source() == null ? v.articleId() : v.source())
              .append("  ");
      if (before == null) {
        line.append(v.paragraphs()).append(v.paragraphs() == 1 ? " paragraph" : " paragraphs");
      } else {
        line.append('+').append(v.added().size()).append(" -").append(v.removed().size());
        line.append(" paragraphs");
      }
      out.println(line);
      if (before != null && !before.equals(v.title())) {
        out.println("      headline: " + clip(v.title()));
      }
      v.removed().forEach(p -> out.println("      - " + clip(p)));
      v.added().forEach(p -> out.println("      + " + clip(p)));
    }
  }

  /** Returns {@code s} cut to {@link #PARAGRAPH_CHARS} characters. */
  static String clip(String s) {
    return s.length() <= PARAGRAPH_CHARS ? s : s.substring(0, PARAGRAPH_CHARS - 1).strip() + "…";
  }
}
