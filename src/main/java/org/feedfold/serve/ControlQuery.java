package org.feedfold.serve;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Is the parsed query of {@code POST /api/fetch}: {@code ?feed=URL} (an absolute http or https
 * URL), {@code ?wait=} (a duration such as {@code 30s} or {@code 2m}, at most {@link #MAX_WAIT})
 * and {@code ?force=1}. Unknown parameters are refused, so a typo does not fetch everything.
 */
record ControlQuery(URI feed, Duration waitFor, boolean force) {
  /** The longest a request waits for its fetches: a request thread is held meanwhile. */
  static final Duration MAX_WAIT = Duration.ofMinutes(5);

  /** Parses a raw query string; {@code null} for none. */
  static ControlQuery parse(String raw) throws FeedQuery.BadQuery {
    URI feed = null;
    Duration waitFor = null;
    boolean force = false;
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        switch (key) {
          case "feed" -> feed = feed(value);
          case "wait" -> waitFor = waitFor(value);
          case "force" -> force = value.isEmpty() || value.equals("1") || value.equals("true");
          default -> throw new FeedQuery.BadQuery("unknown parameter '" + key + "'");
        }
      }
    }
    return new ControlQuery(feed, waitFor, force);
  }

  private static URI feed(String value) throws FeedQuery.BadQuery {
    try {
      URI u = new URI(value);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
        return u;
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    throw new FeedQuery.BadQuery("feed must be an absolute http or https URL");
  }

  private static Duration waitFor(String value) throws FeedQuery.BadQuery {
    String v = value.strip().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (v.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      } else if (v.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
      } else if (v.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      } else {
        d = Duration.ofSeconds(Long.parseLong(v));
      }
      if (!d.isNegative()) {
        return d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d;
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // answered below
    }
    throw new FeedQuery.BadQuery("wait must be a duration such as 30s or 2m (at most 5m)");
  }

  private static String decode(String s) throws FeedQuery.BadQuery {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new FeedQuery.BadQuery("malformed percent-encoding in query string");
    }
  }
}
