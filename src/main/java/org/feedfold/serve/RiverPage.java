package org.feedfold.serve;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;

/**
 * Renders the story river at {@code /}: the newest stories, each with its outlets and times and the
 * original marked, a search box, and each story expandable (a {@code <details>} element, so no
 * script) to its text and every outlet's copy.
 *
 * <p>Everything from feeds and pages is escaped as text, links pass {@link Hrefs#of} as in the
 * feeds; the page carries no script and its one style sheet is allowed by hash in {@link
 * #CONTENT_SECURITY_POLICY}. Pure and thread-safe.
 */
final class RiverPage {
  static final String MEDIA_TYPE = "text/html; charset=utf-8";

  /** Paragraphs of a story's text shown when it is expanded. */
  static final int PARAGRAPHS = 6;

  private static final String CSS =
      """
      body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:46rem;padding:1rem;\
      color:#1d1d1f;background:#fafafa}
      header{display:flex;flex-wrap:wrap;align-items:baseline;gap:1rem;margin-bottom:1rem}
      h1{font-size:1.5rem;margin:0}
      form{flex:1;display:flex;gap:.5rem}
      input[type=search]{flex:1;font:inherit;padding:.3rem .5rem}
      button{font:inherit}
      .feeds a{margin-right:.5rem;font-size:.85rem}
      .story{background:#fff;border:1px solid #ddd;border-radius:6px;margin:.6rem 0;\
      padding:.6rem .9rem}
      summary{cursor:pointer;list-style:none}
      summary h2{font-size:1.1rem;margin:0;display:inline}
      .meta{display:block;color:#666;font-size:.85rem}
      .text p{margin:.5rem 0}
      .outlets{font-size:.9rem;padding-left:1.2rem}
      .original{font-weight:600;color:#0a6b2d}
      .error{background:#fde8e8;border:1px solid #e0b4b4;padding:.5rem;border-radius:4px}
      .empty{color:#666}
      """;

  /**
   * The page's policy: nothing may load but its own style sheet (by hash); no script, frame, form
   * target or base other than its own.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src '"
          + sha256(CSS)
          + "'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private RiverPage() {}

  /**
   * Returns the page listing {@code stories}.
   *
   * @param title the site title ({@code serve.title})
   * @param query the search box's current text, or {@code null}
   * @param error a message about the query to show instead of results, or {@code null}
   * @param now the time relative ages are counted from
   */
  static byte[] render(String title, String query, String error, List<Story> stories, Instant now) {
    StringBuilder b = new StringBuilder(16_384);
    String q = query == null ? "" : query;
    String feedQuery = q.isEmpty() ? "" : "?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(esc(q.isEmpty() ? title : q + " · " + title))
        .append("</title>\n<link rel=\"alternate\" type=\"application/atom+xml\" href=\"feed.atom")
        .append(esc(feedQuery))
        .append("\">\n<style>")
        .append(CSS)
        .append("</style></head>\n<body>\n<header><h1>")
        .append(esc(title))
        .append("</h1>\n<form method=\"get\" action=\"./\" role=\"search\">")
        .append("<input type=\"search\" name=\"q\" id=\"q\" value=\"")
        .append(esc(q))
        .append("\" placeholder=\"Search stories: title:quake, source:&quot;AP&quot;\"")
        .append(" aria-label=\"Search stories\"><button type=\"submit\">Search</button></form>\n")
        .append("<nav class=\"feeds\">Subscribe: ");
    for (String f : List.of("feed.atom", "feed.rss", "feed.json")) {
      b.append("<a href=\"")
          .append(f)
          .append(esc(feedQuery))
          .append("\">")
          .append(f)
          .append("</a>");
    }
    b.append("</nav></header>\n<main id=\"stories\">\n");
    if (error != null) {
      b.append("<p class=\"error\" id=\"error\">").append(esc(error)).append("</p>\n");
    } else if (stories.isEmpty()) {
      b.append("<p class=\"empty\">")
          .append(
              q.isEmpty()
                  ? "No stories yet: the first fetch may still be running."
                  : "No story matches.")
          .append("</p>\n");
    }
    for (Story s : stories) {
      story(b, s, now);
    }
    return b.append("</main>\n</body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void story(StringBuilder b, Story s, Instant now) {
    StoryMember original =
        s.articles().stream().filter(StoryMember::original).findFirst().orElse(null);
    b.append("<article class=\"story\" id=\"story-")
        .append(esc(s.id()))
        .append("\"><details><summary><h2>")
        .append(esc(s.title() == null ? "(untitled)" : s.title()))
        .append("</h2><span class=\"meta\">")
        .append(StoryHtml.carriers(s));
    if (original != null) {
      b.append(" · first: ").append(esc(StoryHtml.outlet(original)));
    }
    if (s.firstSeen() != null) {
      b.append(" · ").append(time(s.firstSeen(), now));
    }
    if (s.updated() != null && s.firstSeen() != null && s.updated().isAfter(s.firstSeen())) {
      b.append(" · updated ").append(time(s.updated(), now));
    }
    b.append("</span></summary>\n<div class=\"text\">");
    if (s.text() != null) {
      int n = 0;
      for (String p : s.text().split("\\n\\s*")) {
        if (!p.isBlank() && n++ < PARAGRAPHS) {
          b.append("<p>").append(esc(p.strip())).append("</p>");
        }
      }
    }
    b.append("</div>\n");
    VersionsHtml.append(b, s);
    b.append("<ol class=\"outlets\">");
    for (StoryMember m : s.articles()) {
      b.append("<li>");
      String href = Hrefs.of(m.url());
      if (href != null) {
        b.append("<a href=\"").append(esc(href)).append("\" rel=\"noopener noreferrer\">");
      }
      b.append(esc(StoryHtml.outlet(m)));
      if (href != null) {
        b.append("</a>");
      }
      if (m.title() != null && !m.title().equals(s.title())) {
        b.append(": ").append(esc(m.title()));
      }
      if (m.published() != null) {
        b.append(' ').append(time(m.published(), now));
      }
      if (m.original()) {
        b.append(" <span class=\"original\">original</span>");
      }
      b.append("</li>");
    }
    b.append("</ol>\n<p><a href=\"stories/")
        .append(esc(s.id()))
        .append(".json\">Why these were folded (JSON)</a></p></details></article>\n");
  }

  /** Returns a {@code <time>} element with the instant and its age, such as {@code 5 min ago}. */
  static String time(Instant t, Instant now) {
    return "<time datetime=\""
        + StoryHtml.isoTime(t)
        + "\" title=\""
        + StoryHtml.isoTime(t)
        + "\">"
        + age(Duration.between(t, now))
        + "</time>";
  }

  /** Formats an age as a person reads it: {@code just now}, {@code 5 min ago}, {@code 3 d ago}. */
  static String age(Duration d) {
    if (d.isNegative() || d.toSeconds() < 60) {
      return "just now";
    }
    if (d.toMinutes() < 60) {
      return d.toMinutes() + " min ago";
    }
    if (d.toHours() < 48) {
      return d.toHours() + " h ago";
    }
    return d.toDays() + " d ago";
  }

  private static String esc(String s) {
    return StoryHtml.escape(s);
  }

  private static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
