package org.feedfold.serve;

import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feedfold.index.QueryException;
import org.feedfold.index.StoryExplanation;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Story;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the read-only JSON API under {@code /api/}, which mirrors the CLI's {@code --json}
 * output: {@code /api/search?q=&since=&limit=&offset=}, {@code
 * /api/stories?q=&since=&limit=&offset=}, {@code /api/stories/ID} ({@code ?explain=true} adds the
 * reasons), {@code /api/feeds} and {@code /api/stats}. Lists come as {@code
 * {"items":[…],"limit":N,"offset":N}}.
 *
 * <p>Every error is JSON {@code {"error":…,"status":…}} with that status: 400 for a bad parameter
 * ({@code q} over {@value FeedQuery#MAX_QUERY_CHARS} characters, {@code limit} outside 1..{@code
 * serve.max-limit}, {@code offset} outside 0..{@value #MAX_OFFSET}, a query that does not parse),
 * 404 for an unknown story or path, 503 when the index cannot be read. Replies carry a body-hash
 * {@code ETag} and answer {@code If-None-Match} with 304. Thread-safe: holds no state of its own.
 */
final class ApiRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
  static final String PREFIX = "/api/";
  private static final String STORY_PREFIX = "/api/stories/";

  /** Pages reach at most this deep, so that one request reads a bounded number of documents. */
  static final int MAX_OFFSET = 10_000;

  private final ServeSettings settings;
  private final StorySource stories;
  private final StoryLookup lookup;
  private final ApiSource api;
  private final InstantSource clock;

  ApiRoutes(
      ServeSettings settings,
      StorySource stories,
      StoryLookup lookup,
      ApiSource api,
      InstantSource clock) {
    this.settings = settings;
    this.stories = stories;
    this.lookup = lookup;
    this.api = api;
    this.clock = clock;
  }

  /** Returns whether {@code path} is under {@code /api/}; unknown API paths get a JSON 404. */
  static boolean exists(String path) {
    return path.startsWith(PREFIX);
  }

  /** Says why a request failed, with its status; the message is shown to the client. */
  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    Failure(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** Answers a request whose path {@link #exists}. */
  Reply answer(Routes.Request request) {
    String path = request.target().path();
    Object body;
    try {
      body = route(path, request.target().rawQuery());
    } catch (Failure e) {
      return error(e.status, e.getMessage());
    } catch (QueryException e) {
      LOG.debug("refused query: {}", e.getMessage());
      return error(400, e.getMessage());
    } catch (IOException e) {
      LOG.error("API read failed", e);
      return error(503, "index unavailable; try again shortly");
    }
    byte[] bytes = JsonFeedRenderer.bytes(body);
    String etag = Conditional.etag(bytes);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ETag", etag);
    headers.put("Cache-Control", "no-cache");
    if (Conditional.notModified(request.ifNoneMatch(), null, etag, null)) {
      return new Reply(304, null, null, headers, false);
    }
    return new Reply(200, "application/json", bytes, headers, false);
  }

  private Object route(String path, String rawQuery) throws Failure, IOException {
    Map<String, String> params = params(rawQuery);
    switch (path) {
      case "/api/search":
        return search(params);
      case "/api/stories":
        return stories(params);
      case "/api/feeds":
        return Map.of(
            "items",
            api.feeds().stream().map(f -> StoryJson.feed(f.subscription(), f.state())).toList());
      case "/api/stats":
        return StoryJson.stats(api.stats());
      default:
        if (path.startsWith(STORY_PREFIX)) {
          return story(path.substring(STORY_PREFIX.length()), params);
        }
        throw new Failure(404, "no such API path: " + path);
    }
  }

  private Object search(Map<String, String> params) throws Failure, IOException {
    String q = query(params);
    if (q == null) {
      throw new Failure(400, "q is required");
    }
    Page page = page(params);
    List<SearchHit> hits = api.search(q, since(params), page.offset + page.limit);
    return list(page, hits.stream().skip(page.offset).map(StoryJson::hit).toList());
  }

  private Object stories(Map<String, String> params) throws Failure, IOException {
    Page page = page(params);
    List<Story> found = stories.stories(query(params), since(params), page.offset + page.limit);
    return list(page, found.stream().skip(page.offset).map(StoryJson::story).toList());
  }

  private Object story(String id, Map<String, String> params) throws Failure, IOException {
    if (!id.matches("[0-9A-Za-z_-]{1,64}")) {
      throw new Failure(404, "no such story");
    }
    Optional<Story> story = lookup.story(id);
    if (story.isEmpty()) {
      throw new Failure(404, "no such story: " + id);
    }
    Map<String, Object> json = StoryJson.story(story.get());
    if ("true".equals(params.get("explain"))) {
      Optional<StoryExplanation> why = lookup.explain(id);
      why.ifPresent(
          e -> json.put("explain", e.members().stream().map(StoryJson::explanation).toList()));
    }
    return json;
  }

  private record Page(int limit, int offset) {}

  private Page page(Map<String, String> params) throws Failure {
    int limit =
        params.containsKey("limit")
            ? number(params.get("limit"), "limit", 1, settings.maxLimit())
            : settings.defaultLimit();
    int offset =
        params.containsKey("offset") ? number(params.get("offset"), "offset", 0, MAX_OFFSET) : 0;
    return new Page(limit, offset);
  }

  private static Map<String, Object> list(Page page, List<Map<String, Object>> items) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("items", items);
    m.put("limit", page.limit);
    m.put("offset", page.offset);
    return m;
  }

  private static int number(String value, String name, int min, int max) throws Failure {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new Failure(400, name + " must be a whole number from " + min + " to " + max);
  }

  private static String query(Map<String, String> params) throws Failure {
    String q = params.get("q");
    if (q == null || q.isBlank()) {
      return null;
    }
    q = q.strip();
    if (q.length() > FeedQuery.MAX_QUERY_CHARS) {
      throw new Failure(400, "q is longer than " + FeedQuery.MAX_QUERY_CHARS + " characters");
    }
    return q;
  }

  private Instant since(Map<String, String> params) throws Failure {
    if (!params.containsKey("since")) {
      return null;
    }
    try {
      return FeedQuery.since(params.get("since"), clock.instant());
    } catch (FeedQuery.BadQuery e) {
      throw new Failure(400, e.getMessage());
    }
  }

  private static Map<String, String> params(String raw) throws Failure {
    try {
      return FeedQuery.params(raw);
    } catch (FeedQuery.BadQuery e) {
      throw new Failure(400, e.getMessage());
    }
  }

  /** Returns {@code {"error": message, "status": status}} with that status. */
  static Reply error(int status, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    m.put("status", status);
    Map<String, String> headers =
        status == 503 ? Map.of("Retry-After", "30") : Map.<String, String>of();
    return new Reply(status, "application/json", JsonFeedRenderer.bytes(m), headers, false);
  }
}
