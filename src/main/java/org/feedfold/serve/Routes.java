package org.feedfold.serve;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.feedfold.index.QueryException;
import org.feedfold.index.StoryExplanation;
import org.feedfold.model.Story;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers checked GET and HEAD requests: the story river at {@code /}, the feeds, {@code
 * /stories/ID.json} and {@code /healthz}.
 *
 * <p>Runs on the request threads, never on the event loop, because it reads the index and renders.
 * Thread-safe: holds no state of its own. The request has already passed {@link RequestTarget} and
 * the method and token checks.
 */
final class Routes {
  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

  private record Feed(
      String selfPath, String mediaType, BiFunction<FeedView, EntryCache, byte[]> renderer) {}

  private static final Map<String, Feed> FEEDS =
      Map.of(
          "/feed.atom", new Feed("feed.atom", AtomRenderer.MEDIA_TYPE, AtomRenderer::render),
          "/feed.rss", new Feed("feed.rss", RssRenderer.MEDIA_TYPE, RssRenderer::render),
          "/feed.json",
              new Feed("feed.json", JsonFeedRenderer.MEDIA_TYPE, JsonFeedRenderer::render));

  private static final String SAVED_PREFIX = "/feeds/";
  static final String HEALTH = "/healthz";
  static final String RIVER = "/";
  private static final String STORY_PREFIX = "/stories/";

  /** A checked request: method GET or HEAD, target parsed, validators as sent. */
  record Request(String method, RequestTarget target, String ifNoneMatch, String ifModifiedSince) {}

  private final ServeSettings settings;
  private final StorySource source;
  private final StoryLookup lookup;
  private final InstantSource clock;
  private final Supplier<URI> base;
  private final EntryCache entries = new EntryCache();

  Routes(
      ServeSettings settings,
      StorySource source,
      StoryLookup lookup,
      InstantSource clock,
      Supplier<URI> base) {
    this.settings = settings;
    this.source = source;
    this.lookup = lookup;
    this.clock = clock;
    this.base = base;
  }

  /** Returns whether {@code path} names a route. */
  static boolean exists(String path) {
    return FEEDS.containsKey(path)
        || HEALTH.equals(path)
        || RIVER.equals(path)
        || isStory(path)
        || isSaved(path);
  }

  /** Returns whether {@code path} is a feed (merged or saved), whose pages may be cached. */
  static boolean isFeed(String path) {
    return FEEDS.containsKey(path) || isSaved(path);
  }

  private static boolean isSaved(String path) {
    return path.startsWith(SAVED_PREFIX)
        && FEEDS.containsKey("/feed" + path.substring(path.lastIndexOf('.')));
  }

  private static boolean isStory(String path) {
    return path.startsWith(STORY_PREFIX) && path.endsWith(".json");
  }

  /** Returns the health answer; cheap enough for the event loop. */
  static Reply health() {
    return Reply.text(200, "ok", Map.of("Cache-Control", "no-store"));
  }

  /** Answers a request whose path {@link #exists}. */
  Reply answer(Request request) {
    String path = request.target().path();
    if (HEALTH.equals(path)) {
      return health();
    }
    Feed feed = FEEDS.get(path);
    if (feed != null) {
      String raw = request.target().rawQuery();
      return feed(request, feed, raw, raw, settings.title(), source, source.archive());
    }
    if (isSaved(path)) {
      return saved(request, path);
    }
    if (RIVER.equals(path)) {
      return river(request);
    }
    return story(request, path.substring(STORY_PREFIX.length(), path.length() - ".json".length()));
  }

  /**
   * Answers {@code /feeds/NAME.atom|rss|json}: the saved feed's filters, with the request's {@code
   * ?page=} (and {@code ?limit=} when the feed sets none); 404 for a name not configured.
   */
  private Reply saved(Request request, String path) {
    int dot = path.lastIndexOf('.');
    String name = path.substring(SAVED_PREFIX.length(), dot);
    Feed type = FEEDS.get("/feed" + path.substring(dot));
    boolean json = type.mediaType().startsWith("application/feed+json");
    SavedFeed saved =
        settings.savedFeeds().stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    if (saved == null) {
      return error(json, 404, "no such saved feed: " + name);
    }
    StringBuilder raw = new StringBuilder(saved.rawQuery());
    StringBuilder asks = new StringBuilder();
    try {
      Map<String, String> asked = FeedQuery.params(request.target().rawQuery());
      for (String key :
          saved.limit() > 0
              ? List.of("page", Archives.PARAM)
              : List.of("page", "limit", Archives.PARAM)) {
        if (asked.containsKey(key)) {
          String pair =
              key + "=" + java.net.URLEncoder.encode(asked.get(key), StandardCharsets.UTF_8);
          raw.append(raw.length() == 0 ? "" : "&").append(pair);
          asks.append(asks.length() == 0 ? "" : "&").append(pair);
        }
      }
    } catch (FeedQuery.BadQuery e) {
      return error(json, 400, "bad request: " + e.getMessage());
    }
    String title = saved.title() != null ? saved.title() : settings.title() + ": " + name;
    Feed feed = new Feed(path.substring(1), type.mediaType(), type.renderer());
    // Its links name only what the request added: the filters are the feed's own.
    StorySource matched = (q, since, n) -> source.saved(name, q, since, n);
    return feed(request, feed, raw.toString(), asks.toString(), title, matched, source.archive());
  }

