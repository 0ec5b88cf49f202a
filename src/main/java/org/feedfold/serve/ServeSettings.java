package org.feedfold.serve;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Holds the HTTP server settings; each component mirrors one config key.
 *
 * @param bind {@code http.bind}: the address to listen on (default {@code 127.0.0.1})
 * @param port {@code http.port}: the TCP port, {@code 0} for an ephemeral one (default 8080)
 * @param defaultLimit {@code serve.limit}: stories per feed when {@code ?limit=} is absent (50)
 * @param maxLimit {@code serve.max-limit}: the cap on {@code ?limit=} (500)
 * @param title {@code serve.title}: the feed title (default {@code Feedfold})
 * @param publicBase {@code serve.public-url}: the absolute URL clients reach the server at, for
 *     self links behind a proxy; {@code null} to use the bound address
 * @param limits the connection and timeout limits ({@code http.*})
 * @param token {@code http.token}: the bearer token every request but {@code /healthz} must carry;
 *     empty for none, which is only allowed on a loopback {@code bind}
 * @param savedFeeds the {@code feed.NAME.*} feeds served at {@code /feeds/NAME.atom} and so on
 * @param websubHub {@code serve.websub-hub}: the WebSub hub the feeds advertise and ping when they
 *     change; {@code null} for none
 */
