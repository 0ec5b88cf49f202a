package org.feedfold.demo;

import java.util.List;

/**
 * Is one simulated outlet: how it names itself, which feed format it publishes, how it republishes
 * what it carries, when it starts publishing (in demo steps) and which sample articles it carries.
 *
 * @param slug the path segment of its feed and pages
 * @param name the outlet's name, shown in its pages and feed title
 * @param format the feed format
 * @param style how it republishes
 * @param joinsAtStep the demo step from which its feed exists (0: from the start)
 * @param carries indexes into the sample articles
 */
record Outlet(
    String slug, String name, Format format, Style style, int joinsAtStep, List<Integer> carries) {
  Outlet {
    carries = List.copyOf(carries);
  }

  /** Is a feed format with the path of its document under the outlet's slug. */
  enum Format {
    RSS("feed.xml", "application/rss+xml; charset=utf-8"),
    ATOM("atom.xml", "application/atom+xml; charset=utf-8"),
    JSON("feed.json", "application/feed+json; charset=utf-8");

    final String file;
    final String mediaType;

    Format(String file, String mediaType) {
      this.file = file;
      this.mediaType = mediaType;
    }
  }

  /** Is how an outlet republishes an article. */
  enum Style {
    /** The wire: the whole text in the feed, first, and a live story that gains updates. */
    ORIGINAL,
    /** Two sentences in the feed and a link to a page holding the whole text in a template. */
    TEASER,
    /** A blog: the first paragraphs with a credit line and a link to the original. */
    CREDITED_EXCERPT,
    /** A republisher: the whole text lightly edited, a shouting headline, a donation appeal. */
    PADDED_COPY,
    /** Its own reporting, carried by nobody else. */
    OWN
  }
}
