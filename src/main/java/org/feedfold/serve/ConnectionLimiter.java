package org.feedfold.serve;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a new connection only while its client address holds fewer than {@code
 * http.max-connections-per-client} and the server fewer than {@code http.max-connections}; others
 * get one {@code 429} or {@code 503} response and are closed, without a byte of theirs read.
 *
 * <p>First in every pipeline; one instance per connection, sharing one {@link Counts}.
 */
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimiter.class);

  /** Counts open connections per client address and in all. Thread-safe. */
  static final class Counts {
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private final ConcurrentHashMap<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final int maxPerClient;
    private final int maxTotal;

    Counts(ServeSettings.Limits limits) {
      this.maxPerClient = limits.maxConnectionsPerClient();
      this.maxTotal = limits.maxConnections();
    }

    /** Counts a connection from {@code client}; returns 0 if admitted, else the status to send. */
    int admit(InetAddress client) {
      if (total.incrementAndGet() > maxTotal) {
        total.decrementAndGet();
        return 503;
      }
      boolean[] admitted = {true};
      perClient.compute(
          client,
          (k, n) -> {
            int next = n == null ? 1 : n + 1;
            if (next > maxPerClient) {
              admitted[0] = false;
              return n;
            }
            return next;
          });
      if (!admitted[0]) {
        total.decrementAndGet();
        return 429;
      }
      return 0;
    }

    /** Forgets one admitted connection from {@code client}. */
    void release(InetAddress client) {
      perClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
      total.decrementAndGet();
    }

    /** Returns whether a refusal should be logged at WARN: at most once a minute. */
    boolean warnNow() {
      long now = System.nanoTime();
      long last = lastWarning.get();
      return now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now);
    }
  }

  private static final byte[] TOO_MANY_FROM_CLIENT =
      Reply.raw(
          429, "Too Many Requests", "too many connections from your address", "Retry-After: 10");
  private static final byte[] TOO_MANY =
      Reply.raw(503, "Service Unavailable", "too many connections", "Retry-After: 10");

  private final Counts counts;
  private InetAddress admitted;

  ConnectionLimiter(Counts counts) {
    this.counts = counts;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    InetAddress client = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
    int refusal = counts.admit(client);
    if (refusal == 0) {
      admitted = client;
      ctx.fireChannelActive();
      return;
    }
    ctx.channel().config().setAutoRead(false);
    String key = refusal == 429 ? "http.max-connections-per-client" : "http.max-connections";
    if (counts.warnNow()) {
      LOG.warn(
          "refusing connections from {}: {} reached (logged once a minute)",
          client.getHostAddress(),
          key);
    } else {
      LOG.debug("refused a connection from {}: {}", client.getHostAddress(), key);
    }
    byte[] answer = refusal == 429 ? TOO_MANY_FROM_CLIENT : TOO_MANY;
    ctx.writeAndFlush(Unpooled.wrappedBuffer(answer)).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (admitted == null) {
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (admitted != null) {
      counts.release(admitted);
      admitted = null;
    }
    ctx.fireChannelInactive();
  }
}
