package org.feedfold.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Holds the WebSub subscriber settings; each component mirrors one config key.
 *
 * @param callbackBase {@code serve.public-url}: the absolute URL hubs reach the server at; the
 *     callback of a feed is {@code BASE/websub/ID}
 * @param lease {@code websub.lease}: the lease asked of hubs (7 days); a hub may grant another
 * @param maxBody {@code fetch.max-body}: the largest pushed body accepted, in bytes
 */
public record WebSubSettings(URI callbackBase, Duration lease, long maxBody) {
  public WebSubSettings {
    Objects.requireNonNull(callbackBase, "serve.public-url");
    if (!callbackBase.isAbsolute() || callbackBase.getHost() == null) {
      throw new IllegalArgumentException(
          "serve.public-url must be an absolute http(s) URL for WebSub: " + callbackBase);
    }
    if (lease.compareTo(Duration.ofMinutes(5)) < 0 || lease.compareTo(Duration.ofDays(365)) > 0) {
      throw new IllegalArgumentException("websub.lease must be between 5m and 365d: " + lease);
    }
    if (maxBody < 1) {
      throw new IllegalArgumentException("fetch.max-body must be at least 1 byte: " + maxBody);
    }
  }

  /** Returns the callback URL of the subscription {@code id}. */
  URI callback(String id) {
    String base = callbackBase.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + "websub/" + id);
  }
}
