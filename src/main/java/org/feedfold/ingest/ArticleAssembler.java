package org.feedfold.ingest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.feedfold.extract.ArticleExtractor;
import org.feedfold.extract.PageSource;
import org.feedfold.fetch.FetchOutcome;
import org.feedfold.fetch.FetchRequest;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.Credentials;
import org.feedfold.model.ExtractedArticle;
import org.feedfold.model.FeedEntry;
import org.feedfold.model.WebAddress;
import org.feedfold.sanitize.SafeHtml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one feed entry into an article: cleans the HTML the feed carries and, when that is less
 * than the article (a teaser, a summary, nothing), fetches the linked page and keeps the richer of
 * the two texts. A page that shares too few words with the entry's title and summary is not its
 * article but a wall in front of it ({@link PageRelevance}), and is left out.
 *
 * <p>Thread-safe if its collaborators are.
 */
final class ArticleAssembler {
  private static final Logger log = LoggerFactory.getLogger(ArticleAssembler.class);

  /** How far ahead of the fetch an entry's date may lie (clock skew) before it is not believed. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

  /** Most meta-refresh redirect pages followed from one entry's link. */
  static final int MAX_REFRESH_HOPS = 3;

  private static final String ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";

  private final HttpFetcher pages;
  private final ArticleExtractor extractor;
  private final IngestSettings settings;

  ArticleAssembler(HttpFetcher pages, ArticleExtractor extractor, IngestSettings settings) {
    this.pages = pages;
    this.extractor = extractor;
    this.settings = settings;
  }

