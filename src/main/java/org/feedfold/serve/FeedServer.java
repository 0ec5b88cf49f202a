package org.feedfold.serve;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the merged story feed over HTTP/1.1 with Netty.
 *
 * <p>Routes: {@code /feed.atom} (RFC 4287), {@code /feed.rss} (RSS 2.0), {@code /feed.json} (JSON
 * Feed 1.1), each taking {@code ?q=}, {@code ?since=} (ISO-8601 instant or date, or a duration such
 * as {@code 24h}, {@code 7d}) and {@code ?limit=} (capped at {@link ServeSettings#maxLimit()});
 * {@code /stories/ID.json}; the JSON API under {@code /api/} ({@link ApiRoutes}); and {@code
 * /healthz} (503 when fetching has stalled, see {@link HealthCheck}); and {@code /metrics}
 * (Prometheus text format, see {@link org.feedfold.metrics.Metrics}). Feeds carry a strong {@code
 * ETag} (a body hash) and {@code Last-Modified} (the newest story's update) and answer {@code
 * If-None-Match}/{@code If-Modified-Since} with 304. GET and HEAD only (405 otherwise), but for
 * {@code POST /api/fetch} from a loopback peer ({@link FetchControl}, 403 from elsewhere); a
 * malformed query or parameter gets 400, unknown paths 404, a failing {@link StorySource} 503. With
 * {@code http.token} set, every request but {@code /healthz} needs {@code Authorization: Bearer
 * TOKEN} (401 otherwise).
 *
 * <p>Why it holds up against slow or greedy clients: requests are parsed on {@value #IO_THREADS}
 * event-loop threads without blocking, so a client that trickles its headers holds no thread; the
 * request line is capped at {@value #MAX_LINE} bytes (414), headers at {@value #MAX_HEADERS} (431),
 * bodies at {@value #MAX_BODY} (413); {@link Deadlines} closes connections that do not send a
 * request in time; {@link ConnectionLimiter} caps connections per client address and in all. Index
 * reads and rendering run on {@code http.threads} named threads with a queue of {@code http.queue}
 * (503 with {@code Retry-After} when full); {@code /healthz} is answered on the event loop.
 *
 * <p>Thread-safe; {@link #start()} once, {@link #close()} once.
 */
public final class FeedServer implements Closeable {
  static final int IO_THREADS = 2;
  static final int MAX_LINE = 8 * 1024;
  static final int MAX_HEADERS = 16 * 1024;
  static final int MAX_BODY = 4 * 1024;

  /** How long {@link #close()} waits for in-flight requests. */
  static final long GRACE_MILLIS = 5_000;

  private static final Logger LOG = LoggerFactory.getLogger(FeedServer.class);

  private final ServeSettings settings;
  private final StorySource source;
  private final StoryLookup lookup;
  private final ApiSource api;
  private final FetchControl control;
  private final InstantSource clock;
  private final Object lock = new Object();
  private int inFlight;
  private boolean closing;
  private Channel listener;
  private EventLoopGroup loops;
  private ChannelGroup connections;
  private ThreadPoolExecutor workers;
  private ScheduledThreadPoolExecutor websub;
  private ThreadPoolExecutor warming;
  private Runnable stopWarming = () -> {};
  private volatile PushReceiver push;
  private volatile BooleanSupplier pingWhile = () -> true;

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
    this(settings, source, lookup, ApiSource.NONE, FetchControl.NONE, clock);
  }

  /**
   * Creates a server that also answers the JSON API under {@code /api/} from {@code api}; nothing
   * is bound until {@link #start()}.
   */
  public FeedServer(
      ServeSettings settings,
      StorySource source,
      StoryLookup lookup,
      ApiSource api,
      InstantSource clock) {
    this(settings, source, lookup, api, FetchControl.NONE, clock);
  }

  /**
   * Creates a server that also answers {@code /stories/ID.json} from {@code lookup} and {@code POST
   * /api/fetch} (from this machine only) with {@code control}; nothing is bound until {@link
   * #start()}.
   */
  public FeedServer(
      ServeSettings settings,
      StorySource source,
      StoryLookup lookup,
      FetchControl control,
      InstantSource clock) {
    this(settings, source, lookup, ApiSource.NONE, control, clock);
  }

  /**
   * Creates a server answering the JSON API from {@code api} and {@code POST /api/fetch} (from this
   * machine only) with {@code control}; nothing is bound until {@link #start()}.
   */
  public FeedServer(
      ServeSettings settings,
      StorySource source,
      StoryLookup lookup,
      ApiSource api,
      FetchControl control,
      InstantSource clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.source = Objects.requireNonNull(source, "source");
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.api = Objects.requireNonNull(api, "api");
    this.control = Objects.requireNonNull(control, "control");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Answers WebSub callbacks under {@code /websub/} with {@code receiver}, without the bearer
   * token; call before {@link #start()}.
   */
  public void push(PushReceiver receiver) {
    this.push = Objects.requireNonNull(receiver, "receiver");
  }

  /**
   * Pings {@code serve.websub-hub} only while {@code leads} says so: several daemons serving one
   * shared store have one leader tell the hub, not each of them (issue 13); call before {@link
   * #start()}.
   */
  public void pingOnlyWhile(BooleanSupplier leads) {
    this.pingWhile = Objects.requireNonNull(leads, "leads");
  }

  /**
   * Binds {@code http.bind:http.port} and starts serving.
   *
   * @throws IOException when the address cannot be resolved or bound
   * @throws IllegalStateException when already started
   */
  public void start() throws IOException {
    synchronized (lock) {
      if (listener != null) {
        throw new IllegalStateException("already started");
      }
      InetSocketAddress address = new InetSocketAddress(settings.bind(), settings.port());
      if (address.isUnresolved()) {
        throw new IOException("http.bind: cannot resolve '" + settings.bind() + "'");
      }
      ServeSettings.Limits limits = settings.limits();
      workers =
          new ThreadPoolExecutor(
              limits.threads(),
              limits.threads(),
              60,
              TimeUnit.SECONDS,
              new ArrayBlockingQueue<>(limits.queue()),
              namedThreads(),
              new ThreadPoolExecutor.AbortPolicy());
      loops = new NioEventLoopGroup(IO_THREADS, new DefaultThreadFactory("feedfold-http-io"));
      connections = new DefaultChannelGroup("feedfold-http", ImmediateEventExecutor.INSTANCE);
      Routes routes = new Routes(settings, source, lookup, clock, this::address);
      RenderCache cache = new RenderCache(api::generation, clock);
      RequestHandler.Shared shared =
          new RequestHandler.Shared(
              this,
              routes,
              new ApiRoutes(settings, source, lookup, api, clock),
              new HealthCheck(api, clock),
              cache,
              workers,
              settings.token().isEmpty() ? null : new BearerToken(settings.token()),
              clock,
              new ControlRoute(control),
              push);
      PushReceiver receiver = push;
      ConnectionLimiter.Counts counts = new ConnectionLimiter.Counts(limits);
      HttpDecoderConfig decoding =
          new HttpDecoderConfig()
              .setMaxInitialLineLength(MAX_LINE)
              .setMaxHeaderSize(MAX_HEADERS)
              .setMaxChunkSize(MAX_BODY);
      ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(loops)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 256)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      connections.add(ch);
                      Deadlines deadlines =
                          new Deadlines(limits.headerTimeout(), limits.idleTimeout());
                      ch.pipeline()
                          .addLast("limit", new ConnectionLimiter(counts))
                          .addLast("deadlines", deadlines)
                          .addLast("codec", new HttpServerCodec(decoding))
                          .addLast(
                              "push-limit",
                              new PushBodyLimit(
                                  MAX_BODY, receiver == null ? MAX_BODY : receiver.maxBody()))
                          .addLast("aggregate", new HttpObjectAggregator(MAX_BODY))
                          .addLast("requests", new RequestHandler(shared, deadlines));
                    }
                  });
      ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
      if (!bound.isSuccess()) {
        shutDown();
        Throwable cause = bound.cause();
        throw new IOException(
            "cannot listen on " + settings.bind() + ":" + settings.port() + ": " + cause, cause);
      }
      listener = bound.channel();
      if (settings.websubHub() != null) {
        startWebSub();
      }
      startWarming(cache, routes);
    }
    LOG.info("serving feeds at {}", address());
  }

  /** Returns the bound address as {@code http://host:port/}; valid after {@link #start()}. */
  public URI address() {
    InetSocketAddress a;
    synchronized (lock) {
      if (listener == null) {
        throw new IllegalStateException("not started");
      }
      a = (InetSocketAddress) listener.localAddress();
    }
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

  /**
   * Stops gracefully: new requests get 503, in-flight ones get up to {@value #GRACE_MILLIS} ms to
   * finish, then the listening socket, every connection, the event loops and the request pool
   * close. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (listener == null || closing) {
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
    }
    listener.close().awaitUninterruptibly(GRACE_MILLIS);
    shutDown();
  }

  /**
   * Renders the feeds' first pages for each new generation on one background thread ({@link
   * RenderCache#warm}), so the first reader after a commit finds the page kept. A generation told
   * while a warm runs waits as the one queued task; more are dropped, since that task warms the
   * latest generation anyway. Never blocks the writer that tells it.
   */
  private void startWarming(RenderCache cache, Routes routes) {
    warming =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1),
            new DefaultThreadFactory("feedfold-render-warm", true),
            new ThreadPoolExecutor.DiscardPolicy());
    ThreadPoolExecutor pool = warming;
    Runnable warm =
        () -> {
          try {
            cache.warm(routes::answer);
          } catch (RuntimeException e) {
            LOG.warn("rendering the feeds for a new generation failed", e);
          }
        };
    stopWarming =
        api.onGeneration(
            () -> {
              if (!pool.isShutdown()) {
                pool.execute(warm);
              }
            });
  }

  /** Pings {@code serve.websub-hub} when the index changes; see {@link WebSubPinger}. */
  private void startWebSub() {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(WebSubPinger.TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    WebSubPinger pinger =
        new WebSubPinger(settings.websubHub(), api::generation, this::topics, client, pingWhile);
    websub = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("feedfold-websub", true));
    long every = WebSubPinger.EVERY.toMillis();
    websub.scheduleWithFixedDelay(pinger::checkSafely, every, every, TimeUnit.MILLISECONDS);
  }

  /** Returns the URL of every feed a hub is told about: the merged feeds and the saved ones. */
  private java.util.List<URI> topics() {
    URI b = settings.publicBase() == null ? address() : settings.publicBase();
    URI base = b.toString().endsWith("/") ? b : URI.create(b + "/");
    java.util.List<URI> out = new java.util.ArrayList<>();
    for (String ext : java.util.List.of("atom", "rss", "json")) {
      out.add(base.resolve("feed." + ext));
      for (SavedFeed f : settings.savedFeeds()) {
        out.add(base.resolve("feeds/" + f.name() + "." + ext));
      }
    }
    return out;
  }

  private void shutDown() {
    stopWarming.run();
    if (warming != null) {
      warming.shutdownNow();
    }
    if (websub != null) {
      websub.shutdownNow();
    }
    if (connections != null) {
      connections.close().awaitUninterruptibly(GRACE_MILLIS);
    }
    loops.shutdownGracefully(0, GRACE_MILLIS, TimeUnit.MILLISECONDS).awaitUninterruptibly();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Counts a request in flight; returns false (counting nothing) once closing. */
  boolean begin() {
    synchronized (lock) {
      if (closing) {
        return false;
      }
      inFlight++;
      return true;
    }
  }

  /** Ends a request counted by {@link #begin()}. */
  void end() {
    synchronized (lock) {
      inFlight--;
      lock.notifyAll();
    }
  }

  /** Returns whether {@link #close()} has been called. */
  boolean isClosing() {
    synchronized (lock) {
      return closing;
    }
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
