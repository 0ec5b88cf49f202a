package org.feedfold.ingest;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.feedfold.extract.ArticleExtractor;
import org.feedfold.fetch.FeedSignals;
import org.feedfold.fetch.FetchOutcome;
import org.feedfold.fetch.FetchRequest;
import org.feedfold.fetch.HostGate;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.fetch.RefreshPolicy;
import org.feedfold.index.Assignment;
import org.feedfold.metrics.Metrics;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.FeedEntry;
import org.feedfold.model.FeedState;
import org.feedfold.model.ParsedFeed;
import org.feedfold.model.Subscription;
import org.feedfold.parse.FeedParseException;
import org.feedfold.parse.FeedParser;
import org.feedfold.parse.FeedSource;
import org.feedfold.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one subscription once and indexes what it carries: the front door of this package.
 *
 * <p>The feed's new state (validators, times, errors) is staged after its articles and committed
 * with them in one Lucene commit, so a crash can never mark a feed fetched while losing its
 * articles. Feeds share commits ({@code fetch.commit-interval}, {@code fetch.commit-feeds}): call
 * {@link #flush()} at the end of a pass. A failure is logged once per feed and reason (at WARN),
 * repeats at DEBUG, and the recovery at INFO. Thread-safe: the scheduler calls it from several
 * threads, never for the same feed at once.
 */
public final class FeedIngester {
  private static final Logger log = LoggerFactory.getLogger(FeedIngester.class);
  private static final String STOPPED = "stopped";
  private static final String ACCEPT_FEEDS =
      "application/atom+xml,application/rss+xml,application/feed+json,application/json;q=0.9,"
          + "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1";

  private final HttpFetcher feeds;
  private final FeedParser parser;
  private final ArticleAssembler assembler;
  private final Store index;
  private final RefreshPolicy policy;
  private final IngestSettings settings;
  private final InstantSource clock;
  private final Relocator relocator;
  private final GroupCommit commits;
  private volatile boolean stopping;
  private volatile Map<String, Integer> feedsPerHost = Map.of();
  private volatile WebSub webSub;

  /** One lock per feed, so a push and a fetch of one feed never index at once. */
  private final Map<String, Object> feedLocks = new ConcurrentHashMap<>();

  /**
   * Moves a subscription in the subscription list to the URL its feed has permanently moved to.
   * Called by one thread at a time.
   */
  @FunctionalInterface
  public interface Relocator {
    /**
     * Moves {@code from} to {@code to}.
     *
     * @return whether {@code from} was listed
     * @throws IOException if the list cannot be rewritten
     */
    boolean move(URI from, URI to) throws IOException;
  }

  /**
   * Creates an ingester over the given stages that leaves subscriptions where they are; {@code
   * pages} fetches article pages.
   */
  public FeedIngester(Stages stages, Store index, IngestSettings settings, InstantSource clock) {
    this(stages, index, settings, clock, null);
  }

  /**
   * Creates an ingester that moves a subscription with {@code relocator} when two fetches in a row
   * are led to one new URL by permanent redirects only (301, 308); {@code null} never moves.
   */
  public FeedIngester(
      Stages stages,
      Store index,
      IngestSettings settings,
      InstantSource clock,
      Relocator relocator) {
    this.relocator = relocator;
    this.feeds = stages.feeds();
    this.parser = stages.parser();
    this.assembler = new ArticleAssembler(stages.pages(), stages.extractor(), settings);
    this.index = Objects.requireNonNull(index, "index");
    this.policy = stages.policy();
    this.settings = settings;
    this.clock = clock;
    this.commits = new GroupCommit(index, clock, settings.commitInterval(), settings.commitFeeds());
  }

  /**
   * Commits the feeds fetched since the last commit, if any: call at the end of a pass and before
   * closing the index, which discards what is not committed.
   */
  public void flush() throws IOException {
    commits.flush();
  }

  /**
   * Commits the feeds fetched since the last commit if the first of them has waited {@code
   * fetch.commit-interval}; the scheduler calls it at every tick, so a quiet spell does not leave
   * fetched feeds uncommitted.
   */
  public void commitIfDue() throws IOException {
    commits.commitIfDue();
  }

  /**
   * Makes running and later {@link #ingest} calls stop after the entry they are indexing: they
   * commit the articles added so far but not the feed's new state, so the next start fetches the
   * feed again and adds the rest. Lets a graceful shutdown finish in seconds (issue 9).
   */
  public void stop() {
    stopping = true;
  }

  /**
   * Tells the ingester every subscription, so that a {@code Retry-After} is applied to the right
   * scope: the feed that received it always; its whole host (feeds and article pages) only when
   * that feed is the only subscription on the host, i.e. the host is the feed's own. One
   * rate-limited feed on a shared host (a bridge serving many subscriptions) never stalls the
   * others. Until called, no host is held.
   */
  public void subscriptions(List<Subscription> subs) {
    Map<String, Integer> counts = new HashMap<>();
    for (Subscription s : subs) {
      counts.merge(HostGate.host(s.url()), 1, Integer::sum);
    }
    feedsPerHost = Map.copyOf(counts);
    WebSub w = webSub;
    if (w != null) {
      w.subscriptions(subs);
    }
  }

  /** Reports the hubs of fetched feeds to {@code w} from now on. */
  void webSub(WebSub w) {
    webSub = w;
  }

  /** Renews WebSub leases that are due; the scheduler calls it every tick. */
  void tick(Instant now) {
    WebSub w = webSub;
    if (w != null) {
      w.tick(now);
    }
  }

  /**
   * Indexes a feed document a WebSub hub pushed for {@code sub}, exactly as the body of a fetch:
   * the same parser, entry limit, identity rules and index path; then commits. The feed's state
   * (validators, schedule) is left alone, so polling goes on as before.
   *
   * @throws IOException only if the index cannot be written; a body that is not a feed is reported
   *     as {@code failed} in the result
   */
  public FeedReport pushed(Subscription sub, byte[] body, String contentType) throws IOException {
    synchronized (feedLocks.computeIfAbsent(sub.url().toString(), k -> new Object())) {
      ParsedFeed feed;
      try {
        feed = parser.parse(body, new FeedSource(sub.url(), contentType, null));
      } catch (FeedParseException e) {
        log.warn("feed {}: pushed body is not a feed: {}", sub.url(), e.getMessage());
        return new FeedReport(sub.url(), "failed", 0, 0, 0, "not a feed: " + e.getMessage());
      }
      FeedReport report = indexEntries(sub, feed, clock.instant());
      index.commit();
      return report;
    }
  }

  /** Returns the per-host gate the feed fetcher's requests pass. */
  HostGate gate() {
    return feeds.gate();
  }

  /** Bundles the stage front doors an ingester uses. */
  public record Stages(
      HttpFetcher feeds,
      HttpFetcher pages,
      FeedParser parser,
      ArticleExtractor extractor,
      RefreshPolicy policy) {}

  /**
   * Fetches {@code sub} now, indexes its entries and commits them with the feed's new state.
   *
   * @throws IOException only if the index cannot be written; network and feed problems are reported
   *     in the result and in the feed's state
   */
  public FeedReport ingest(Subscription sub) throws IOException {
    synchronized (feedLocks.computeIfAbsent(sub.url().toString(), k -> new Object())) {
      return ingestLocked(sub);
    }
  }

  private FeedReport ingestLocked(Subscription sub) throws IOException {
    String key = sub.url().toString();
    FeedState before = index.feedState(key).orElse(FeedState.initial(key));
    FetchOutcome outcome =
        Metrics.timeFetch(
            () ->
                feeds.fetch(
                    new FetchRequest(
                        sub.url(),
                        before.etag(),
                        before.lastModified(),
                        ACCEPT_FEEDS,
                        sub.credentials())));
    Instant now = clock.instant();
    FeedReport report;
    FeedState after;
    if (outcome instanceof FetchOutcome.Fetched f) {
      ParsedFeed feed;
      try {
        feed =
            parser.parse(f.body(), new FeedSource(f.url(), f.contentType(), f.contentLocation()));
      } catch (FeedParseException e) {
        String cut =
            f.truncated()
                ? " (body cut at " + f.body().length + " bytes, fetch.max-body)"
                : f.cutShort()
                    ? " (the server closed the connection after " + f.body().length + " bytes)"
                    : "";
        return fail(sub, before, outcome, "not a feed" + cut + ": " + e.getMessage(), now);
      }
      if ((feed.version() == null || feed.version().isEmpty()) && feed.entries().isEmpty()) {
        // A web page, say: parsed leniently it is an empty feed, and would look fine for ever.
        String type = f.contentType() == null ? "no content type" : f.contentType();
        return fail(
            sub,
            before,
            outcome,
            "not a feed: no RSS, Atom or JSON Feed document in it (" + type + ")",
            now);
      }
      if (f.truncated()) {
        log.warn("feed {}: body cut at the size limit (fetch.max-body); parsed what was read", key);
      }
      if (f.cutShort()) {
        log.warn(
            "feed {}: the server closed the connection after {} bytes, before the body ended;"
                + " parsed what arrived",
            key,
            f.body().length);
      }
      report = indexEntries(sub, feed, now);
      if (report.outcome().equals(STOPPED)) {
        // Not the feed state: its validators would hide the entries not yet added.
        commits.commit();
        return report;
      }
      WebSub w = webSub;
      if (w != null) {
        w.seen(sub, feed.feed());
      }
      String title = feed.feed().title() != null ? feed.feed().title() : before.title();
      FeedSignals signals =
          new FeedSignals(
              before.interval(),
              sub.interval(),
              feed.feed().refresh(),
              entryDates(feed),
              report.added());
      RefreshPolicy.Refresh next =
          policy.schedule(sub.url(), outcome, 0, signals, now).orElseThrow();
      after =
          new FeedState(
              key,
              title,
              // Each validator is stored verbatim and replaced only by a new value (issue 10).
              f.etag() != null ? f.etag() : before.etag(),
              f.lastModified() != null ? f.lastModified() : before.lastModified(),
              now,
              next.next(),
              0,
              null,
              false,
              next.interval(),
              null,
              f.movedTo() == null ? null : f.movedTo().toString());
    } else if (outcome instanceof FetchOutcome.NotModified m) {
      report = new FeedReport(sub.url(), "not-modified", 0, 0, 0, null);
      FeedSignals signals = new FeedSignals(before.interval(), sub.interval(), null, null, 0);
      RefreshPolicy.Refresh next =
          policy.schedule(sub.url(), outcome, 0, signals, now).orElseThrow();
      after =
          new FeedState(
              key,
              before.title(),
              m.etag() != null ? m.etag() : before.etag(),
              m.lastModified() != null ? m.lastModified() : before.lastModified(),
              now,
              next.next(),
              0,
              null,
              false,
              next.interval(),
              null,
              m.movedTo() == null ? null : m.movedTo().toString());
    } else {
      return fail(sub, before, outcome, reason(outcome), now);
    }
    if (before.errors() > 0) {
      log.info("feed {}: recovered after {} failed attempts", key, before.errors());
    }
    if (after.movedTo() != null
        && after.movedTo().equals(before.movedTo())
        && relocate(sub, after)) {
      index.removeFeedState(key);
      stage(before, after.renamed(after.movedTo()));
    } else {
      stage(before, after);
    }
    return report;
  }

  /**
   * Moves {@code sub} to {@code after.movedTo()}, seen on two fetches in a row; returns whether it
   * moved. A list that cannot be rewritten is logged and the feed stays where it is.
   */
  private boolean relocate(Subscription sub, FeedState after) {
    if (relocator == null) {
      return false;
    }
    URI to = URI.create(after.movedTo());
    try {
      boolean moved;
      synchronized (relocator) {
        moved = relocator.move(sub.url(), to);
      }
      if (moved) {
        log.info(
            "feed {}: moved permanently to {} (301/308 on two fetches in a row);"
                + " subscription updated",
            sub.url(),
            to);
      }
      return moved;
    } catch (IOException | RuntimeException e) {
      log.warn(
          "feed {}: moved permanently to {}, but the subscription list was not updated: {}",
          sub.url(),
          to,
          e.getMessage());
      return false;
    }
  }

  private FeedReport indexEntries(Subscription sub, ParsedFeed feed, Instant now)
      throws IOException {
    List<FeedEntry> entries = feed.entries();
    if (entries.size() > settings.maxEntries()) {
      log.info(
          "feed {}: {} entries, taking the first {} (fetch.max-entries)",
          sub.url(),
          entries.size(),
          settings.maxEntries());
      entries = entries.subList(0, settings.maxEntries());
    }
    String name = firstNonBlank(feed.feed().title(), sub.title(), sub.url().getHost());
    ArticleAssembler.Source source =
        new ArticleAssembler.Source(sub.url(), name, sub.credentials());
    Set<String> sharedLinks = sharedLinks(feed.entries());
    List<Store.EntryKey> keys = new ArrayList<>(entries.size());
    for (FeedEntry entry : entries) {
      keys.add(entryKey(sub, entry, sharedLinks));
    }
    DocumentLookup lookup = DocumentLookup.ask(index, keys);
    int added = 0;
    int changed = 0;
    for (int i = 0; i < entries.size(); i++) {
      FeedEntry entry = entries.get(i);
      if (stopping) {
        log.info(
            "feed {}: stopping after {} new and {} changed articles; the rest at the next start",
            sub.url(),
            added,
            changed);
        return new FeedReport(sub.url(), STOPPED, entries.size(), added, changed, null);
      }
      boolean shared = entry.link() != null && sharedLinks.contains(entry.link());
      // An entry another feed of its outlet brought (one page, one headline) is that article.
      boolean known = lookup.known(keys.get(i));
      ArticleInput article = assembler.assemble(entry, source, known, shared, now);
      if (article == null || lookup.unchanged(article)) {
        // Nothing to add, or an identical re-fetch: the add would write nothing (issue 13).
        continue;
      }
      Assignment a = index.add(article);
      lookup.added(a);
      if (a.created()) {
        added++;
      } else if (a.changed()) {
        changed++;
      }
    }
    return new FeedReport(sub.url(), "fetched", entries.size(), added, changed, null);
  }

  /**
   * Returns what the store is asked about an entry: its article id and, unless its link is shared
   * by other entries of its document (then not its article's page), its page.
   */
  private static Store.EntryKey entryKey(
      Subscription sub, FeedEntry entry, Set<String> sharedLinks) {
    String link = entry.link() == null || sharedLinks.contains(entry.link()) ? null : entry.link();
    return new Store.EntryKey(
        ArticleAssembler.articleId(sub.url(), entry.id()), link, entry.title());
  }

  /**
   * Returns the links that several entries of one document share under different ids and headlines:
   * a feed whose every entry links to the site's front page, or to one live page. Such a link is
   * not an entry's article: its page is not fetched for it, and it does not make the entries one
   * article. (One article listed twice under two ids keeps its headline, and stays one article.)
   */
  private static Set<String> sharedLinks(List<FeedEntry> entries) {
    Map<String, FeedEntry> first = new HashMap<>();
    Set<String> shared = new HashSet<>();
    for (FeedEntry e : entries) {
      if (e.link() != null) {
        FeedEntry f = first.putIfAbsent(e.link(), e);
        if (f != null && !f.id().equals(e.id()) && !Objects.equals(f.title(), e.title())) {
          shared.add(e.link());
        }
      }
    }
    return shared;
  }

  private FeedReport fail(
      Subscription sub, FeedState before, FetchOutcome outcome, String reason, Instant now)
      throws IOException {
    String key = sub.url().toString();
    int errors = before.errors() + 1;
    boolean gone = outcome instanceof FetchOutcome.Gone;
    FeedSignals signals = new FeedSignals(before.interval(), sub.interval(), null, null, 0);
    Instant next =
        policy
            .schedule(sub.url(), outcome, errors, signals, now)
            .map(RefreshPolicy.Refresh::next)
            .orElse(null);
    if (errors == 1 || !reason.equals(before.lastError())) {
      log.warn("feed {}: {}; {}", key, reason, gone ? "disabled" : "next attempt at " + next);
    } else {
      log.debug("feed {}: {} (failure {} in a row)", key, reason, errors);
    }
    if (outcome instanceof FetchOutcome.RateLimited r
        && r.status() != 0
        && r.retryAfter() != null) {
      String host = HostGate.host(sub.url());
      if (feedsPerHost.getOrDefault(host, 0) == 1) {
        feeds.gate().hold(host, r.retryAfter());
        log.info(
            "feed {}: holding its own host {} until {} (Retry-After)",
            key,
            host,
            now.plus(r.retryAfter()));
      }
    }
    stage(before, before.failed(now, next, reason, gone));
    String kind;
    if (gone) {
      kind = "gone";
    } else if (outcome instanceof FetchOutcome.RateLimited) {
      kind = "rate-limited";
    } else if (outcome instanceof FetchOutcome.Failed f && f.unreachable()) {
      kind = "unreachable";
    } else {
      kind = "failed";
    }
    return new FeedReport(sub.url(), kind, 0, 0, 0, reason);
  }

  /**
   * Stages the feed's new state after its articles, so the commit that holds it holds them too (see
   * {@link GroupCommit}); a state that did not change is not written again.
   */
  private void stage(FeedState before, FeedState after) throws IOException {
    if (!after.equals(before)) {
      index.putFeedState(after);
    }
    commits.staged();
  }

  /** Returns the one-line reason a person reads for an outcome other than a fetch or a 304. */
  static String reason(FetchOutcome outcome) {
    if (outcome instanceof FetchOutcome.Failed f) {
      return f.reason();
    } else if (outcome instanceof FetchOutcome.Gone g) {
      return "HTTP " + g.status() + " (gone)";
    } else if (outcome instanceof FetchOutcome.RateLimited r && r.status() == 0) {
      return "host held by an earlier Retry-After"
          + (r.retryAfter() == null ? "" : " for another " + r.retryAfter().toSeconds() + "s");
    } else if (outcome instanceof FetchOutcome.RateLimited r) {
      return "HTTP "
          + r.status()
          + " (rate limited"
          + (r.retryAfter() == null ? ")" : ", retry after " + r.retryAfter().toSeconds() + "s)");
    }
    return String.valueOf(outcome);
  }

  /** Returns each entry's publication date, else its update date, for the schedule. */
  private static List<Instant> entryDates(ParsedFeed feed) {
    List<Instant> dates = new ArrayList<>();
    for (FeedEntry e : feed.entries()) {
      Instant d = e.published() != null ? e.published() : e.updated();
      if (d != null) {
        dates.add(d);
      }
    }
    return dates;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }
}
