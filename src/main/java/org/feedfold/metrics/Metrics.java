package org.feedfold.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.feedfold.index.IndexStats;

/**
 * Counts fetches and times them, and exposes those counts with the index's gauges in the Prometheus
 * text format (through the Prometheus Java client, {@code io.prometheus:prometheus-metrics-core}).
 *
 * <p>Metrics: {@code feedfold_fetches_total{outcome}} (the ingester's outcome words: {@code
 * fetched}, {@code not-modified}, {@code failed}, {@code unreachable}, {@code rate-limited}, {@code
 * gone}, {@code stopped}, {@code error}), {@code feedfold_fetch_duration_seconds} (the HTTP fetch
 * of a feed), {@code feedfold_ingest_duration_seconds} (fetch, parse, extract, index and commit of
 * one feed), and the gauges {@code feedfold_articles}, {@code feedfold_stories}, {@code
 * feedfold_index_size_bytes}, {@code feedfold_feeds{status}} (read from the index once per scrape)
 * and {@code feedfold_fetch_queue_depth} (feeds being fetched or waiting for a fetch thread).
 *
 * <p>One registry per process, as Prometheus counters are meant to be: the counts are cumulative
 * from process start and are only ever read by a scrape, so a static front door lets the fetch path
 * count with one line and no wiring. Thread-safe.
 */
public final class Metrics {
  private static final PrometheusRegistry REGISTRY = new PrometheusRegistry();

  private static final Counter FETCHES =
      Counter.builder()
          .name("feedfold_fetches_total")
          .help("Feed fetches by outcome")
          .labelNames("outcome")
          .register(REGISTRY);

  private static final Histogram FETCH_SECONDS =
      Histogram.builder()
          .name("feedfold_fetch_duration_seconds")
          .help("Time to fetch one feed over HTTP")
          .unit(Unit.SECONDS)
          .classicOnly()
          .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
          .register(REGISTRY);

  private static final Histogram INGEST_SECONDS =
      Histogram.builder()
          .name("feedfold_ingest_duration_seconds")
          .help("Time to fetch, parse, extract, index and commit one feed")
          .unit(Unit.SECONDS)
          .classicOnly()
          .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)
          .register(REGISTRY);

  private static volatile DoubleSupplier queue;
  private static volatile Callable<IndexStats> index;

  /** Read once per scrape, under the scrape lock. */
  private static IndexStats snapshot;

  private static final Object SCRAPE = new Object();

  static {
    gaugeOfIndex("feedfold_articles", "Articles in the index", IndexStats::articles);
    gaugeOfIndex("feedfold_stories", "Stories in the index", IndexStats::stories);
    GaugeWithCallback.builder()
        .name("feedfold_index_size_bytes")
        .help("Size of the index directory on disk")
        .callback(
            cb -> {
              IndexStats s = indexStats();
              if (s != null) {
                cb.call(s.bytes());
              }
            })
        .register(REGISTRY);
    GaugeWithCallback.builder()
        .name("feedfold_feeds")
        .help("Subscriptions the index knows, by status")
        .labelNames("status")
        .callback(
            cb -> {
              IndexStats s = indexStats();
              if (s != null) {
                cb.call(s.feedsOk(), "ok");
                cb.call(s.feedsFailing(), "failing");
                cb.call(s.feedsDisabled(), "disabled");
              }
            })
        .register(REGISTRY);
    GaugeWithCallback.builder()
        .name("feedfold_fetch_queue_depth")
        .help("Feeds being fetched or waiting for a fetch thread")
        .callback(
            cb -> {
              DoubleSupplier depth = queue;
              if (depth != null) {
                cb.call(depth.getAsDouble());
              }
            })
        .register(REGISTRY);
  }

  private Metrics() {}

  private static void gaugeOfIndex(
      String name, String help, java.util.function.ToLongFunction<IndexStats> value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(
            cb -> {
              IndexStats s = indexStats();
              if (s != null) {
                cb.call(value.applyAsLong(s));
              }
            })
        .register(REGISTRY);
  }

  /** Runs {@code fetch} and records how long it took; returns its result. */
  public static <T> T timeFetch(Supplier<T> fetch) {
    long start = System.nanoTime();
    try {
      return fetch.get();
    } finally {
      FETCH_SECONDS.observe((System.nanoTime() - start) / 1e9);
    }
  }

  /** Counts one feed ingested with {@code outcome} that took {@code took} in all. */
  public static void ingested(String outcome, Duration took) {
    FETCHES.labelValues(outcome).inc();
    INGEST_SECONDS.observe(took.toNanos() / 1e9);
  }

  /**
   * Makes the index gauges read {@code stats} once per scrape; a failing call leaves them out of
   * that scrape. Replaces any earlier source (the daemon opens one index).
   */
  public static void watchIndex(Callable<IndexStats> stats) {
    index = stats;
  }

  /** Makes {@code feedfold_fetch_queue_depth} read {@code depth}; replaces any earlier one. */
  public static void watchQueue(DoubleSupplier depth) {
    queue = depth;
  }

  /** Returns the {@code Content-Type} of {@link #scrape()}. */
  public static String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }

  /** Returns every metric in the Prometheus text format 0.0.4. */
  public static byte[] scrape() {
    synchronized (SCRAPE) {
      snapshot = null;
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        PrometheusTextFormatWriter.create().write(out, REGISTRY.scrape());
        return out.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException("writing to memory cannot fail", e);
      } finally {
        snapshot = null;
      }
    }
  }

  private static IndexStats indexStats() {
    Callable<IndexStats> source = index;
    if (source == null) {
      return null;
    }
    if (snapshot == null) {
      try {
        snapshot = source.call();
      } catch (Exception e) {
        // A closed or unreadable index leaves its gauges out of this scrape.
        return null;
      }
    }
    return snapshot;
  }
}
