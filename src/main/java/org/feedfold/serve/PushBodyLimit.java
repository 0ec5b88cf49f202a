package org.feedfold.serve;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Lets a WebSub push ({@code POST /websub/...}) carry a body up to {@code fetch.max-body}, while
 * every other request keeps the server's small body cap: swaps the connection's aggregator at the
 * start of each request, before any of its body arrives. One instance per connection, on its event
 * loop.
 */
final class PushBodyLimit extends ChannelInboundHandlerAdapter {
  static final String AGGREGATOR = "aggregate";

  private final int small;
  private final int large;
  private boolean enlarged;

  PushBodyLimit(int small, long large) {
    this.small = small;
    this.large = (int) Math.min(large, Integer.MAX_VALUE - 8L);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest r) {
      boolean push = r.method().name().equals("POST") && r.uri().startsWith(PushReceiver.PREFIX);
      if (push != enlarged) {
        ctx.pipeline()
            .replace(AGGREGATOR, AGGREGATOR, new HttpObjectAggregator(push ? large : small));
        enlarged = push;
      }
    }
    ctx.fireChannelRead(msg);
  }
}
