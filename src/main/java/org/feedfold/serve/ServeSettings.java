package org.feedfold.serve;

import java.net.URI;

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
 */
public record ServeSettings(
    String bind, int port, int defaultLimit, int maxLimit, String title, URI publicBase) {

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
  }

  /** Returns the defaults: {@code 127.0.0.1:8080}, 50 stories, at most 500, titled Feedfold. */
  public static ServeSettings defaults() {
    return new ServeSettings("127.0.0.1", 8080, 50, 500, "Feedfold", null);
  }
}
