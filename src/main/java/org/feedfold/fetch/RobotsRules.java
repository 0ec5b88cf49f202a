package org.feedfold.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Decides whether an article page may be fetched under its host's robots.txt (RFC 9309), fetching
 * and caching one file per origin ({@code scheme://host:port}).
 *
 * <p>A file is kept for a day (section 2.4) and read up to its first 500 KiB (section 2.5). A file
 * that is missing or refused (4xx, section 2.3.1.3) allows everything; a server error, a rate limit
 * or no answer at all (section 2.3.1.4) disallows everything for {@link #RETRY_UNREACHABLE}, then
 * the file is asked for again. Groups are matched by our product token, the User-Agent's first
 * word, lower-cased ({@code feedfold}), else {@code *}. Parsing is crawler-commons'.
 *
 * <p>Thread-safe. Two threads may fetch one origin's file at once; the later answer wins. At most
 * {@link #MAX_ORIGINS} origins are remembered; past that the cache starts over.
 */
final class RobotsRules {
  /** How long a fetched (or missing) robots.txt is trusted: a day, as RFC 9309 section 2.4 asks. */
  static final Duration KEEP = Duration.ofHours(24);

  /** How long an unreachable robots.txt disallows the host before it is asked for again. */
  static final Duration RETRY_UNREACHABLE = Duration.ofMinutes(30);

  /** The bytes of robots.txt parsed; RFC 9309 section 2.5 asks for at least 500 KiB. */
  static final int MAX_BYTES = 500 * 1024;

  static final int MAX_ORIGINS = 10_000;

  private record Entry(BaseRobotRules rules, String refusal, Instant expires) {}

  private final Function<URI, FetchOutcome> fetcher;
  private final InstantSource clock;
  private final String token;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  /**
   * Creates rules that read robots.txt files with {@code fetcher} and name themselves by the
   * product token of {@code userAgent}.
   */
  RobotsRules(Function<URI, FetchOutcome> fetcher, InstantSource clock, String userAgent) {
    this.fetcher = fetcher;
    this.clock = clock;
    this.token = productToken(userAgent);
  }

  /**
   * Returns the lower-case product token of a User-Agent: {@code Feedfold/1.0 (+…)} gives {@code
   * feedfold}.
   */
  static String productToken(String userAgent) {
    String first = userAgent.strip().split("[/\\s]", 2)[0];
    String token = first.toLowerCase(Locale.ROOT).replaceAll("[^a-z_-]", "");
    return token.isEmpty() ? "feedfold" : token;
  }

  /**
   * Returns why {@code url} must not be fetched, or {@code null} if it may be.
   *
   * <p>NOTE: may fetch the origin's robots.txt first, blocking like any fetch.
   */
  String refusal(URI url) {
    String origin = origin(url);
    Instant now = clock.instant();
    Entry e = cache.get(origin);
    if (e == null || !now.isBefore(e.expires())) {
      e = load(URI.create(origin + "/robots.txt"), now);
      if (cache.size() >= MAX_ORIGINS) {
        cache.clear();
      }
      cache.put(origin, e);
    }
    if (e.refusal() != null) {
      return e.refusal();
    }
    if (!e.rules().isAllowed(url.toString())) {
      return "disallowed by " + origin + "/robots.txt for " + token + " (RFC 9309)";
    }
    return null;
  }

  private Entry load(URI robots, Instant now) {
    FetchOutcome outcome = fetcher.apply(robots);
    SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    if (outcome instanceof FetchOutcome.Fetched f) {
      byte[] body = f.body().length > MAX_BYTES ? Arrays.copyOf(f.body(), MAX_BYTES) : f.body();
      BaseRobotRules rules =
          parser.parseContent(robots.toString(), body, f.contentType(), List.of(token));
      return new Entry(rules, null, now.plus(KEEP));
    }
    int status =
        outcome instanceof FetchOutcome.Failed x
            ? x.status()
            : outcome instanceof FetchOutcome.RateLimited r ? r.status() : 0;
    if (outcome instanceof FetchOutcome.Gone || (status >= 400 && status < 500 && status != 429)) {
      return new Entry(parser.failedFetch(404), null, now.plus(KEEP));
    }
    String why =
        outcome instanceof FetchOutcome.Failed x && x.status() == 0 ? x.reason() : "HTTP " + status;
    return new Entry(
        null,
        robots
            + " failed ("
            + why
            + "): pages of this host are not fetched until it answers (RFC 9309 section 2.3.1.4)",
        now.plus(RETRY_UNREACHABLE));
  }

  private static String origin(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    int port = url.getPort();
    String host = url.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + (port < 0 ? "" : ":" + port);
  }
}
