package org.feedfold.fetch;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Keeps Feedfold polite to each host: at most {@code maxPerHost} requests to one host at a time, a
 * minimum delay between the starts of two requests to one host, and a host-wide pause after a
 * {@code Retry-After} that binds the whole host.
 *
 * <p>A host is the URL's host name and port ({@code example.org:443}), the unit a connection pool
 * limits. One gate is shared by every {@link HttpFetcher} of a process (feeds and article pages),
 * so the limits hold across both. Thread-safe. Time and sleeping are injected so the delay is
 * tested without waiting.
 */
public final class HostGate {
  /** Sleeps for a while; tests record the sleeps instead. */
  @FunctionalInterface
  public interface Sleeper {
    /** Blocks for {@code d}. */
    void sleep(Duration d) throws InterruptedException;
  }

  /** A host's slot, released by {@link #close()}. */
  public interface Permit extends AutoCloseable {
    /** Releases the slot; idempotent. */
    @Override
    void close();
  }

  /** Hosts remembered before idle ones are forgotten (article links reach many hosts). */
  static final int MAX_HOSTS = 20_000;

  private final int maxPerHost;
  private final Duration delay;
  private final InstantSource clock;
  private final Sleeper sleeper;
  private final Map<String, Host> hosts = new ConcurrentHashMap<>();
  private final Map<String, Instant> holds = new ConcurrentHashMap<>();

  private static final class Host {
    final Semaphore slots;
    Instant nextStart = Instant.MIN;

    Host(int permits) {
      slots = new Semaphore(permits, true);
    }
  }

  /**
   * Creates a gate.
   *
   * @param maxPerHost {@code fetch.max-connections-per-host}: requests to one host at a time
   * @param delay {@code fetch.host-delay}: least time between the starts of two requests to one
   *     host; zero for none
   */
  public HostGate(int maxPerHost, Duration delay, InstantSource clock, Sleeper sleeper) {
    if (maxPerHost < 1) {
      throw new IllegalArgumentException(
          "fetch.max-connections-per-host must be at least 1: " + maxPerHost);
    }
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("fetch.host-delay must not be negative: " + delay);
    }
    this.maxPerHost = maxPerHost;
    this.delay = delay;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Creates a gate on the system clock that sleeps for real. */
  public HostGate(int maxPerHost, Duration delay) {
    this(maxPerHost, delay, InstantSource.system(), d -> Thread.sleep(d.toMillis()));
  }

  /** Returns how many requests one host may have at a time. */
  public int maxPerHost() {
    return maxPerHost;
  }

  /** Returns the key of {@code url}'s host: lower-case name and effective port. */
  public static String host(URI url) {
    String name = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    int port = url.getPort();
    if (port < 0) {
      port = "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
    return name + ":" + port;
  }

  /**
   * Waits for a slot on {@code host} and for the host's delay, then returns the slot; {@code null}
   * when no slot came free within {@code patience}.
   *
   * @throws InterruptedException when interrupted while waiting; no slot is held then
   */
  public Permit enter(String host, Duration patience) throws InterruptedException {
    if (hosts.size() > MAX_HOSTS) {
      forgetIdle();
    }
    Host h = hosts.computeIfAbsent(host, k -> new Host(maxPerHost));
    if (!h.slots.tryAcquire(patience.toMillis(), TimeUnit.MILLISECONDS)) {
      return null;
    }
    try {
      Instant start;
      synchronized (h) {
        Instant now = clock.instant();
        start = h.nextStart.isAfter(now) ? h.nextStart : now;
        h.nextStart = start.plus(delay);
      }
      Duration wait = Duration.between(clock.instant(), start);
      if (!wait.isNegative() && !wait.isZero()) {
        sleeper.sleep(wait);
      }
    } catch (InterruptedException | RuntimeException e) {
      h.slots.release();
      throw e;
    }
    return new Permit() {
      private boolean closed;

      @Override
      public synchronized void close() {
        if (!closed) {
          closed = true;
          h.slots.release();
        }
      }
    };
  }

  /** Holds {@code host} for {@code d} from now: requests to it are refused until then. */
  public void hold(String host, Duration d) {
    Instant until = clock.instant().plus(d);
    holds.merge(host, until, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** Returns how much longer {@code host} is held, or {@code null} when it is not (any more). */
  public Duration heldFor(String host) {
    Instant until = holds.get(host);
    if (until == null) {
      return null;
    }
    Duration left = Duration.between(clock.instant(), until);
    if (left.isNegative() || left.isZero()) {
      holds.remove(host, until);
      return null;
    }
    return left;
  }

  private void forgetIdle() {
    Instant now = clock.instant();
    hosts
        .entrySet()
        .removeIf(
            e -> {
              Host h = e.getValue();
              synchronized (h) {
                return h.slots.availablePermits() == maxPerHost && !h.nextStart.isAfter(now);
              }
            });
  }
}