  /**
   * Answers a feed filtered by {@code raw} (a query string), its RFC 5005 links built from {@code
   * linkRaw}, its stories read from {@code from}, its archive documents from {@code archive}.
   */
  private Reply feed(
      Request request,
      Feed feed,
      String raw,
      String linkRaw,
      String title,
      StorySource from,
      StoryArchive archive) {
    boolean json = feed.mediaType().startsWith("application/feed+json");
    FeedQuery query;
    StoryFilter filter;
    Archives.Key key;
    try {
      query = FeedQuery.parse(raw, clock.instant(), settings.defaultLimit(), settings.maxLimit());
      filter = StoryFilter.parse(raw, query.limit());
      String asked = FeedQuery.params(raw).get(Archives.PARAM);
      key = asked == null ? null : Archives.Key.parse(asked);
    } catch (FeedQuery.BadQuery e) {
      return error(json, 400, "bad request: " + e.getMessage());
    }
    if (key != null) {
      return archive(request, feed, linkRaw, title, archive, query, filter, key);
    }
    List<Story> stories;
    StoryFilter.Page page;
    FeedView.Archive archived = FeedView.Archive.NONE;
    try {
      page = filter.select(from, query);
      stories = page.stories();
      if (filter.page() == 1) {
        archived = Archives.subscription(archive, feed.selfPath(), linkRaw);
      }
    } catch (FeedQuery.BadQuery e) {
      return error(json, 400, "bad request: " + e.getMessage());
    } catch (QueryException e) {
      // The client's mistake, not ours: no stack trace, nothing above DEBUG.
      LOG.debug("refused query: {}", e.getMessage());
      return error(json, 400, e.getMessage());
    } catch (IOException e) {
      LOG.error("story source failed", e);
      return unavailable();
    }
    // Guard against a source returning more than asked.
    List<Story> limited =
        stories.size() > query.limit() ? stories.subList(0, query.limit()) : stories;
    FeedView view =
        FeedView.of(title, base(), feed.selfPath(), limited)
            .withPaging(paging(feed.selfPath(), linkRaw, filter.page(), page.more()))
            .withHub(settings.websubHub())
            .withArchive(archived);
    // Readers must revalidate, which costs them a 304 at most.
    return render(request, feed, view, "no-cache");
  }

  /**
   * Answers the archive document {@code key} of a feed (RFC 5005 §4, see {@link Archives}): 404 for
   * a part past the day's last; a closed day's document may be cached long.
   */
  private Reply archive(
      Request request,
      Feed feed,
      String linkRaw,
      String title,
      StoryArchive archive,
      FeedQuery query,
      StoryFilter filter,
      Archives.Key key) {
    boolean json = feed.mediaType().startsWith("application/feed+json");
    Archives.Page page;
    try {
      page =
          Archives.page(
              archive,
              key,
              settings.defaultLimit(),
              feed.selfPath(),
              linkRaw,
              query,
              filter,
              clock.instant());
    } catch (Archives.NoSuchPart e) {
      return error(json, 404, e.getMessage());
    } catch (FeedQuery.BadQuery e) {
      return error(json, 400, "bad request: " + e.getMessage());
    } catch (QueryException e) {
      LOG.debug("refused query: {}", e.getMessage());
      return error(json, 400, e.getMessage());
    } catch (IOException e) {
      LOG.error("story source failed", e);
      return unavailable();
    }
    String self = Archives.link(feed.selfPath(), linkRaw, key);
    FeedView view =
        FeedView.of(title, base(), feed.selfPath(), page.stories())
            .withPaging(new FeedView.Paging(self, null, null, null))
            .withArchive(page.links());
    if (page.stories().isEmpty()) {
      // A filtered part may be empty: dated by its day, not the epoch, so its ETag stays put.
      view = view.withUpdated(key.start());
    }
    return render(
        request, feed, view, page.closed() ? "max-age=" + Archives.CLOSED_MAX_AGE : "no-cache");
  }

