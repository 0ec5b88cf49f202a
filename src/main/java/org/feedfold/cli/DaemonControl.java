package org.feedfold.cli;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.ingest.FeedIngester;
import org.feedfold.ingest.FeedReport;
import org.feedfold.ingest.Scheduler;
import org.feedfold.model.Subscription;
import org.feedfold.serve.FetchControl;
import org.feedfold.store.Store;

/**
 * Fetches now what {@code POST /api/fetch} asks, through the daemon's scheduler (so a feed is never
 * fetched twice at once), with the rules of {@code feedfold fetch}: disabled and backing-off feeds
 * are skipped unless forced, a URL not subscribed is fetched all the same. Answers once every fetch
 * it queued is committed. Thread-safe; {@link #attach} the scheduler before the server starts.
 */
final class DaemonControl implements FetchControl {
  private final FeedfoldConfig config;
  private final Store index;
  private final FeedIngester ingester;
  private final InstantSource clock;
  private final Scheduler.SubscriptionSource subscriptions;
  private volatile Scheduler scheduler;

  DaemonControl(
      FeedfoldConfig config,
      Store index,
      FeedIngester ingester,
      InstantSource clock,
      Scheduler.SubscriptionSource subscriptions) {
    this.subscriptions = subscriptions;
    this.config = config;
    this.index = index;
    this.ingester = ingester;
    this.clock = clock;
  }

  void attach(Scheduler s) {
    this.scheduler = s;
  }

  @Override
  public List<Queued> fetch(URI feed, boolean force) throws IOException {
    Scheduler s = scheduler;
    if (s == null) {
      return null;
    }
    List<Subscription> subs;
    try {
      subs = FetchCommand.select(subscriptions.subscriptions(), feed);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e.getMessage(), e);
    }
    Instant now = clock.instant();
    List<Subscription> fetched = new ArrayList<>();
    List<String> why = new ArrayList<>();
    for (Subscription sub : subs) {
      String hold =
          force ? null : FetchCommand.holdReason(index.feedState(sub.url().toString()), now);
      why.add(hold);
      if (hold == null) {
        fetched.add(sub);
      }
    }
    // The last fetch of the request to finish commits them all (commits are grouped), before its
    // outcome completes: a CLI that waits for every outcome then reads what they added.
    AtomicInteger remaining = new AtomicInteger(fetched.size());
    List<Queued> queued = new ArrayList<>();
    for (int i = 0; i < subs.size(); i++) {
      String url = subs.get(i).url().toString();
      CompletableFuture<Outcome> outcome =
          why.get(i) != null
              ? CompletableFuture.completedFuture(new Outcome(url, "skipped", 0, 0, 0, why.get(i)))
              : s.fetchNow(subs.get(i)).thenApply(r -> committed(r, remaining));
      queued.add(new Queued(url, outcome));
    }
    return queued;
  }

  private Outcome committed(FeedReport r, AtomicInteger remaining) {
    String error = r.error();
    if (remaining.decrementAndGet() == 0) {
      try {
        ingester.flush();
      } catch (IOException e) {
        error = "could not be committed: " + e.getMessage();
      }
    }
    return new Outcome(r.url().toString(), r.outcome(), r.entries(), r.added(), r.changed(), error);
  }
}
