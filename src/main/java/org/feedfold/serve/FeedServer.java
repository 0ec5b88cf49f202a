package org.feedfold.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.feedfold.index.StoryExplanation;
import org.feedfold.model.Story;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the merged story feed over HTTP with the JDK's {@link HttpServer}.
 *
 * <p>Routes: {@code /feed.atom} (RFC 4287), {@code /feed.rss} (RSS 2.0), {@code /feed.json} (JSON
 * Feed 1.1), each taking {@code ?q=}, {@code ?since=} (ISO-8601 instant or date, or a duration such
 * as {@code 24h}, {@code 7d}) and {@code ?limit=} (capped at {@link ServeSettings#maxLimit()}); and
 * {@code /healthz}. Feeds carry a strong {@code ETag} (a body hash) and {@code Last-Modified} (the
 * newest story's update) and answer {@code If-None-Match}/{@code If-Modified-Since} with 304. GET
 * and HEAD only; bad parameters get 400, unknown paths 404, a failing {@link StorySource} 503.
 *
 * <p>Requests run on a bounded pool of {@value #THREADS} named threads with a queue of {@value
 * #QUEUE}; when both are full the accepting thread runs the request itself, which slows accepting
 * instead of dropping connections. Thread-safe; {@link #start()} once, {@link #close()} once.
 */
@SuppressForbidden(reason = "com.sun.net.httpserver is the exported jdk.httpserver API")
public final class FeedServer implements Closeable {
  static final int THREADS = 4;
  static final int QUEUE = 64;

  /** How long {@link #close()} waits for in-flight requests. */
  static final long GRACE_MILLIS = 5_000;

  private static final Logger LOG = LoggerFactory.getLogger(FeedServer.class);
  private static final Map<String, Route> FEEDS =
      Map.of(
          "/feed.atom", new Route("feed.atom", AtomRenderer.MEDIA_TYPE, AtomRenderer::render),
          "/feed.rss", new Route("feed.rss", RssRenderer.MEDIA_TYPE, RssRenderer::render),
          "/feed.json",
              new Route("feed.json", JsonFeedRenderer.MEDIA_TYPE, JsonFeedRenderer::render));

  private static final String STORY_PREFIX = "/stories/";

  private record Route(String selfPath, String mediaType, Function<FeedView, byte[]> renderer) {}

  private final ServeSettings settings;
  private final StorySource source;
  private final StoryLookup lookup;
  private final InstantSource clock;
  private final Object lock = new Object();
  private int inFlight;
  private boolean closing;
  private HttpServer server;
  private ThreadPoolExecutor executor;

  /** Creates a server without the story API; nothing is bound until {@link #start()}. */
  public FeedServer(ServeSettings settings, StorySource source, InstantSource clock) {
    this(settings, source, StoryLookup.NONE, clock);
  }

  /**
   * Creates a server that also answers {@code /stories/ID.json} from {@code lookup}; nothing is
   * bound until {@link #start()}.
   */
  public FeedServer(
      ServeSettings settings, StorySource source, StoryLookup lookup, InstantSource clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.source = Objects.requireNonNull(source, "source");
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Binds {@code http.bind:http.port} and starts serving.
   *
   * @throws IOException when the address cannot be bound
   * @throws IllegalStateException when already started
   */
  public void start() throws IOException {
    synchronized (lock) {
      if (server != null) {
        throw new IllegalStateException("already started");
      }
      HttpServer s =
          HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), QUEUE);
      s.createContext("/", this::handle);
      executor =
          new ThreadPoolExecutor(
              THREADS,
              THREADS,
              60,
              TimeUnit.SECONDS,
              new ArrayBlockingQueue<>(QUEUE),
              namedThreads(),
              new ThreadPoolExecutor.CallerRunsPolicy());
      s.setExecutor(executor);
      s.start();
      server = s;
      LOG.info("serving feeds at {}", address());
    }
  }

  /** Returns the bound address as {@code http://host:port/}; valid after {@link #start()}. */
  public URI address() {
    synchronized (lock) {
      if (server == null) {
        throw new IllegalStateException("not started");
      }
      InetSocketAddress a = server.getAddress();
      String host = a.getAddress().getHostAddress();
      if (host.contains(":")) {
        host = "[" + host + "]";
      }
      try {
        return new URI("http://" + host + ":" + a.getPort() + "/");
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Stops gracefully: new requests get 503, in-flight ones get up to {@value #GRACE_MILLIS} ms to
   * finish, then the socket and the worker pool close. Idempotent.
   */
  @Override
  public void close() {
    HttpServer s;
    synchronized (lock) {
      if (server == null || closing) {
        closing = true;
        return;
      }
      closing = true;
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
      while (inFlight > 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          LOG.warn("closing with {} requests still running", inFlight);
          break;
        }
        try {
          lock.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      s = server;
    }
    s.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) {
    boolean refuse;
    synchronized (lock) {
      refuse = closing;
      if (!refuse) {
        inFlight++;
      }
    }
    if (refuse) {
      exchange.getResponseHeaders().set("Connection", "close");
      respond(exchange, 503, "text/plain; charset=utf-8", text("shutting down"));
      return;
    }
    try {
      route(exchange);
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      respond(exchange, 500, "text/plain; charset=utf-8", text("internal error"));
    } finally {
      synchronized (lock) {
        inFlight--;
        lock.notifyAll();
      }
    }
  }

  private void route(HttpExchange exchange) {
    String path = exchange.getRequestURI().getRawPath();
    Route feed = FEEDS.get(path);
    boolean story = path.startsWith(STORY_PREFIX) && path.endsWith(".json");
    boolean river = "/".equals(path);
    if (feed == null && !story && !river && !"/healthz".equals(path)) {
      respond(exchange, 404, "text/plain; charset=utf-8", text("no such path: " + path));
      return;
    }
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      respond(exchange, 405, "text/plain; charset=utf-8", text(method + " not allowed"));
      return;
    }
    if (story) {
      serveStory(exchange, path.substring(STORY_PREFIX.length(), path.length() - ".json".length()));
      return;
    }
    if (river) {
      serveRiver(exchange);
      return;
    }
    if (feed == null) {
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      respond(exchange, 200, "text/plain; charset=utf-8", text("ok"));
      return;
    }
    serveFeed(exchange, feed);
  }

  private void serveFeed(HttpExchange exchange, Route feed) {
    FeedQuery query;
    try {
      query =
          FeedQuery.parse(
              exchange.getRequestURI().getRawQuery(),
              clock.instant(),
              settings.defaultLimit(),
              settings.maxLimit());
    } catch (FeedQuery.BadQuery e) {
      respond(exchange, 400, "text/plain; charset=utf-8", text("bad request: " + e.getMessage()));
      return;
    }
    List<Story> stories;
    try {
      stories = source.stories(query.query(), query.since(), query.limit());
    } catch (IOException e) {
      LOG.error("story source failed", e);
      exchange.getResponseHeaders().set("Retry-After", "30");
      respond(exchange, 503, "text/plain; charset=utf-8", text("stories unavailable"));
      return;
    }
    // Guard against a source returning more than asked.
    List<Story> limited =
        stories.size() > query.limit() ? stories.subList(0, query.limit()) : stories;
    FeedView view = FeedView.of(settings.title(), base(), feed.selfPath(), limited);
    byte[] body = feed.renderer().apply(view);
    String etag = Conditional.etag(body);
    Headers h = exchange.getResponseHeaders();
    h.set("ETag", etag);
    h.set("Last-Modified", Conditional.httpDate(view.updated()));
    // Readers must revalidate, which costs them a 304 at most.
    h.set("Cache-Control", "no-cache");
    Headers req = exchange.getRequestHeaders();
    if (Conditional.notModified(
        req.getFirst("If-None-Match"), req.getFirst("If-Modified-Since"), etag, view.updated())) {
      respond(exchange, 304, null, null);
      return;
    }
    respond(exchange, 200, feed.mediaType(), body);
  }

  /**
   * Answers {@code /}: the story river, with the same {@code ?q=}, {@code ?since=}, {@code
   * ?limit=}.
   */
  private void serveRiver(HttpExchange exchange) {
    String raw = exchange.getRequestURI().getRawQuery();
    String text = null;
    String error = null;
    List<Story> stories = List.of();
    try {
      FeedQuery query =
          FeedQuery.parse(raw, clock.instant(), settings.defaultLimit(), settings.maxLimit());
      text = query.query();
      stories = source.stories(query.query(), query.since(), query.limit());
    } catch (FeedQuery.BadQuery e) {
      error = e.getMessage();
    } catch (IOException e) {
      LOG.error("story source failed", e);
      error = "stories unavailable; try again shortly";
    }
    Headers h = exchange.getResponseHeaders();
    h.set("Cache-Control", "no-cache");
    h.set("Content-Security-Policy", RiverPage.CONTENT_SECURITY_POLICY);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    byte[] body = RiverPage.render(settings.title(), text, error, stories, clock.instant());
    respond(exchange, error == null ? 200 : 400, RiverPage.MEDIA_TYPE, body);
  }

  /** Answers {@code /stories/ID.json}: the story as {@code story ID --json --explain} prints it. */
  private void serveStory(HttpExchange exchange, String id) {
    if (!id.matches("[0-9A-Za-z_-]{1,64}")) {
      respond(exchange, 404, "text/plain; charset=utf-8", text("no such story"));
      return;
    }
    Map<String, Object> json;
    try {
      Optional<Story> story = lookup.story(id);
      if (story.isEmpty()) {
        respond(exchange, 404, "text/plain; charset=utf-8", text("no such story: " + id));
        return;
      }
      json = StoryJson.story(story.get());
      Optional<StoryExplanation> why = lookup.explain(id);
      why.ifPresent(
          e -> json.put("explain", e.members().stream().map(StoryJson::explanation).toList()));
    } catch (IOException e) {
      LOG.error("story lookup failed", e);
      exchange.getResponseHeaders().set("Retry-After", "30");
      respond(exchange, 503, "text/plain; charset=utf-8", text("stories unavailable"));
      return;
    }
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    respond(exchange, 200, "application/json", JsonFeedRenderer.bytes(json));
  }

  private URI base() {
    URI b = settings.publicBase() == null ? address() : settings.publicBase();
    String s = b.toString();
    return s.endsWith("/") ? b : URI.create(s + "/");
  }

  /** Sends a response and closes the exchange; a client gone away is logged, not thrown. */
  private static void respond(HttpExchange exchange, int status, String type, byte[] body) {
    try (exchange) {
      if (type != null) {
        exchange.getResponseHeaders().set("Content-Type", type);
      }
      boolean head = exchange.getRequestMethod().equals("HEAD");
      if (body == null || status == 304) {
        exchange.sendResponseHeaders(status, -1);
      } else if (head) {
        exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
        exchange.sendResponseHeaders(status, -1);
      } else {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      LOG.debug("client went away during {}", exchange.getRequestURI(), e);
    }
  }

  private static byte[] text(String message) {
    return (message + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static ThreadFactory namedThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "feedfold-http-" + n.incrementAndGet());
      t.setDaemon(false);
      return t;
    };
  }
}