  /** Returns the article id of an entry: stable per feed and entry id, 16 hex digits. */
  static String articleId(URI feedUrl, String entryId) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] d = sha1.digest((feedUrl + "\n" + entryId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  /**
   * Assembles the article for {@code entry}, fetching its page if the feed text is thin.
   *
   * @param known whether the index already holds this entry (or the article another feed of its
   *     outlet listed under the same link and headline); a known thin entry returns {@code null},
   *     so that a re-poll neither fetches its page again nor replaces the stored page text with the
   *     teaser
   * @param sharedLink whether other entries of its document (under other ids) have its link too:
   *     then that page is not its article and is not fetched, and the article is keyed by the link
   *     with its id as the fragment, so that the entries stay apart
   * @return the article, or {@code null} if there is nothing new to index
   */
  ArticleInput assemble(
      FeedEntry entry, Source source, boolean known, boolean sharedLink, Instant now) {
    URI link = uri(entry.link());
    String id = articleId(source.feedUrl(), entry.id());
    ExtractedArticle fromFeed = fromFeed(entry, link);
    String text = fromFeed == null ? "" : fromFeed.text();
    SafeHtml html = fromFeed == null ? null : fromFeed.html();
    boolean thin =
        settings.extractEnabled()
            && link != null
            && !sharedLink
            && text.length() < settings.extractMinText();
    if (thin && known) {
      return null;
    }
    ExtractedArticle page = thin ? fetchPage(link, source) : null;
    if (page != null) {
      PageRelevance.Share share =
          PageRelevance.share(entry.title(), text, page.title(), page.text());
      if (!share.mayBeTheArticle()) {
        log.info(
            "page {}: carries {} of the {} words of its entry's title and summary, so it is taken"
                + " for a consent, login or error page, not the article; keeping the feed text",
            link,
            share.shared(),
            share.words());
        page = null;
      }
    }
    if (page != null && page.text().length() > text.length()) {
      text = page.text();
      html = page.html();
    }
    String title = entry.title();
    if ((title == null || title.isBlank()) && page != null) {
      title = page.title();
    }
    Instant published = entry.published() != null ? entry.published() : entry.updated();
    if (published == null && page != null) {
      published = page.published();
    }
    if (published != null && published.isAfter(now.plus(CLOCK_SKEW))) {
      // A CMS writing next year, or local time labelled GMT: dated ahead of the fetch, the copy
      // would fall out of its story's window and sort above every other story. The article is
      // taken as published when first seen; null keeps that time across re-polls.
      if (!known) {
        log.info(
            "feed {}: entry {} is dated {}, after it was fetched ({}); taken as published when"
                + " first seen",
            source.feedUrl(),
            entry.id(),
            published,
            now);
      }
      published = null;
    }
    String canonical = page == null ? null : page.canonical();
    if (sharedLink) {
      canonical = entry.link() + "#" + id;
    }
    return new ArticleInput(
        id,
        entry.link(),
        canonical,
        title,
        text,
        html,
        published,
        now,
        source.name(),
        source.feedUrl().toString(),
        entry.author() != null ? entry.author() : page == null ? null : page.author(),
        page == null ? null : page.language());
  }

  private ExtractedArticle fromFeed(FeedEntry entry, URI link) {
    SafeHtml html =
        entry.content() != null && !entry.content().isBlank() ? entry.content() : entry.summary();
    if (html == null || html.isBlank()) {
      return null;
    }
    return extractor.extractFragment(html.html(), new PageSource(link, null));
  }

  /**
   * Fetches and extracts the entry's page; a page that carries no article but sends the reader on
   * at once ({@code <meta http-equiv="refresh">}: a link shortener's or a moved site's redirect
   * page) is followed, up to {@value #MAX_REFRESH_HOPS} times, never back to a page seen.
   */
  private ExtractedArticle fetchPage(URI link, Source source) {
    Set<URI> seen = new HashSet<>();
    URI at = link;
    for (int hop = 0; ; hop++) {
      seen.add(at);
      ExtractedArticle page = fetchOne(at, source);
      URI next = page == null ? null : uri(page.refresh());
      if (next == null
          || page.text().length() >= settings.extractMinText()
          || hop == MAX_REFRESH_HOPS
          || !seen.add(next)) {
        return page;
      }
      log.debug("page {}: sends the reader on to {}", at, next);
      at = next;
    }
  }

  private ExtractedArticle fetchOne(URI link, Source source) {
    Credentials login =
        source.credentials() != null && Credentials.sameHost(link, source.feedUrl())
            ? source.credentials()
            : null;
    FetchOutcome outcome = pages.fetch(new FetchRequest(link, null, null, ACCEPT_HTML, login));
    if (outcome instanceof FetchOutcome.Fetched f) {
      String type = f.contentType() == null ? "" : f.contentType().toLowerCase(Locale.ROOT);
      if (!type.isEmpty() && !type.contains("html") && !looksLikeHtml(f.body())) {
        log.debug("page {}: not HTML ({}), keeping the feed text", link, f.contentType());
        return null;
      }
      if (f.cutShort()) {
        // Part of an article would stand for the whole of it, and never be fetched again.
        log.debug("page {}: the server closed the connection early; keeping the feed text", link);
        return null;
      }
      if (f.truncated()) {
        log.info("page {}: cut at the size limit; extracting what was read", link);
      }
      return extractor.extract(f.body(), new PageSource(f.url(), f.contentType()));
    }
    log.debug("page {}: {}, keeping the feed text", link, outcome);
    return null;
  }

  /**
   * Says whether a page served under another type ({@code text/plain}, {@code
   * application/octet-stream}: a misconfigured server) is HTML all the same: its first kilobyte,
   * after a byte order mark, comments and white space, opens a document or {@code html} element.
   */
  static boolean looksLikeHtml(byte[] body) {
    String head =
        new String(body, 0, Math.min(body.length, 1024), StandardCharsets.ISO_8859_1)
            .toLowerCase(Locale.ROOT);
    String rest = head.replaceFirst("(?s)^(\\xef\\xbb\\xbf|\\s|<!--.*?-->|<\\?xml[^>]*>)*", "");
    return rest.startsWith("<!doctype html") || rest.startsWith("<html");
  }

  private static URI uri(String link) {
    if (link == null) {
      return null;
    }
    try {
      // A link to müll-gebühren.html or "two words.html" is asked for as a browser would.
      URI u = WebAddress.parse(link);
      return u.isAbsolute() ? u : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Names the outlet an article came from.
   *
   * @param credentials the feed's user name and password, sent with its pages on the feed's own
   *     host (a private feed's articles sit behind the same login); {@code null} for none
   */
  record Source(URI feedUrl, String name, Credentials credentials) {
    Source(URI feedUrl, String name) {
      this(feedUrl, name, null);
    }
  }
}
