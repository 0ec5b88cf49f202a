package org.feedfold.serve;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Keeps rendered feed pages, so that repeated requests between two index changes are not read and
 * rendered again: a page is kept under the index generation it was rendered at (read before
 * rendering, so a page is never kept under a newer generation than its content), its path and its
 * query string; a request with {@code ?since=} (relative to now) is also keyed by the second. At
 * most {@value #MAX_ENTRIES} pages and {@value #MAX_BYTES} bytes (gzipped copies included), the
 * least recently used dropped first; pages of older generations are never asked for again and age
 * out.
 *
 * <p>A page is rendered once per key whatever the encoding asked: the identity page is kept, and
 * its gzipped copy is made from it once, when first asked (see {@link Compression}). Requests for a
 * page being rendered wait for that render rather than render it again (a commit followed by many
 * readers renders the page once). {@link #warm} renders, for a new generation, the first pages of
 * the feeds readers asked for, so that the first reader after a commit finds its page kept (issue
 * 11).
 *
 * <p>Only full 200 answers are kept: the page is rendered without the request's validators and the
 * conditional check ({@code If-None-Match}, {@code If-Modified-Since}) is made against the kept
 * page, so a 304 costs no rendering either. A generation below zero (no index to ask) turns caching
 * off. Thread-safe.
 */
final class RenderCache {
  static final int MAX_ENTRIES = 256;
  static final long MAX_BYTES = 32L << 20;

  /** Warms at most this many pages per generation (path and encoding), the latest asked first. */
  static final int MAX_WARM = 16;

  private record Key(long generation, String path, String query, long second) {}

  /** A feed's first page as asked: path (no query) and whether gzipped. */
  private record Asked(String path, boolean gzip) {}

  /** A kept page: its identity answer and, once asked, its gzipped one. */
  private static final class Page {
    final Reply identity;
    Reply gzipped;

    Page(Reply identity) {
      this.identity = identity;
    }

    long bytes() {
      return size(identity) + (gzipped == null ? 0 : size(gzipped));
    }
  }

  private final LongSupplier generation;
  private final InstantSource clock;
  private final Map<Key, Page> pages = new LinkedHashMap<>(64, 0.75f, true);
  private final Map<Key, CompletableFuture<Reply>> rendering = new HashMap<>();
  private final LinkedHashSet<Asked> asked = new LinkedHashSet<>();
  private long bytes;
  private long renders;
  private int waiting;
  private long warmed;

  RenderCache(LongSupplier generation, InstantSource clock) {
    this.generation = generation;
    this.clock = clock;
  }

  /**
   * Returns the answer to {@code request} for a client that sent {@code acceptEncoding}: from the
   * cache when kept, else from {@code render} (called with the request stripped of its validators;
   * returns the identity answer, which is compressed here) and kept when it is a 200 with an ETag.
   */
  Reply answer(
      Routes.Request request, String acceptEncoding, Function<Routes.Request, Reply> render) {
    long gen = generation.getAsLong();
    if (gen < 0) {
      return Compression.apply(render.apply(request), acceptEncoding);
    }
    String query = request.target().rawQuery();
    boolean relative = query != null && query.contains("since=");
    boolean gzip = Compression.acceptsGzip(acceptEncoding);
    Key key =
        new Key(
            gen,
            request.target().path(),
            query == null ? "" : query,
            relative ? clock.instant().getEpochSecond() : 0);
    if (query == null || query.isEmpty()) {
      remember(new Asked(key.path(), gzip));
    }
    Reply rendered = page(key, request, render);
    Page page = kept(key);
    if (page == null) {
      // Not kept (not a 200 with an ETag, too large, or already dropped): answered as rendered.
      return rendered.status() == 200 && rendered.headers().containsKey("ETag")
          ? conditional(request, Compression.apply(rendered, acceptEncoding))
          : Compression.apply(rendered, acceptEncoding);
    }
    return conditional(request, encoded(key, page, gzip));
  }

  /**
   * Renders the first pages that readers asked for (by path and encoding, at most {@value
   * #MAX_WARM}) for the current generation, unless kept already; stops when the generation moves on
   * (the next warm renders that one). Meant for one background thread, told of each new generation;
   * a request asking meanwhile waits for the page being rendered.
   */
  void warm(Function<Routes.Request, Reply> render) {
    long gen = generation.getAsLong();
    if (gen < 0) {
      return;
    }
    List<Asked> pagesAsked;
    synchronized (this) {
      pagesAsked = new ArrayList<>(asked);
    }
    for (int i = pagesAsked.size() - 1; i >= 0; i--) {
      if (generation.getAsLong() != gen) {
        return;
      }
      Asked a = pagesAsked.get(i);
      Key key = new Key(gen, a.path(), "", 0);
      Routes.Request request =
          new Routes.Request("GET", new RequestTarget(a.path(), null), null, null);
      page(key, request, render);
      Page page = kept(key);
      if (page != null) {
        encoded(key, page, a.gzip());
      }
    }
    synchronized (this) {
      warmed++;
    }
  }

  /** Returns the page for {@code key}: kept, being rendered by another thread, or rendered now. */
  private Reply page(Key key, Routes.Request request, Function<Routes.Request, Reply> render) {
    CompletableFuture<Reply> mine;
    CompletableFuture<Reply> other;
    synchronized (this) {
      Page kept = pages.get(key);
      if (kept != null) {
        return kept.identity;
      }
      other = rendering.get(key);
      mine = other == null ? new CompletableFuture<>() : null;
      if (mine != null) {
        rendering.put(key, mine);
      } else {
        waiting++;
      }
    }
    if (other != null) {
      try {
        return other.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      } finally {
        synchronized (this) {
          waiting--;
        }
      }
    }
    try {
      Reply page = render.apply(new Routes.Request(request.method(), request.target(), null, null));
      synchronized (this) {
        renders++;
        if (page.status() == 200 && page.headers().containsKey("ETag")) {
          put(key, new Page(page));
        }
        rendering.remove(key);
      }
      mine.complete(page);
      return page;
    } catch (RuntimeException e) {
      synchronized (this) {
        rendering.remove(key);
      }
      mine.completeExceptionally(e);
      throw e;
    }
  }

  /** Returns the kept page's answer in the encoding asked, compressing it once when gzip is. */
  private Reply encoded(Key key, Page page, boolean gzip) {
    if (!gzip) {
      return Compression.apply(page.identity, null);
    }
    synchronized (this) {
      if (page.gzipped != null) {
        return page.gzipped;
      }
    }
    Reply zipped = Compression.apply(page.identity, "gzip");
    synchronized (this) {
      if (page.gzipped == null && pages.get(key) == page) {
        page.gzipped = zipped;
        bytes += size(zipped);
        trim();
      }
    }
    return zipped;
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

  private static long size(Reply reply) {
    return reply.body() == null ? 0 : reply.body().length;
  }

  private synchronized Page kept(Key key) {
    return pages.get(key);
  }

  private synchronized void remember(Asked page) {
    asked.remove(page);
    asked.add(page);
    var it = asked.iterator();
    while (asked.size() > MAX_WARM && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** Keeps {@code page}; call holding the lock. */
  private void put(Key key, Page page) {
    long size = page.bytes();
    if (size > MAX_BYTES / 4) {
      return;
    }
    Page old = pages.put(key, page);
    bytes += size - (old == null ? 0 : old.bytes());
    trim();
  }

  /** Drops the least recently used pages until within the limits; call holding the lock. */
  private void trim() {
    var it = pages.values().iterator();
    while ((pages.size() > MAX_ENTRIES || bytes > MAX_BYTES) && it.hasNext()) {
      bytes -= it.next().bytes();
      it.remove();
    }
  }

  /** Returns how many pages are kept; for tests. */
  synchronized int size() {
    return pages.size();
  }

  /** Returns how many pages were rendered (not kept, nor waited for) so far; for tests. */
  synchronized long renders() {
    return renders;
  }

  /** Returns how many requests wait for a page another thread renders now; for tests. */
  synchronized int waiting() {
    return waiting;
  }

  /** Returns how many warms ran to the end so far; for tests. */
  synchronized long warmed() {
    return warmed;
  }
}