public record ServeSettings(
    String bind,
    int port,
    int defaultLimit,
    int maxLimit,
    String title,
    URI publicBase,
    Limits limits,
    String token,
    List<SavedFeed> savedFeeds,
    URI websubHub) {
  /** A token is at least this long, so that it cannot be guessed in a few requests. */
  static final int MIN_TOKEN_CHARS = 16;

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]+");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /**
   * Holds the limits that keep one client from holding the server.
   *
   * @param headerTimeout {@code http.header-timeout}: time a client has to send a whole request,
   *     counted from connecting or from its first byte after the previous response (10 s)
   * @param idleTimeout {@code http.idle-timeout}: an idle keep-alive connection is closed after
   *     this (60 s)
   * @param maxConnectionsPerClient {@code http.max-connections-per-client}: open connections from
   *     one client address (16); more are answered 429 and closed
   * @param maxConnections {@code http.max-connections}: open connections in all (512); more are
   *     answered 503 and closed
   * @param threads {@code http.threads}: threads that read the index and render (4)
   * @param queue {@code http.queue}: requests waiting for a thread (64); more are answered 503
   */
  public record Limits(
      Duration headerTimeout,
      Duration idleTimeout,
      int maxConnectionsPerClient,
      int maxConnections,
      int threads,
      int queue) {

    /** Validates every component; the exception message names the offending config key. */
    public Limits {
      positive("http.header-timeout", headerTimeout);
      positive("http.idle-timeout", idleTimeout);
      if (maxConnectionsPerClient < 1) {
        throw new IllegalArgumentException(
            "http.max-connections-per-client must be at least 1: " + maxConnectionsPerClient);
      }
      if (maxConnections < maxConnectionsPerClient) {
        throw new IllegalArgumentException(
            "http.max-connections must be at least http.max-connections-per-client ("
                + maxConnectionsPerClient
                + "): "
                + maxConnections);
      }
      if (threads < 1 || threads > 256) {
        throw new IllegalArgumentException("http.threads must be 1-256: " + threads);
      }
      if (queue < 1 || queue > 100_000) {
        throw new IllegalArgumentException("http.queue must be 1-100000: " + queue);
      }
    }

    /** Returns the defaults: 10 s, 60 s, 16 per client, 512 in all, 4 threads, 64 queued. */
    public static Limits defaults() {
      return new Limits(Duration.ofSeconds(10), Duration.ofSeconds(60), 16, 512, 4, 64);
    }

    private static void positive(String key, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(key + " must be a positive duration: " + d);
      }
    }
  }

  /** Validates every component; the exception message names the offending config key. */
  public ServeSettings {
    if (bind == null || bind.isBlank()) {
      throw new IllegalArgumentException("http.bind must be a host name or address");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http.port must be 0-65535: " + port);
    }
    if (maxLimit < 1 || maxLimit > 10_000) {
      throw new IllegalArgumentException("serve.max-limit must be 1-10000: " + maxLimit);
    }
    if (defaultLimit < 1 || defaultLimit > maxLimit) {
      throw new IllegalArgumentException(
          "serve.limit must be between 1 and serve.max-limit (" + maxLimit + "): " + defaultLimit);
    }
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("serve.title must not be blank");
    }
    if (publicBase != null
        && (!publicBase.isAbsolute()
            || !("http".equals(publicBase.getScheme())
                || "https".equals(publicBase.getScheme())))) {
      throw new IllegalArgumentException(
          "serve.public-url must be an absolute http(s) URL: " + publicBase);
    }
    if (limits == null) {
      throw new IllegalArgumentException("http.header-timeout and the other limits must be set");
    }
    token = token == null ? "" : token;
    if (!token.isEmpty() && (token.length() < MIN_TOKEN_CHARS || !TOKEN.matcher(token).matches())) {
      throw new IllegalArgumentException(
          "http.token must be at least "
              + MIN_TOKEN_CHARS
              + " characters of letters, digits and -._~+/=");
    }
    savedFeeds = savedFeeds == null ? List.of() : List.copyOf(savedFeeds);
    if (websubHub != null
        && (!websubHub.isAbsolute()
            || !("http".equals(websubHub.getScheme()) || "https".equals(websubHub.getScheme())))) {
      throw new IllegalArgumentException(
          "serve.websub-hub must be an absolute http(s) URL: " + websubHub);
    }
    for (SavedFeed f : savedFeeds) {
      if (f.limit() > maxLimit) {
        throw new IllegalArgumentException(
            "feed." + f.name() + ".limit must not exceed serve.max-limit (" + maxLimit + ")");
      }
    }
    if (token.isEmpty() && !isLoopback(bind)) {
      throw new IllegalArgumentException(
          "http.token must be set when http.bind is not a loopback address (http.bind is "
              + bind
              + ")");
    }
  }

  /** Creates settings without saved feeds. */
  public ServeSettings(
      String bind,
      int port,
      int defaultLimit,
      int maxLimit,
      String title,
      URI publicBase,
      Limits limits,
      String token) {
    this(bind, port, defaultLimit, maxLimit, title, publicBase, limits, token, List.of(), null);
  }

  /** Creates settings with the default limits and no token. */
  public ServeSettings(
      String bind, int port, int defaultLimit, int maxLimit, String title, URI publicBase) {
    this(bind, port, defaultLimit, maxLimit, title, publicBase, Limits.defaults(), "");
  }

  /** Returns the defaults: {@code 127.0.0.1:8080}, 50 stories, at most 500, titled Feedfold. */
  public static ServeSettings defaults() {
    return new ServeSettings("127.0.0.1", 8080, 50, 500, "Feedfold", null);
  }

  /** Returns a copy that advertises and pings {@code hub} ({@code null} for none). */
  public ServeSettings withWebsubHub(URI hub) {
    return new ServeSettings(
        bind, port, defaultLimit, maxLimit, title, publicBase, limits, token, savedFeeds, hub);
  }

  /** Returns a copy with other limits. */
  public ServeSettings withLimits(Limits other) {
    return new ServeSettings(
        bind, port, defaultLimit, maxLimit, title, publicBase, other, token, savedFeeds, websubHub);
  }

  /** Returns a copy with another bearer token ({@code ""} for none). */
  public ServeSettings withToken(String other) {
    return new ServeSettings(
        bind,
        port,
        defaultLimit,
        maxLimit,
        title,
        publicBase,
        limits,
        other,
        savedFeeds,
        websubHub);
  }

  /** Hides the token, so that settings can be logged. */
  @Override
  public String toString() {
    return "ServeSettings[bind="
        + bind
        + ", port="
        + port
        + ", defaultLimit="
        + defaultLimit
        + ", maxLimit="
        + maxLimit
        + ", title="
        + title
        + ", publicBase="
        + publicBase
        + ", limits="
        + limits
        + ", token="
        + (token.isEmpty() ? "none" : "set")
        + ", savedFeeds="
        + savedFeeds
        + ", websubHub="
        + websubHub
        + "]";
  }

  /**
   * Returns whether {@code bind} is certainly a loopback address: {@code localhost}, or an IPv4 or
   * IPv6 literal that is. Other host names count as not loopback (no DNS lookup is made here), so
   * they need a token.
   */
  static boolean isLoopback(String bind) {
    String b = bind.strip().toLowerCase(Locale.ROOT);
    if (b.equals("localhost")) {
      return true;
    }
    if (b.startsWith("[") && b.endsWith("]")) {
      b = b.substring(1, b.length() - 1);
    }
    if (IPV4.matcher(b).matches()) {
      String[] octets = b.split("\\.");
      for (String o : octets) {
        if (Integer.parseInt(o) > 255) {
          return false;
        }
      }
      return octets[0].equals("127");
    }
    if (!b.contains(":")) {
      return false;
    }
    try {
      // An IPv6 literal is parsed, never looked up.
      return InetAddress.getByName(b).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
