package org.feedfold.coord;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the group's jobs that must run once, not once per daemon: on the daemon that leads the group
 * ({@link FetchGroup#leads}), each job every {@code every}; when the leader stops or is cut off,
 * the next leader runs them from its first look on.
 *
 * <p>At most one daemon leads at a time as ZooKeeper sees it; a leader that loses its connection
 * stops running jobs at once, but a job it had started runs to its end, so a job must be safe to
 * overlap with the next leader's first run (the jobs here are: they check and write ZooKeeper with
 * conditional writes, repeat an idempotent notice, write SolrCloud with versioned writes (the
 * settle pass), or delete by age (old shingle claims)).
 *
 * <p>Thread-safe. Runs on one named thread; {@link #tickOnce} runs the due jobs on the caller's
 * thread (tests drive it with a test clock). A job that throws is logged and tried again at its
 * next time.
 */
public final class LeaderJobs implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderJobs.class);

  /**
   * Is one job.
   *
   * @param name names the job in the log
   * @param every how often the leader runs it (at least 1 s)
   * @param run the work; may throw to be tried again at the next time
   */
  public record Job(String name, Duration every, Task run) {
    public Job {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(run, "run");
      if (every.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("a leader job runs at most every second: " + every);
      }
    }
  }

  /** Is a job's work. */
  @FunctionalInterface
  public interface Task {
    /** Does the work once. */
    void run() throws Exception;
  }

  private final FetchGroup group;
  private final InstantSource clock;
  private final List<Job> jobs;
  private final Duration tick;
  private volatile ScheduledThreadPoolExecutor ticker;

  // Guarded by this.
  private final Map<String, Instant> next = new HashMap<>();
  private boolean leading;

  /**
   * Creates the jobs; nothing runs until {@link #start()}.
   *
   * @param tick how often leadership is looked at (the delay before a new leader's first run)
   */
  public LeaderJobs(FetchGroup group, InstantSource clock, Duration tick, List<Job> jobs) {
    this.group = Objects.requireNonNull(group, "group");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tick = Objects.requireNonNull(tick, "tick");
    this.jobs = List.copyOf(jobs);
  }

  /** Starts looking every tick, the first time now. */
  public void start() {
    ticker =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "feedfold-leader-jobs");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleWithFixedDelay(this::tickOnce, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Runs the jobs that are due if this daemon leads; a daemon that has just become the leader runs
   * every job now.
   *
   * @return the number of jobs run
   */
  public synchronized int tickOnce() {
    boolean leads = group.leads();
    if (leads != leading) {
      leading = leads;
      next.clear();
      log.info(
          leads
              ? "leading the group: running its jobs {} here"
              : "no longer leading the group: its jobs {} run elsewhere",
          jobs.stream().map(Job::name).toList());
    }
    if (!leads) {
      return 0;
    }
    int ran = 0;
    for (Job job : jobs) {
      Instant now = clock.instant();
      Instant due = next.get(job.name());
      if (due != null && now.isBefore(due)) {
        continue;
      }
      next.put(job.name(), now.plus(job.every()));
      ran++;
      try {
        job.run().run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ran;
      } catch (Exception e) {
        log.warn("leader job '{}' failed; again in {}: {}", job.name(), job.every(), e.toString());
      }
    }
    return ran;
  }

  @Override
  public void close() {
    // Not under the lock, which a running job holds: its thread is interrupted instead.
    ScheduledThreadPoolExecutor t = ticker;
    if (t != null) {
      t.shutdownNow();
      try {
        t.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
