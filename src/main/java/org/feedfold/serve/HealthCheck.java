package org.feedfold.serve;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.feedfold.model.FeedState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code /healthz}: {@code 200 ok}, or {@code 503} with the reason when fetching has
 * stalled: some subscription has been due for longer than {@link ApiSource#stallAfter()} and no
 * fetch has finished within that time either (counted from start-up at the earliest). Disabled
 * feeds are not waited for; without subscriptions, or without a stall limit, it is always ok.
 *
 * <p>The verdict is computed from the feed states on a request thread, at most every {@value
 * #REFRESH_SECONDS} s, and answered from memory on the event loop, so {@code /healthz} stays cheap
 * and answers even when the request pool is full. Until the first verdict it answers ok. An index
 * that cannot be read is unhealthy. Thread-safe.
 */
final class HealthCheck {
  private static final Logger LOG = LoggerFactory.getLogger(HealthCheck.class);
  static final long REFRESH_SECONDS = 5;

  private record Verdict(Reply reply, Instant at) {}

  private final ApiSource api;
  private final InstantSource clock;
  private final Instant started;
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile Verdict verdict;

  HealthCheck(ApiSource api, InstantSource clock) {
    this.api = api;
    this.clock = clock;
    this.started = clock.instant();
  }

  /** Returns the last verdict, and recomputes it on {@code workers} when it is old. */
  Reply answer(Executor workers) {
    Verdict v = verdict;
    Instant now = clock.instant();
    if (api.stallAfter() != null
        && (v == null || !now.isBefore(v.at().plusSeconds(REFRESH_SECONDS)))
        && refreshing.compareAndSet(false, true)) {
      try {
        workers.execute(this::refresh);
      } catch (RejectedExecutionException e) {
        refreshing.set(false);
      }
    }
    return v == null ? Routes.health() : v.reply();
  }

  private void refresh() {
    try {
      // One reading of the clock: a verdict stamped later than it was judged would be kept too
      // long.
      Instant now = clock.instant();
      String problem = problem(now);
      if (problem != null && (verdict == null || verdict.reply().status() == 200)) {
        LOG.warn("unhealthy: {}", problem);
      }
      Reply reply =
          problem == null
              ? Routes.health()
              : Reply.text(503, "unhealthy: " + problem, Map.of("Cache-Control", "no-store"));
      verdict = new Verdict(reply, now);
    } finally {
      refreshing.set(false);
    }
  }

  /** Returns why fetching counts as stalled, or {@code null} when it does not. */
  String problem() {
    return problem(clock.instant());
  }

  /** Returns why fetching counts as stalled at {@code now}, or {@code null} when it does not. */
  private String problem(Instant now) {
    Duration limit = api.stallAfter();
    if (limit == null) {
      return null;
    }
    Instant lastDone = started;
    Instant oldestDue = null;
    int overdue = 0;
    try {
      for (ApiSource.FeedStatus f : api.feeds()) {
        FeedState s = f.state();
        if (s.lastFetched() != null && s.lastFetched().isAfter(lastDone)) {
          lastDone = s.lastFetched();
        }
        if (s.disabled()) {
          continue;
        }
        Instant due =
            s.nextFetch() == null || s.nextFetch().isBefore(started) ? started : s.nextFetch();
        if (now.isAfter(due.plus(limit))) {
          overdue++;
          if (oldestDue == null || due.isBefore(oldestDue)) {
            oldestDue = due;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return "cannot read the feed states: " + e.getMessage();
    }
    if (overdue == 0 || !now.isAfter(lastDone.plus(limit))) {
      return null;
    }
    return "fetching stalled: "
        + overdue
        + (overdue == 1 ? " feed" : " feeds")
        + " overdue by more than "
        + limit.toSeconds()
        + " s (the oldest due at "
        + oldestDue
        + "); no fetch finished since "
        + lastDone;
  }
}
