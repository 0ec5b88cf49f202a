package org.feedfold.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Is the user name and password of a private feed, written by the user in its URL ({@code
 * https://USER:PASSWORD@host/feed}) and sent as HTTP Basic authentication to that URL's host and
 * port only.
 *
 * <p>A subscription keeps them apart from its URL, so that the URL can be logged, stored with every
 * article and listed by the API without them; only the subscription list and the fetcher see them.
 * {@link #toString()} hides the password.
 *
 * @param user the user name, percent-decoded; never {@code null}, may be empty
 * @param password the password, percent-decoded; never {@code null}, empty when the URL gave none
 */
public record Credentials(String user, String password) {
  public Credentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** Returns the credentials written in {@code url}'s user info, or {@code null} if it has none. */
  public static Credentials of(URI url) {
    String raw = url.getRawUserInfo();
    if (raw == null) {
      return null;
    }
    int colon = raw.indexOf(':');
    return colon < 0
        ? new Credentials(decode(raw), "")
        : new Credentials(decode(raw.substring(0, colon)), decode(raw.substring(colon + 1)));
  }

  /** Returns {@code url} without its user info; {@code url} itself if it has none. */
  public static URI strip(URI url) {
    return url.getRawUserInfo() == null ? url : withUserInfo(url, null);
  }

  /** Returns {@code url} (without user info of its own) with these credentials written in it. */
  public URI writtenIn(URI url) {
    String info =
        password.isEmpty() && !user.isEmpty()
            ? encode(user)
            : encode(user) + ":" + encode(password);
    return withUserInfo(strip(url), info);
  }

  /** Returns whether {@code a} and {@code b} name the same host, ignoring case. */
  public static boolean sameHost(URI a, URI b) {
    return a.getHost() != null
        && b.getHost() != null
        && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT));
  }

  /** Names the user and hides the password. */
  @Override
  public String toString() {
    return user + ":***";
  }

  private static URI withUserInfo(URI url, String rawUserInfo) {
    StringBuilder s = new StringBuilder();
    s.append(url.getScheme()).append("://");
    if (rawUserInfo != null) {
      s.append(rawUserInfo).append('@');
    }
    s.append(url.getRawAuthority().substring(url.getRawAuthority().lastIndexOf('@') + 1));
    if (url.getRawPath() != null) {
      s.append(url.getRawPath());
    }
    if (url.getRawQuery() != null) {
      s.append('?').append(url.getRawQuery());
    }
    if (url.getRawFragment() != null) {
      s.append('#').append(url.getRawFragment());
    }
    try {
      return new URI(s.toString());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL with a host: " + url.getHost(), e);
    }
  }

  private static String decode(String raw) {
    // URLDecoder reads '+' as a space; in a URL's user info it is a plus.
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
