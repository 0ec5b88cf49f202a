package org.feedfold.serve;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keeps rendered feed pages, so that repeated requests between two index changes are not read and
 * rendered again: a page is kept under the index generation it was rendered at (read before
 * rendering, so a page is never kept under a newer generation than its content), its path, its
 * query string and whether it was gzipped; a request with {@code ?since=} (relative to now) is also
 * keyed by the second. At most {@value #MAX_ENTRIES} pages and {@value #MAX_BYTES} bytes, the least
 * recently used dropped first; pages of older generations are never asked for again and age out.
 *
 * <p>Only full 200 answers are kept: the page is rendered without the request's validators and the
 * conditional check ({@code If-None-Match}, {@code If-Modified-Since}) is made against the kept
 * page, so a 304 costs no rendering either. A generation below zero (no index to ask) turns caching
 * off. Thread-safe.
 */
final class RenderCache {
  static final int MAX_ENTRIES = 256;
  static final long MAX_BYTES = 32L << 20;

  private record Key(long generation, String path, String query, boolean gzip, long second) {}

  private final LongSupplier generation;
  private final InstantSource clock;
  private final Map<Key, Reply> pages = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  RenderCache(LongSupplier generation, InstantSource clock) {
    this.generation = generation;
    this.clock = clock;
  }

  /**
   * Returns the answer to {@code request}: from the cache when kept, else from {@code render}
   * (called with the request stripped of its validators) and kept when it is a 200 with an ETag.
   */
  Reply answer(
      Routes.Request request,
      String acceptEncoding,
      java.util.function.Function<Routes.Request, Reply> render) {
    long gen = generation.getAsLong();
    if (gen < 0) {
      return render.apply(request);
    }
    String query = request.target().rawQuery();
    boolean relative = query != null && query.contains("since=");
    Key key =
        new Key(
            gen,
            request.target().path(),
            query == null ? "" : query,
            Compression.acceptsGzip(acceptEncoding),
            relative ? clock.instant().getEpochSecond() : 0);
    Reply page = get(key);
    if (page == null) {
      page = render.apply(new Routes.Request(request.method(), request.target(), null, null));
      if (page.status() != 200 || !page.headers().containsKey("ETag")) {
        return page;
      }
      put(key, page);
    }
    return conditional(request, page);
  }

  /** Returns a 304 for {@code page} when the request's validators match it, else the page. */
  private static Reply conditional(Routes.Request request, Reply page) {
    String etag = page.headers().get("ETag");
    if (!Conditional.notModified(
        request.ifNoneMatch(),
        request.ifModifiedSince(),
        etag,
        parse(page.headers().get("Last-Modified")))) {
      return page;
    }
    Map<String, String> headers = new LinkedHashMap<>(page.headers());
    headers.remove("Content-Encoding");
    return new Reply(304, null, null, headers, false);
  }

  private static Instant parse(String httpDate) {
    if (httpDate == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private synchronized Reply get(Key key) {
    return pages.get(key);
  }

  private synchronized void put(Key key, Reply page) {
    long size = page.body() == null ? 0 : page.body().length;
    if (size > MAX_BYTES / 4) {
      return;
    }
    Reply old = pages.put(key, page);
    bytes += size - (old == null || old.body() == null ? 0 : old.body().length);
    var it = pages.entrySet().iterator();
    while ((pages.size() > MAX_ENTRIES || bytes > MAX_BYTES) && it.hasNext()) {
      Reply dropped = it.next().getValue();
      bytes -= dropped.body() == null ? 0 : dropped.body().length;
      it.remove();
    }
  }

  /** Returns how many pages are kept; for tests. */
  synchronized int size() {
    return pages.size();
  }
}
