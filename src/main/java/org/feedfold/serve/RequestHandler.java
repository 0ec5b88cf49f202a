package org.feedfold.serve;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.feedfold.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes decoded requests off the event loop: refuses what is malformed, not GET/HEAD (POST only on
 * the loopback control path {@code /api/fetch}), not allowed or unknown right there, answers {@code
 * /healthz} there too, and hands the rest to the bounded request pool ({@code 503} when it is
 * full). Writes each reply with the security headers, in request order, and keeps the connection
 * alive when the client asked to.
 *
 * <p>One instance per connection; all methods run on its event loop. While a request is being
 * answered the connection reads nothing more, so pipelined requests wait in a queue of at most
 * {@value #MAX_PIPELINED}; beyond it the connection is closed.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
  static final int MAX_PIPELINED = 16;
  static final String METRICS = "/metrics";

  /**
   * Is what every connection's handler shares.
   *
   * @param server counts in-flight requests and says when it is closing
   * @param routes answers checked requests
   * @param api answers checked requests under {@code /api/}
   * @param health answers {@code /healthz}
   * @param cache keeps rendered feed pages
   * @param workers the bounded request pool
   * @param token the bearer token check, or {@code null} for none
   * @param clock for the {@code Date} header
   * @param control answers {@code POST /api/fetch}
   * @param push takes WebSub callbacks under {@code /websub/}, or {@code null} for none
   */
  record Shared(
      FeedServer server,
      Routes routes,
      ApiRoutes api,
      HealthCheck health,
      RenderCache cache,
      Executor workers,
      BearerToken token,
      InstantSource clock,
      ControlRoute control,
      PushReceiver push) {}

  /** What is kept of a request once its buffers are released. */
  private record Incoming(
      String method,
      String uri,
      boolean keepAlive,
      boolean http10,
      String ifNoneMatch,
      String ifModifiedSince,
      String authorization,
      String acceptEncoding,
      Throwable failure,
      byte[] body,
      String contentType,
      String signature) {

    static Incoming of(FullHttpRequest r) {
      HttpHeaders h = r.headers();
      // Only a WebSub push keeps its body (the aggregator lets larger ones through, PushBodyLimit).
      boolean push = r.method().name().equals("POST") && r.uri().startsWith(PushReceiver.PREFIX);
      return new Incoming(
          r.method().name(),
          r.uri(),
          HttpUtil.isKeepAlive(r),
          r.protocolVersion().equals(HttpVersion.HTTP_1_0),
          h.get(HttpHeaderNames.IF_NONE_MATCH),
          h.get(HttpHeaderNames.IF_MODIFIED_SINCE),
          h.get(HttpHeaderNames.AUTHORIZATION),
          h.get(HttpHeaderNames.ACCEPT_ENCODING),
          r.decoderResult().isFailure() ? r.decoderResult().cause() : null,
          push ? ByteBufUtil.getBytes(r.content()) : null,
          push ? h.get(HttpHeaderNames.CONTENT_TYPE) : null,
          push ? h.get("X-Hub-Signature") : null);
    }

    boolean head() {
      return method.equals("HEAD");
    }
  }

  private final Shared shared;
  private final Deadlines deadlines;
  private final ArrayDeque<Incoming> pending = new ArrayDeque<>();
  private boolean busy;

  RequestHandler(Shared shared, Deadlines deadlines) {
    this.shared = shared;
    this.deadlines = deadlines;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    Incoming in;
    try {
      in = Incoming.of(request);
    } finally {
      request.release();
    }
    deadlines.requestReceived();
    ctx.channel().config().setAutoRead(false);
    if (pending.size() >= MAX_PIPELINED) {
      LOG.debug("closing {}: too many pipelined requests", ctx.channel().remoteAddress());
      ctx.close();
      return;
    }
    pending.add(in);
    if (!busy) {
      next(ctx);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    pending.clear();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      LOG.debug("connection {} failed", ctx.channel().remoteAddress(), cause);
    } else {
      LOG.warn("connection {} failed", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }

  /** Answers the next queued request, or starts waiting for one. */
  private void next(ChannelHandlerContext ctx) {
    Incoming in = pending.poll();
    if (in == null) {
      busy = false;
      deadlines.awaitNext();
      ctx.channel().config().setAutoRead(true);
      return;
    }
    busy = true;
    Reply refusal = malformedOrNotAllowed(in);
    RequestTarget target = null;
    if (refusal == null) {
      try {
        target = RequestTarget.parse(in.uri());
        refusal = controlRefusal(ctx, in, target);
        if (refusal == null) {
          refusal = forbiddenOrUnknown(in, target);
        }
      } catch (RequestTarget.Refused e) {
        refusal = Reply.text(e.status, e.getMessage());
      }
    }
    if (refusal != null) {
      write(ctx, in, refusal, false);
    } else if (shared.server().isClosing()) {
      write(ctx, in, Reply.text(503, "shutting down").closing(), false);
    } else if (Routes.HEALTH.equals(target.path())) {
      write(ctx, in, shared.health().answer(shared.workers()), false);
    } else if (shared.push() != null && target.path().startsWith(PushReceiver.PREFIX)) {
      dispatchPush(ctx, in, target);
    } else {
      dispatch(ctx, in, target);
    }
  }

  private void dispatch(ChannelHandlerContext ctx, Incoming in, RequestTarget target) {
    if (!shared.server().begin()) {
      write(ctx, in, Reply.text(503, "shutting down").closing(), false);
      return;
    }
    Routes.Request request =
        new Routes.Request(in.method(), target, in.ifNoneMatch(), in.ifModifiedSince());
    boolean control = ControlRoute.PATH.equals(target.path());
    try {
      shared
          .workers()
          .execute(
              () -> {
                Reply reply;
                try {
                  if (control) {
                    reply = shared.control().answer(target);
                  } else if (ApiRoutes.exists(target.path())) {
                    reply = Compression.apply(shared.api().answer(request), in.acceptEncoding());
                  } else if (METRICS.equals(target.path())) {
                    reply = Compression.apply(metrics(), in.acceptEncoding());
                  } else if (Routes.isFeed(target.path())) {
                    reply =
                        shared
                            .cache()
                            .answer(request, in.acceptEncoding(), shared.routes()::answer);
                  } else {
                    reply = Compression.apply(shared.routes().answer(request), in.acceptEncoding());
                  }
                } catch (RuntimeException e) {
                  LOG.error("{} {} failed", in.method(), target.path(), e);
                  reply =
                      ApiRoutes.exists(target.path())
                          ? ApiRoutes.error(500, "internal error")
                          : Reply.text(500, "internal error");
                }
                Reply done = reply;
                try {
                  ctx.executor().execute(() -> write(ctx, in, done, true));
                } catch (RejectedExecutionException e) {
                  // The event loop is gone (forced shutdown): nothing to write to.
                  shared.server().end();
                }
              });
    } catch (RejectedExecutionException e) {
      shared.server().end();
      LOG.debug("request pool full; answering 503");
      write(ctx, in, Reply.text(503, "busy, try again shortly", Map.of("Retry-After", "5")), false);
    }
  }

  /** Answers a WebSub callback on the request pool (see {@link PushReceiver}). */
  private void dispatchPush(ChannelHandlerContext ctx, Incoming in, RequestTarget target) {
    if (!shared.server().begin()) {
      write(ctx, in, Reply.text(503, "shutting down").closing(), false);
      return;
    }
    String id = target.path().substring(PushReceiver.PREFIX.length());
    try {
      shared
          .workers()
          .execute(
              () -> {
                Reply reply;
                try {
                  reply = pushReply(in, id, target);
                } catch (IOException | RuntimeException e) {
                  LOG.error("{} {} failed", in.method(), target.path(), e);
                  reply = Reply.text(503, "cannot store the push now");
                }
                Reply done = reply;
                try {
                  ctx.executor().execute(() -> write(ctx, in, done, true));
                } catch (RejectedExecutionException e) {
                  shared.server().end();
                }
              });
    } catch (RejectedExecutionException e) {
      shared.server().end();
      write(ctx, in, Reply.text(503, "busy, try again shortly", Map.of("Retry-After", "5")), false);
    }
  }

  private Reply pushReply(Incoming in, String id, RequestTarget target) throws IOException {
    if (in.method().equals("POST")) {
      boolean known = shared.push().deliver(id, in.body(), in.contentType(), in.signature());
      return known ? Reply.text(202, "accepted") : Reply.text(410, "no such subscription");
    }
    Map<String, List<String>> q =
        new QueryStringDecoder(target.rawQuery() == null ? "" : target.rawQuery(), false)
            .parameters();
    String challenge =
        shared
            .push()
            .verify(
                id,
                first(q, "hub.mode"),
                first(q, "hub.topic"),
                first(q, "hub.challenge"),
                first(q, "hub.lease_seconds"));
    if (challenge == null) {
      return Reply.text(404, "no such subscription");
    }
    return new Reply(
        200,
        "text/plain; charset=utf-8",
        challenge.getBytes(StandardCharsets.UTF_8),
        Map.of("Cache-Control", "no-store"),
        false);
  }

  private static String first(Map<String, List<String>> q, String name) {
    List<String> v = q.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Answers {@code /metrics}: every metric in the Prometheus text format. */
  private static Reply metrics() {
    return new Reply(
        200, Metrics.contentType(), Metrics.scrape(), Map.of("Cache-Control", "no-store"), false);
  }

  /**
   * Refuses POST but on {@link ControlRoute#PATH} and WebSub callbacks, any other method on the
   * control path, and a peer that is not on this machine there: the control path fetches on demand,
   * which nobody else may ask for (issue 10).
   */
  private static Reply controlRefusal(
      ChannelHandlerContext ctx, Incoming in, RequestTarget target) {
    boolean post = in.method().equals("POST");
    if (target.path().startsWith(PushReceiver.PREFIX)) {
      // WebSub verification (GET) and content distribution (POST, §7); 404 later when push is off.
      return null;
    }
    if (!ControlRoute.PATH.equals(target.path())) {
      return post ? Reply.text(405, "POST not allowed", Map.of("Allow", "GET, HEAD")) : null;
    }
    if (!post) {
      String m = in.method().length() > 20 ? in.method().substring(0, 20) : in.method();
      return Reply.text(405, m + " not allowed", Map.of("Allow", "POST"));
    }
    if (!(ctx.channel().remoteAddress() instanceof InetSocketAddress peer)
        || peer.getAddress() == null
        || !peer.getAddress().isLoopbackAddress()) {
      return Reply.text(403, ControlRoute.PATH + " answers only the local machine");
    }
    return null;
  }

  /** Refuses what the codec could not decode and every method but GET, HEAD and POST. */
  private static Reply malformedOrNotAllowed(Incoming in) {
    Throwable f = in.failure();
    if (f != null) {
      LOG.debug("malformed request: {}", f.toString());
      if (f instanceof TooLongHttpLineException) {
        return Reply.text(414, "request line is longer than " + FeedServer.MAX_LINE + " bytes")
            .closing();
      }
      if (f instanceof TooLongHttpHeaderException) {
        return Reply.text(431, "headers are larger than " + FeedServer.MAX_HEADERS + " bytes")
            .closing();
      }
      if (f instanceof TooLongFrameException) {
        return Reply.text(413, "request is too large").closing();
      }
      return Reply.text(400, "bad request: malformed HTTP").closing();
    }
    if (!in.method().equals("GET") && !in.head() && !in.method().equals("POST")) {
      String m = in.method().length() > 20 ? in.method().substring(0, 20) : in.method();
      return Reply.text(405, m + " not allowed", Map.of("Allow", "GET, HEAD"));
    }
    return null;
  }

  /** Refuses a request without the token (but {@code /healthz}) and unknown paths. */
  private Reply forbiddenOrUnknown(Incoming in, RequestTarget target) {
    if (shared.push() != null && target.path().startsWith(PushReceiver.PREFIX)) {
      // Hubs cannot send the bearer token; the random ID and the signature guard these paths.
      return null;
    }
    if (shared.token() != null
        && !Routes.HEALTH.equals(target.path())
        && !shared.token().accepts(in.authorization())) {
      // RFC 6750 §3: say which scheme, and whether a token was sent but wrong.
      String challenge =
          BearerToken.presented(in.authorization()) == null
              ? "Bearer realm=\"feedfold\""
              : "Bearer realm=\"feedfold\", error=\"invalid_token\"";
      return Reply.text(401, "a bearer token is required", Map.of("WWW-Authenticate", challenge));
    }
    if (!Routes.exists(target.path())
        && !ApiRoutes.exists(target.path())
        && !METRICS.equals(target.path())
        && !ControlRoute.PATH.equals(target.path())) {
      return Reply.text(404, "no such path: " + target.path());
    }
    return null;
  }

  /** Writes a reply; then ends the in-flight count, and closes or answers the next request. */
  private void write(ChannelHandlerContext ctx, Incoming in, Reply reply, boolean counted) {
    byte[] body = reply.body();
    ByteBuf content =
        body == null || in.head() ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()), content);
    HttpHeaders h = res.headers();
    if (reply.mediaType() != null) {
      h.set(HttpHeaderNames.CONTENT_TYPE, reply.mediaType());
    }
    SecurityHeaders.forMediaType(reply.mediaType()).forEach(h::set);
    // After the defaults, so a page may narrow its own Content-Security-Policy.
    reply.headers().forEach(h::set);
    h.set(HttpHeaderNames.DATE, Conditional.httpDate(shared.clock().instant()));
    if (reply.status() != 304) {
      h.setInt(HttpHeaderNames.CONTENT_LENGTH, body == null ? 0 : body.length);
    }
    boolean keepAlive = in.keepAlive() && !reply.close() && !shared.server().isClosing();
    if (!keepAlive) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (in.http10()) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    deadlines.responding();
    ctx.writeAndFlush(res)
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (counted) {
                    shared.server().end();
                  }
                  if (!keepAlive || !f.isSuccess()) {
                    ctx.close();
                  } else {
                    next(ctx);
                  }
                });
  }
}
