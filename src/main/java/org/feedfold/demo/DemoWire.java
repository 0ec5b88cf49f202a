package org.feedfold.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.feedfold.demo.Newsroom.Item;

/**
 * Serves the demo's news wire on the loopback interface: each outlet's feed at {@code
 * /SLUG/feed.xml}, {@code /SLUG/atom.xml} or {@code /SLUG/feed.json}, its home page at {@code
 * /SLUG/} and its article pages, all with a strong {@code ETag} honoured in {@code If-None-Match}.
 * What is published moves on with the clock as {@link Newsroom} describes.
 *
 * <p>Binds {@code 127.0.0.1} only. Thread-safe; {@link #close()} stops it.
 */
@SuppressForbidden(reason = "com.sun.net.httpserver is the exported jdk.httpserver API")
public final class DemoWire implements Closeable {
  /** The default length of one step of the demo's timeline. */
  public static final Duration STEP = Duration.ofSeconds(10);

  /** Is one outlet's feed, to subscribe to. */
  public record Subscription(String title, URI feed) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final Newsroom newsroom;
  private final InstantSource clock;
  private final URI base;
  private final Map<String, AtomicInteger> feedRequests = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> pageRequests = new ConcurrentHashMap<>();

  private DemoWire(
      HttpServer server, ExecutorService executor, Newsroom newsroom, InstantSource clock) {
    this.server = server;
    this.executor = executor;
    this.newsroom = newsroom;
    this.clock = clock;
    this.base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /**
   * Starts a wire on {@code 127.0.0.1:port} (0: any free port) whose timeline begins now and
   * advances one stage every {@code step}.
   *
   * @throws IOException when the port cannot be bound
   */
  public static DemoWire start(int port, Duration step, InstantSource clock) throws IOException {
    Newsroom newsroom = new Newsroom(WikinewsSample.load(), clock.instant(), step);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
    AtomicLong threads = new AtomicLong();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "feedfold-demo-wire-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    DemoWire wire = new DemoWire(server, executor, newsroom, clock);
    server.createContext("/", wire::handle);
    server.setExecutor(executor);
    server.start();
    return wire;
  }

  /** Returns the wire's base URL, {@code http://127.0.0.1:PORT/}. */
  public URI base() {
    return base;
  }

  /** Returns every outlet's feed, the late ones included (their feeds start empty). */
  public List<Subscription> subscriptions() {
    return Newsroom.OUTLETS.stream()
        .map(o -> new Subscription(o.name(), base.resolve("/" + o.slug() + "/" + o.format().file)))
        .toList();
  }

  /** Returns how many times the feed of the outlet {@code slug} was requested. */
  public int feedRequests(String slug) {
    return feedRequests.getOrDefault(slug, new AtomicInteger()).get();
  }

  /** Returns how many article pages of the outlet {@code slug} were requested. */
  public int pageRequests(String slug) {
    return pageRequests.getOrDefault(slug, new AtomicInteger()).get();
  }

  /** Returns how many updates the live story carries now. */
  public int liveVersion() {
    return newsroom.liveVersion(clock.instant());
  }

  /** Stops serving at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        send(exchange, 405, "text/plain; charset=utf-8", bytes("GET only\n"));
        return;
      }
      Instant now = clock.instant();
      String path = exchange.getRequestURI().getPath();
      for (Outlet outlet : Newsroom.OUTLETS) {
        String prefix = "/" + outlet.slug() + "/";
        if (!path.startsWith(prefix)) {
          continue;
        }
        List<Item> items = newsroom.items(outlet, now);
        String rest = path.substring(prefix.length());
        if (rest.equals(outlet.format().file)) {
          feedRequests.computeIfAbsent(outlet.slug(), k -> new AtomicInteger()).incrementAndGet();
          send(exchange, 200, outlet.format().mediaType, FeedDocuments.render(outlet, items, base));
          return;
        }
        if (rest.isEmpty()) {
          send(exchange, 200, "text/html; charset=utf-8", bytes(Pages.home(outlet, items)));
          return;
        }
        Item item = newsroom.page(outlet, path, now);
        if (item != null) {
          pageRequests.computeIfAbsent(outlet.slug(), k -> new AtomicInteger()).incrementAndGet();
          send(
              exchange, 200, "text/html; charset=utf-8", bytes(Pages.article(outlet, item, items)));
          return;
        }
      }
      send(exchange, 404, "text/plain; charset=utf-8", bytes("not found\n"));
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    String etag = '"' + digest(body) + '"';
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("ETag", etag);
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    if (status == 200 && etag.equals(ifNoneMatch)) {
      exchange.sendResponseHeaders(304, -1);
      return;
    }
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String digest(byte[] body) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
