package org.feedfold.serve;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how long a client may take: a whole request must arrive within {@code http.header-timeout}
 * of connecting, or of its first byte after the previous response (else 408 and close); a
 * kept-alive connection with no request started within {@code http.idle-timeout} is closed. The
 * time the server itself spends answering is not counted.
 *
 * <p>Sits before the HTTP codec, so it sees raw bytes arrive. One instance per connection; all
 * methods run on the connection's event loop.
 */
final class Deadlines extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Deadlines.class);
  private static final byte[] TIMED_OUT =
      Reply.raw(408, "Request Timeout", "request not received in time");

  private enum State {
    /** A request is expected and the header timer runs. */
    AWAITING,
    /** The server is working out the answer; no timer runs. */
    BUSY,
    /** The answer is being written; the idle timer runs, for clients that do not read. */
    WRITING,
    /** Between requests on a kept-alive connection; the idle timer runs. */
    IDLE
  }

  private final long headerNanos;
  private final long idleNanos;
  private State state = State.AWAITING;
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> timer;

  Deadlines(Duration header, Duration idle) {
    this.headerNanos = header.toNanos();
    this.idleNanos = idle.toNanos();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    arm(headerNanos);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (state == State.IDLE) {
      state = State.AWAITING;
      arm(headerNanos);
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  /** Stops the clock: a whole request arrived and the server is answering it. */
  void requestReceived() {
    state = State.BUSY;
    cancel();
  }

  /** Starts the write clock: a client that does not read its answer is closed in time. */
  void responding() {
    state = State.WRITING;
    arm(idleNanos);
  }

  /** Starts the idle clock: the last response was sent and the connection stays open. */
  void awaitNext() {
    state = State.IDLE;
    arm(idleNanos);
  }

  private void arm(long nanos) {
    cancel();
    timer = ctx.executor().schedule(this::expired, nanos, TimeUnit.NANOSECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void expired() {
    timer = null;
    if (!ctx.channel().isActive()) {
      return;
    }
    if (state == State.AWAITING) {
      LOG.debug("closing {}: request not received in time", ctx.channel().remoteAddress());
      ctx.writeAndFlush(Unpooled.wrappedBuffer(TIMED_OUT)).addListener(ChannelFutureListener.CLOSE);
    } else if (state == State.WRITING) {
      LOG.debug("closing {}: answer not read in time", ctx.channel().remoteAddress());
      ctx.close();
    } else if (state == State.IDLE) {
      LOG.debug("closing {}: idle", ctx.channel().remoteAddress());
      ctx.close();
    }
  }
}
