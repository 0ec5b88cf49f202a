package org.feedfold.serve;

/**
 * Is a request target split into its path and raw query, after the checks that keep odd paths from
 * reaching the routes (RFC 9112 §3.2, RFC 3986 §3.3).
 *
 * <p>Every route is plain ASCII ({@code /feed.atom}, {@code /stories/ID.json}), so a path may hold
 * only letters, digits and {@code - . _ ~ /}: a {@code %} (encoded dot, slash, backslash or NUL), a
 * dot segment ({@code .} or {@code ..}), an empty segment or any other character is refused with
 * 400 rather than decoded. Nothing is served from files, but nothing could be traversed either.
 *
 * @param path the path, starting with {@code /}
 * @param rawQuery the query, still percent-encoded, or {@code null}
 */
record RequestTarget(String path, String rawQuery) {
  /** The longest query string accepted, in characters. */
  static final int MAX_QUERY_CHARS = 2048;

  /** Says why a target was refused, with the status to answer. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /**
   * Parses an origin-form ({@code /path?query}) or absolute-form ({@code http://host/path}) target.
   *
   * @throws Refused with 400 for a malformed or disallowed path, 414 for an overlong query
   */
  static RequestTarget parse(String target) throws Refused {
    String t = target;
    int scheme = t.startsWith("http://") ? 7 : t.startsWith("https://") ? 8 : -1;
    if (scheme > 0) {
      int slash = t.indexOf('/', scheme);
      t = slash < 0 ? "/" : t.substring(slash);
    }
    if (!t.startsWith("/")) {
      throw new Refused(400, "bad request: the target must be a path");
    }
    if (t.indexOf('#') >= 0) {
      throw new Refused(400, "bad request: a fragment is not part of a request target");
    }
    int q = t.indexOf('?');
    String path = q < 0 ? t : t.substring(0, q);
    String query = q < 0 ? null : t.substring(q + 1);
    if (query != null && query.length() > MAX_QUERY_CHARS) {
      throw new Refused(414, "query string is longer than " + MAX_QUERY_CHARS + " characters");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~'
              || c == '/';
      if (!ok) {
        throw new Refused(
            400,
            c == '%'
                ? "bad request: percent-encoded characters are not allowed in the path"
                : "bad request: the path may hold only letters, digits and - . _ ~ /");
      }
    }
    String[] segments = path.substring(1).split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      if (s.equals(".") || s.equals("..")) {
        throw new Refused(400, "bad request: dot segments are not allowed in the path");
      }
      if (s.isEmpty() && i < segments.length - 1) {
        throw new Refused(400, "bad request: empty segments are not allowed in the path");
      }
    }
    return new RequestTarget(path, query);
  }
}
