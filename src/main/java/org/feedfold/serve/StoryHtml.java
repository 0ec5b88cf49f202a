package org.feedfold.serve;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;

/**
 * Renders a story's entry body: the story's text (the most complete, without outlets' additions;
 * see {@code docs/STORIES.md}), then every outlet that carried it.
 *
 * <p>{@link Story#html()} is {@link org.feedfold.sanitize.SafeHtml}, so it is written as is;
 * everything else (plain text, titles, outlet names, URLs) is escaped here, and a link whose scheme
 * could run code is left out. Pure and thread-safe.
 */
final class StoryHtml {
  private StoryHtml() {}

  /** Returns the entry HTML of {@code story}. */
  static String render(Story story) {
    StringBuilder out = new StringBuilder();
    if (story.html() != null && !story.html().isBlank()) {
      out.append(story.html().html());
    } else if (story.text() != null) {
      for (String paragraph : story.text().split("\\n")) {
        if (!paragraph.isBlank()) {
          out.append("<p>").append(escape(paragraph.strip())).append("</p>\n");
        }
      }
    }
    VersionsHtml.append(out, story);
    out.append("\n<hr/>\n<p>Carried by ").append(carriers(story)).append(":</p>\n<ul>\n");
    for (StoryMember m : story.articles()) {
      out.append("<li>");
      String url = Hrefs.of(m.url());
      if (url != null) {
        out.append("<a href=\"").append(escape(url)).append("\">");
      }
      out.append(escape(outlet(m)));
      if (url != null) {
        out.append("</a>");
      }
      if (m.published() != null) {
        out.append(", ").append(isoTime(m.published()));
      }
      if (m.original()) {
        out.append(" <strong>(first)</strong>");
      }
      out.append("</li>\n");
    }
    return out.append("</ul>\n").toString();
  }

  /**
   * Says how many outlets carried {@code story}: "3 outlets", or "2 outlets, in 3 articles" when an
   * outlet carried several of its articles (a report and its follow-up), as {@code min_sources}
   * counts outlets by name.
   */
  static String carriers(Story story) {
    Set<String> outlets = new HashSet<>();
    for (StoryMember m : story.articles()) {
      outlets.add(outlet(m));
    }
    int n = Math.max(1, outlets.size());
    String said = n + (n == 1 ? " outlet" : " outlets");
    return story.size() > n ? said + ", in " + story.size() + " articles" : said;
  }

  /** Returns the outlet name of a member, falling back to its URL's host. */
  static String outlet(StoryMember m) {
    if (m.source() != null && !m.source().isBlank()) {
      return m.source();
    }
    return m.url() == null ? "unknown" : m.url();
  }

  /** Formats an instant as RFC 3339 UTC, to the second. */
  static String isoTime(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(
        t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  /** Escapes text for HTML element content and double-quoted attributes. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