  /** Renders {@code view} with its validators, or answers 304 when the request's match them. */
  private Reply render(Request request, Feed feed, FeedView view, String cacheControl) {
    byte[] body = feed.renderer().apply(view, entries);
    String etag = Conditional.etag(body);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ETag", etag);
    headers.put("Last-Modified", Conditional.httpDate(view.updated()));
    headers.put("Cache-Control", cacheControl);
    if (Conditional.notModified(
        request.ifNoneMatch(), request.ifModifiedSince(), etag, view.updated())) {
      return new Reply(304, null, null, headers, false);
    }
    return new Reply(200, feed.mediaType(), body, headers, false);
  }

  /**
   * Answers {@code /}: the story river, taking the feeds' {@code ?q=}, {@code ?since=} and {@code
   * ?limit=}; a bad parameter is shown on the page with status 400. Its own policy allows its style
   * sheet by hash and its search form, and nothing else.
   */
  private Reply river(Request request) {
    String text = null;
    String error = null;
    List<Story> stories = List.of();
    int status = 200;
    try {
      FeedQuery query =
          FeedQuery.parse(
              request.target().rawQuery(),
              clock.instant(),
              settings.defaultLimit(),
              settings.maxLimit());
      text = query.query();
      stories = source.stories(query.query(), query.since(), query.limit());
    } catch (FeedQuery.BadQuery | QueryException e) {
      LOG.debug("refused query: {}", e.getMessage());
      error = e.getMessage();
      status = 400;
    } catch (IOException e) {
      LOG.error("story source failed", e);
      error = "stories unavailable; try again shortly";
      status = 503;
    }
    byte[] body = RiverPage.render(settings.title(), text, error, stories, clock.instant());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Cache-Control", "no-cache");
    headers.put("Content-Security-Policy", RiverPage.CONTENT_SECURITY_POLICY);
    if (status == 200) {
      // The page shows relative times, so its bytes (and ETag) change as the clock moves on.
      String etag = Conditional.etag(body);
      headers.put("ETag", etag);
      if (Conditional.notModified(request.ifNoneMatch(), null, etag, null)) {
        return new Reply(304, null, null, headers, false);
      }
    }
    return new Reply(status, RiverPage.MEDIA_TYPE, body, headers, false);
  }

  /** Answers {@code /stories/ID.json}: the story as {@code story ID --json --explain} prints it. */
  private Reply story(Request request, String id) {
    if (!id.matches("[0-9A-Za-z_-]{1,64}")) {
      return Reply.text(404, "no such story");
    }
    Map<String, Object> json;
    try {
      Optional<Story> story = lookup.story(id);
      if (story.isEmpty()) {
        return Reply.text(404, "no such story: " + id);
      }
      json = StoryJson.story(story.get());
      Optional<StoryExplanation> why = lookup.explain(id);
      why.ifPresent(
          e -> json.put("explain", e.members().stream().map(StoryJson::explanation).toList()));
    } catch (IOException e) {
      LOG.error("story lookup failed", e);
      return unavailable();
    }
    byte[] body = JsonFeedRenderer.bytes(json);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ETag", Conditional.etag(body));
    headers.put("Cache-Control", "no-cache");
    if (Conditional.notModified(request.ifNoneMatch(), null, headers.get("ETag"), null)) {
      return new Reply(304, null, null, headers, false);
    }
    return new Reply(200, "application/json", body, headers, false);
  }

  /** Returns the RFC 5005 links of a page, or none for the first page of an unfiltered feed. */
  private static FeedView.Paging paging(String path, String raw, int page, boolean more) {
    try {
      String self = StoryFilter.queryString(raw, page);
      if (self.isEmpty() && !more) {
        return FeedView.Paging.NONE;
      }
      return new FeedView.Paging(
          path + self,
          page > 1 ? path + StoryFilter.queryString(raw, 1) : null,
          page > 1 ? path + StoryFilter.queryString(raw, page - 1) : null,
          more ? path + StoryFilter.queryString(raw, page + 1) : null);
    } catch (FeedQuery.BadQuery e) {
      // Parsed once already; cannot fail here.
      return FeedView.Paging.NONE;
    }
  }

  private static Reply error(boolean json, int status, String message) {
    return json ? Reply.jsonError(status, message) : Reply.text(status, message);
  }

  private static Reply unavailable() {
    return Reply.text(503, "stories unavailable", Map.of("Retry-After", "30"));
  }

  private URI base() {
    URI b = settings.publicBase() == null ? base.get() : settings.publicBase();
    String s = b.toString();
    return s.endsWith("/") ? b : URI.create(s + "/");
  }
}
