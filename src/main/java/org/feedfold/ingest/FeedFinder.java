package org.feedfold.ingest;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.feedfold.fetch.FetchOutcome;
import org.feedfold.fetch.FetchRequest;
import org.feedfold.model.Credentials;
import org.feedfold.model.FeedLink;
import org.feedfold.model.ParsedFeed;
import org.feedfold.parse.FeedDiscovery;
import org.feedfold.parse.FeedParseException;
import org.feedfold.parse.FeedSource;

/**
 * Finds the feed a person means by a URL, as {@code feeds add} needs: fetches it once; if it is a
 * feed, that is the answer, with its real title; if it is a web page (a site's home page, an
 * article), follows the first feed it advertises ({@link FeedDiscovery}) and checks that it parses.
 *
 * <p>Thread-safe if the stages are. Makes at most two requests.
 */
public final class FeedFinder {
  /** Is what the search found. */
  public sealed interface Found {}

  /**
   * Says {@code url} is a feed.
   *
   * @param title its title, or {@code null} if it has none
   * @param via the page that advertised it, or {@code null} if the URL given was the feed
   */
  public record Feed(URI url, String title, int entries, URI via) implements Found {}

  /** Says no feed was found, and why, in one line. */
  public record NotFound(String reason) implements Found {}

  private final FeedIngester.Stages stages;

  /** Uses the feed fetcher and the parser of {@code stages}. */
  public FeedFinder(FeedIngester.Stages stages) {
    this.stages = Objects.requireNonNull(stages, "stages");
  }

  /** Fetches {@code url} and returns the feed it is or advertises. */
  public Found find(URI written) {
    // A user name and password in the URL are sent to its host only, and never shown.
    Credentials credentials = Credentials.of(written);
    URI url = Credentials.strip(written);
    FetchOutcome outcome = stages.feeds().fetch(FetchRequest.of(written));
    if (!(outcome instanceof FetchOutcome.Fetched f)) {
      return new NotFound(url + ": " + FeedIngester.reason(outcome));
    }
    String parseError;
    try {
      ParsedFeed feed = parse(f);
      return new Feed(f.url(), feed.feed().title(), feed.entries().size(), null);
    } catch (FeedParseException e) {
      parseError = e.getMessage();
    }
    List<FeedLink> advertised = FeedDiscovery.discover(f.body(), f.url(), f.contentType());
    if (advertised.isEmpty()) {
      return new NotFound(url + " is not a feed (" + parseError + ") and links to none");
    }
    FeedLink first = advertised.get(0);
    FetchOutcome linked =
        stages
            .feeds()
            .fetch(
                new FetchRequest(
                    first.url(),
                    null,
                    null,
                    null,
                    Credentials.sameHost(url, first.url()) ? credentials : null));
    if (!(linked instanceof FetchOutcome.Fetched lf)) {
      return new NotFound(
          url + " advertises " + first.url() + ", which failed: " + FeedIngester.reason(linked));
    }
    try {
      ParsedFeed feed = parse(lf);
      return new Feed(lf.url(), feed.feed().title(), feed.entries().size(), f.url());
    } catch (FeedParseException e) {
      return new NotFound(
          url + " advertises " + first.url() + ", which is not a feed: " + e.getMessage());
    }
  }

  /** Parses a fetched body, refusing documents whose root is no feed (an HTML page, say). */
  private ParsedFeed parse(FetchOutcome.Fetched f) throws FeedParseException {
    ParsedFeed feed =
        stages
            .parser()
            .parse(f.body(), new FeedSource(f.url(), f.contentType(), f.contentLocation()));
    if (feed.version() == null || feed.version().isEmpty()) {
      String type = f.contentType() == null ? "no content type" : f.contentType();
      throw new FeedParseException(
          "no RSS, Atom or JSON Feed document in it (" + type + ")", 0, 0, null);
    }
    return feed;
  }
}
