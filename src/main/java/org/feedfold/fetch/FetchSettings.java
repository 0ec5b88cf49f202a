package org.feedfold.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * Holds the limits of the HTTP client; each component mirrors one {@code fetch.*} config key.
 *
 * @param connectTimeout {@code fetch.connect-timeout}: longest wait for a TCP/TLS connection
 * @param readTimeout {@code fetch.read-timeout}: longest wait for the response head and for each
 *     read of the body (a socket timeout, not a total deadline)
 * @param maxBodyBytes {@code fetch.max-body}: decompressed body bytes kept; the rest is dropped and
 *     the outcome marked truncated
 * @param userAgent {@code fetch.user-agent}: the {@code User-Agent} header value
 * @param maxRedirects {@code fetch.max-redirects}: redirects followed before giving up
 * @param maxConnectionsPerHost {@code fetch.max-connections-per-host}: pooled connections per host
 * @param maxConnectionsTotal {@code fetch.max-connections}: pooled connections in all
 * @param deadline {@code fetch.deadline}: longest a whole fetch may take, from connecting to the
 *     last body byte; a server that trickles bytes just inside the read timeout is cut off here
 * @param allowPrivate {@code fetch.allow-private}: whether loopback, private and unspecified
 *     addresses may be fetched (true by default; false for public deployments). Link-local and
 *     cloud metadata addresses are refused either way ({@link AddressGuard})
 */
public record FetchSettings(
    Duration connectTimeout,
    Duration readTimeout,
    long maxBodyBytes,
    String userAgent,
    int maxRedirects,
    int maxConnectionsPerHost,
    int maxConnectionsTotal,
    Duration deadline,
    boolean allowPrivate) {

  /** Default of {@code fetch.deadline}: 60 s. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

  /** Creates settings that allow private addresses (the default of {@code fetch.allow-private}). */
  public FetchSettings(
      Duration connectTimeout,
      Duration readTimeout,
      long maxBodyBytes,
      String userAgent,
      int maxRedirects,
      int maxConnectionsPerHost,
      int maxConnectionsTotal,
      Duration deadline) {
    this(
        connectTimeout,
        readTimeout,
        maxBodyBytes,
        userAgent,
        maxRedirects,
        maxConnectionsPerHost,
        maxConnectionsTotal,
        deadline,
        true);
  }

  /** Creates settings with the default {@link #DEFAULT_DEADLINE}. */
  public FetchSettings(
      Duration connectTimeout,
      Duration readTimeout,
      long maxBodyBytes,
      String userAgent,
      int maxRedirects,
      int maxConnectionsPerHost,
      int maxConnectionsTotal) {
    this(
        connectTimeout,
        readTimeout,
        maxBodyBytes,
        userAgent,
        maxRedirects,
        maxConnectionsPerHost,
        maxConnectionsTotal,
        DEFAULT_DEADLINE);
  }

  /** Validates every component; the exception message names the offending config key. */
  public FetchSettings {
    positive(connectTimeout, "fetch.connect-timeout");
    positive(readTimeout, "fetch.read-timeout");
    positive(deadline, "fetch.deadline");
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("fetch.max-body must be at least 1 byte: " + maxBodyBytes);
    }
    if (userAgent == null || userAgent.isBlank() || userAgent.length() > 512) {
      throw new IllegalArgumentException("fetch.user-agent must be 1-512 characters");
    }
    if (userAgent.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("fetch.user-agent must not contain control characters");
    }
    if (maxRedirects < 0 || maxRedirects > 20) {
      throw new IllegalArgumentException("fetch.max-redirects must be 0-20: " + maxRedirects);
    }
    if (maxConnectionsPerHost < 1) {
      throw new IllegalArgumentException(
          "fetch.max-connections-per-host must be at least 1: " + maxConnectionsPerHost);
    }
    if (maxConnectionsTotal < maxConnectionsPerHost) {
      throw new IllegalArgumentException(
          "fetch.max-connections must be at least fetch.max-connections-per-host: "
              + maxConnectionsTotal);
    }
  }

  /**
   * Returns the defaults: 10 s connect, 30 s read, 10 MiB body, a User-Agent naming Feedfold {@code
   * version}, 5 redirects, 2 connections per host, 32 in all, a 60 s deadline per fetch, private
   * addresses allowed.
   */
  public static FetchSettings defaults(String version) {
    Objects.requireNonNull(version, "version");
    return new FetchSettings(
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        10L * 1024 * 1024,
        "Feedfold/" + version + " (+https://github.com/feedfold/feedfold)",
        5,
        2,
        32,
        DEFAULT_DEADLINE,
        true);
  }

  private static void positive(Duration value, String key) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be a positive duration: " + value);
    }
  }
}
