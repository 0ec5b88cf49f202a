package org.feedfold.demo;

import java.time.format.DateTimeFormatter;
import java.util.List;
import org.feedfold.demo.Newsroom.Item;
import org.jsoup.nodes.Entities;

/**
 * Renders an outlet's article page the way news sites wrap a story: navigation, a share bar,
 * related links, a comment box and a footer around the article, each outlet with its own markup.
 * Pure and thread-safe.
 */
final class Pages {
  private Pages() {}

  /** Returns the whole HTML page of {@code item} as {@code outlet} shows it. */
  static String article(Outlet outlet, Item item, List<Item> related) {
    String nav =
        switch (outlet.style()) {
          case TEASER -> "site-header";
          case CREDITED_EXCERPT -> "blog-masthead";
          case PADDED_COPY -> "topbar";
          default -> "masthead";
        };
    StringBuilder b = new StringBuilder(8_192);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(escape(item.title()))
        .append(" | ")
        .append(escape(outlet.name()))
        .append("</title>\n<link rel=\"alternate\" type=\"")
        .append(outlet.format().mediaType.replace("; charset=utf-8", ""))
        .append("\" href=\"/")
        .append(outlet.slug())
        .append('/')
        .append(outlet.format().file)
        .append("\">\n<meta property=\"og:title\" content=\"")
        .append(escape(item.title()))
        .append("\">\n<meta property=\"article:published_time\" content=\"")
        .append(DateTimeFormatter.ISO_INSTANT.format(item.published()))
        .append("\">\n</head><body>\n<header class=\"")
        .append(nav)
        .append("\"><a href=\"/")
        .append(outlet.slug())
        .append("/\">")
        .append(escape(outlet.name()))
        .append("</a><nav><ul><li><a href=\"/")
        .append(outlet.slug())
        .append("/world\">World</a></li><li><a href=\"/")
        .append(outlet.slug())
        .append("/politics\">Politics</a></li><li><a href=\"/")
        .append(outlet.slug())
        .append("/science\">Science</a></li><li><a href=\"/")
        .append(outlet.slug())
        .append("/sport\">Sport</a></li><li><a href=\"/")
        .append(outlet.slug())
        .append("/subscribe\">Subscribe</a></li></ul></nav></header>\n")
        .append(
            "<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet</a>")
        .append(" <a href=\"#\">Email</a></div>\n<main><article class=\"story\">\n<h1>")
        .append(escape(item.title()))
        .append("</h1>\n<p class=\"byline\">By ")
        .append(escape(outlet.name()))
        .append(" staff · <time datetime=\"")
        .append(DateTimeFormatter.ISO_INSTANT.format(item.published()))
        .append("\">")
        .append(DateTimeFormatter.ISO_INSTANT.format(item.published()))
        .append("</time></p>\n<div class=\"story-body\">\n")
        .append(item.pageHtml())
        .append("</div>\n</article>\n<aside class=\"related\"><h2>More from ")
        .append(escape(outlet.name()))
        .append("</h2><ul>\n");
    for (Item r : related) {
      if (!r.path().equals(item.path())) {
        b.append("<li><a href=\"")
            .append(r.path())
            .append("\">")
            .append(escape(r.title()))
            .append("</a></li>\n");
      }
    }
    b.append("</ul></aside>\n<section class=\"comments\"><h2>Post a Comment</h2>")
        .append("<form><textarea name=\"comment\"></textarea><button>Submit</button></form>")
        .append("<p>Comments are moderated and may take a while to appear.</p></section>\n")
        .append("</main>\n<nav class=\"pager\"><a href=\"#\">Previous Post</a>")
        .append(" <a href=\"#\">Next Post</a></nav>\n<footer><p>Follow us on Facebook, X and")
        .append(" Instagram. Sign up for our newsletter.</p><p>© 2026 ")
        .append(escape(outlet.name()))
        .append(". All rights reserved. Privacy policy · Terms of use · Cookie settings</p>")
        .append("</footer>\n</body></html>\n");
    return b.toString();
  }

  /** Returns a small home page listing {@code outlet}'s items and linking its feed. */
  static String home(Outlet outlet, List<Item> items) {
    StringBuilder b =
        new StringBuilder(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
    b.append(escape(outlet.name()))
        .append("</title><link rel=\"alternate\" type=\"")
        .append(outlet.format().mediaType.replace("; charset=utf-8", ""))
        .append("\" href=\"/")
        .append(outlet.slug())
        .append('/')
        .append(outlet.format().file)
        .append("\"></head><body><h1>")
        .append(escape(outlet.name()))
        .append("</h1><ul>\n");
    for (Item i : items) {
      b.append("<li><a href=\"")
          .append(i.path())
          .append("\">")
          .append(escape(i.title()))
          .append("</a></li>\n");
    }
    return b.append("</ul></body></html>\n").toString();
  }

  /** Escapes text for HTML element content and double-quoted attributes. */
  static String escape(String s) {
    return Entities.escape(s);
  }
}
