package org.feedfold.ingest;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedfold.fetch.HostGate;
import org.feedfold.metrics.Metrics;
import org.feedfold.model.FeedState;
import org.feedfold.model.Subscription;
import org.feedfold.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the fetch schedule: every tick it re-reads the subscriptions (so edits to the OPML file
 * apply without a restart), and hands each feed that is due to a bounded pool of fetch threads.
 *
 * <p>Each feed is due at its own time, stored in the index with its state (so a restart resumes the
 * schedule, see {@link org.feedfold.fetch.RefreshPolicy}). A feed is never fetched twice at once;
 * no more feeds of one host are fetched at once than the per-host limit, and none while the host is
 * held by a {@code Retry-After} ({@link FeedIngester#subscriptions}). {@link #close()} stops
 * scheduling, drops the feeds still waiting for a fetch thread, asks in-flight fetches to stop
 * after their current entry (they commit the articles added so far, see {@link
 * FeedIngester#stop()}), waits for them up to the given grace period, commits the feeds fetched
 * since the last commit, and returns. Commits are grouped: at every tick once {@code
 * fetch.commit-interval} has passed, and when no fetch is left running.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  /** Supplies the current subscriptions; may throw to keep the previous list. */
  @FunctionalInterface
  public interface SubscriptionSource {
    /** Returns the subscriptions as they are now. */
    List<Subscription> subscriptions() throws Exception;
  }

  private final SubscriptionSource source;
  private final FeedIngester ingester;
  private final Store index;
  private final InstantSource clock;
  private final Duration tick;
  private final Duration grace;
  private final ScheduledExecutorService ticker;
  private final ThreadPoolExecutor workers;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Map<String, CompletableFuture<FeedReport>> running = new ConcurrentHashMap<>();
  private final Map<String, Instant> due = new ConcurrentHashMap<>();
  private volatile List<Subscription> subscriptions = List.of();

  /** Feeds in flight per host; guarded by {@code this}. */
  private final Map<String, Integer> busyHosts = new HashMap<>();

  /** Due feeds that wait for a slot on their host, per host; guarded by {@code this}. */
  private final Map<String, Set<Subscription>> waiting = new HashMap<>();

  private final HostGate gate;
  private final Set<String> answered = ConcurrentHashMap.newKeySet();
  private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean offlineNoticed = new AtomicBoolean();
  private volatile String lastSourceError;

  /**
   * Creates a scheduler; nothing runs until {@link #start()}.
   *
   * @param tick how often due feeds are looked for and the OPML file re-read
   * @param grace how long {@link #close()} waits for in-flight fetches
   */
  public Scheduler(
      SubscriptionSource source,
      FeedIngester ingester,
      Store index,
      int concurrency,
      InstantSource clock,
      Duration tick,
      Duration grace) {
    this.source = source;
    this.ingester = ingester;
    this.index = index;
    this.clock = clock;
    this.tick = tick;
    this.grace = grace;
    this.gate = ingester.gate();
    this.ticker = new ScheduledThreadPoolExecutor(1, named("feedfold-schedule"));
    this.workers =
        new ThreadPoolExecutor(
            concurrency,
            concurrency,
            1,
            TimeUnit.MINUTES,
            new LinkedBlockingQueue<>(),
            named("feedfold-fetch"));
  }

  /** Starts ticking now. */
  public void start() {
    ticker.scheduleWithFixedDelay(this::tickSafely, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Returns the number of feeds being fetched right now. */
  public int inFlight() {
    return inFlight.size();
  }

  private void tickSafely() {
    try {
      tickOnce();
    } catch (IOException | RuntimeException e) {
      log.error("schedule tick failed; trying again at the next tick", e);
    }
  }

  void tickOnce() throws IOException {
    ingester.commitIfDue();
    reloadSubscriptions();
    Instant now = clock.instant();
    ingester.tick(now);
    for (Subscription sub : subscriptions) {
      dispatch(sub, now);
    }
  }

  /**
   * Hands {@code sub} to a fetch thread if it is due, not in flight, its host not held by a {@code
   * Retry-After}, and its host has fewer feeds in flight than the per-host limit (so fetch threads
   * never queue up behind one busy host while other hosts wait). The next due time is read from the
   * index the first time a feed is seen: a restart resumes the schedule.
   */
  private synchronized void dispatch(Subscription sub, Instant now) throws IOException {
    String key = sub.url().toString();
    if (inFlight.contains(key)) {
      return;
    }
    Instant next = due.get(key);
    if (next == null) {
      FeedState state = index.feedState(key).orElse(FeedState.initial(key));
      if (state.disabled()) {
        next = Instant.MAX;
      } else {
        next = state.nextFetch() == null ? now : state.nextFetch();
      }
      due.put(key, next);
    }
    if (next.isAfter(now)) {
      return;
    }
    String host = HostGate.host(sub.url());
    if (gate.heldFor(host) != null) {
      return;
    }
    if (busyHosts.getOrDefault(host, 0) >= gate.maxPerHost()) {
      waiting.computeIfAbsent(host, h -> new LinkedHashSet<>()).add(sub);
      return;
    }
    if (!inFlight.add(key)) {
      return;
    }
    submit(sub);
  }

  /**
   * Dispatches the feeds of {@code host} that were due but waited for it, as soon as one of its
   * fetches ended, rather than at the next tick.
   */
  private synchronized void dispatchHost(String host) {
    Set<Subscription> queued = waiting.get(host);
    if (queued == null || workers.isShutdown()) {
      return;
    }
    Instant now = clock.instant();
    try {
      for (Iterator<Subscription> it = queued.iterator();
          it.hasNext() && busyHosts.getOrDefault(host, 0) < gate.maxPerHost(); ) {
        Subscription s = it.next();
        it.remove();
        dispatch(s, now);
      }
    } catch (IOException | RuntimeException e) {
      log.debug("dispatching {} early failed; the next tick will", host, e);
    }
    if (queued.isEmpty()) {
      waiting.remove(host);
    }
  }

  /**
   * Fetches {@code sub} on the fetch pool now, whatever its schedule, for the daemon's control path
   * ({@code POST /api/fetch}); the schedule then follows the new state as after any fetch. A feed
   * being fetched already is never fetched twice at once: it is fetched again once that fetch ends
   * (which may have started before what the caller wants to see was published). A feed that cannot
   * be stored gives outcome {@code failed}.
   */
  public CompletableFuture<FeedReport> fetchNow(Subscription sub) {
    String key = sub.url().toString();
    if (inFlight.add(key)) {
      return submit(sub);
    }
    CompletableFuture<FeedReport> current = running.get(key);
    if (current == null) {
      // Queued by a scheduler that is stopping, or between a fetch's end and its bookkeeping.
      return CompletableFuture.completedFuture(
          new FeedReport(sub.url(), "in-flight", 0, 0, 0, null));
    }
    return current.thenCompose(r -> fetchNow(sub));
  }

  /**
   * Runs {@code sub}, already marked in flight, on the fetch pool, counting it against its host;
   * the future gives its report.
   */
  private synchronized CompletableFuture<FeedReport> submit(Subscription sub) {
    String key = sub.url().toString();
    String host = HostGate.host(sub.url());
    CompletableFuture<FeedReport> done = new CompletableFuture<>();
    running.put(key, done);
    busyHosts.merge(host, 1, Integer::sum);
    try {
      workers.execute(
          () -> {
            FeedReport r = run(sub);
            running.remove(key, done);
            done.complete(r);
          });
    } catch (RejectedExecutionException e) {
      running.remove(key, done);
      inFlight.remove(key);
      busyHosts.computeIfPresent(host, (h, n) -> n > 1 ? n - 1 : null);
      done.complete(new FeedReport(sub.url(), "failed", 0, 0, 0, "the daemon is stopping"));
    }
    return done;
  }

  private FeedReport run(Subscription sub) {
    String key = sub.url().toString();
    Instant started = clock.instant();
    FeedReport r = null;
    try {
      r = ingester.ingest(sub);
      long ms = Duration.between(started, clock.instant()).toMillis();
      Metrics.ingested(r.outcome(), Duration.ofMillis(ms));
      FeedState state = index.feedState(key).orElse(FeedState.initial(key));
      due.put(
          key,
          state.disabled()
              ? Instant.MAX
              : state.nextFetch() == null ? clock.instant() : state.nextFetch());
      noticeIfOffline(key, r);
      if (r.ok() && r.added() + r.changed() == 0) {
        // Most polls of a large list bring nothing (304 or no new entry): not worth a line each.
        log.debug("feed {}: {}, {} entries, {} ms", key, r.outcome(), r.entries(), ms);
      } else if (r.ok()) {
        log.info(
            "feed {}: {}, {} entries, {} new, {} changed, {} ms",
            key,
            r.outcome(),
            r.entries(),
            r.added(),
            r.changed(),
            ms);
      } else {
        // The failure itself is logged once per reason by the ingester; the time is for the soak.
        log.debug("feed {}: {}, {} ms", key, r.outcome(), ms);
      }
    } catch (IOException | RuntimeException e) {
      log.error("feed {}: could not be stored; retrying in {}", key, tick.multipliedBy(60), e);
      due.put(key, clock.instant().plus(tick.multipliedBy(60)));
      r = new FeedReport(sub.url(), "failed", 0, 0, 0, "could not be stored: " + e.getMessage());
    } finally {
      String host = HostGate.host(sub.url());
      synchronized (this) {
        inFlight.remove(key);
        busyHosts.computeIfPresent(host, (h, n) -> n > 1 ? n - 1 : null);
        // In the same lock: the host's next feed is in flight before this one is seen gone.
        dispatchHost(host);
      }
      if (inFlight.isEmpty()) {
        flush("the end of a pass");
      }
    }
    return r;
  }

  /** Commits the fetched feeds not yet committed (commits are grouped, see FeedIngester). */
  private void flush(String when) {
    try {
      ingester.flush();
    } catch (IOException | RuntimeException e) {
      log.error("could not commit fetched feeds at {}; they are fetched again", when, e);
    }
  }

  /**
   * Says once, plainly, when no subscription has answered at all since start-up: a newcomer without
   * internet access would otherwise see only one warning per feed.
   */
  private void noticeIfOffline(String key, FeedReport r) {
    (r.outcome().equals("unreachable") ? unanswered : answered).add(key);
    List<Subscription> subs = subscriptions;
    if (answered.isEmpty()
        && !subs.isEmpty()
        && subs.stream().allMatch(s -> unanswered.contains(s.url().toString()))
        && offlineNoticed.compareAndSet(false, true)) {
      log.warn(
          "none of the {} subscriptions answered (last: {}: {}); offline? `bin/feedfold demo` runs"
              + " Feedfold against a local news wire",
          subs.size(),
          key,
          r.error());
    }
  }

  private void reloadSubscriptions() {
    try {
      List<Subscription> now = List.copyOf(source.subscriptions());
      if (!now.equals(subscriptions)) {
        if (!subscriptions.isEmpty() || lastSourceError != null) {
          log.info("subscriptions changed: {} feeds", now.size());
        }
        Set<String> keys = ConcurrentHashMap.newKeySet();
        now.forEach(s -> keys.add(s.url().toString()));
        due.keySet().retainAll(keys);
        synchronized (this) {
          // Feeds waiting for their host are found again by the next tick, if still subscribed.
          waiting.clear();
        }
        ingester.subscriptions(now);
        subscriptions = now;
      }
      lastSourceError = null;
    } catch (Exception e) {
      String msg = String.valueOf(e.getMessage());
      if (!msg.equals(lastSourceError)) {
        log.error(
            "cannot read subscriptions, keeping the previous {}: {}", subscriptions.size(), msg);
        lastSourceError = msg;
      }
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    // Feeds waiting for a fetch thread are not started: they are due again at the next start.
    // Draining the queue instead would hold a stop for up to the grace period (found by the soak).
    List<Runnable> queued = new ArrayList<>();
    workers.getQueue().drainTo(queued);
    if (!queued.isEmpty()) {
      log.info("stopping: {} queued fetches left for the next start", queued.size());
    }
    ingester.stop();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "{} fetches still running after {}; interrupting them",
            workers.getActiveCount(),
            grace);
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    // Fetches dropped from the queue: whoever waits for them (POST /api/fetch) hears so now.
    running.forEach(
        (key, f) ->
            f.complete(
                new FeedReport(
                    URI.create(key), "failed", 0, 0, 0, "the daemon stopped before fetching it")));
    flush("stop");
  }

  static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(false);
      return t;
    };
  }
}
