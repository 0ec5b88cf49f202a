package org.feedfold.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group's once-only job runs on its leader alone, and on the next leader once the first stops:
 * two daemons (fetch groups) on a real in-process ZooKeeper, the jobs ticked by hand on a test
 * clock.
 */
class LeaderJobsTest {
  private static final Duration SESSION = Duration.ofSeconds(8);
  private static final Duration AWAIT = Duration.ofMinutes(2);
  private static final Duration EVERY = Duration.ofMinutes(10);

  @TempDir Path dir;
  private TestingServer zk;
  private final List<AutoCloseable> open = new ArrayList<>();
  private volatile Instant now = Instant.parse("2026-11-30T12:00:00Z");
  private final InstantSource clock = () -> now;

  @BeforeEach
  void setUp() throws Exception {
    zk = new TestingServer(new InstanceSpec(dir.toFile(), -1, -1, -1, true, -1, 500, -1), true);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    zk.close();
  }

  /** Is one daemon: its group and its jobs, counting the runs of its one job. */
  private record Daemon(FetchGroup group, LeaderJobs jobs, AtomicInteger runs) {}

  private Daemon daemon(String id) throws IOException {
    FetchGroup g =
        FetchGroup.connect(new ShareSettings(zk.getConnectString(), "test", SESSION, id));
    AtomicInteger runs = new AtomicInteger();
    LeaderJobs jobs =
        new LeaderJobs(
            g,
            clock,
            Duration.ofSeconds(1),
            List.of(new LeaderJobs.Job("count", EVERY, runs::incrementAndGet)));
    open.add(g);
    open.add(jobs);
    return new Daemon(g, jobs, runs);
  }

  @Test
  void onlyTheLeaderRunsTheJobAndTheOtherTakesItOverWhenTheLeaderStops() throws Exception {
    Daemon a = daemon("a");
    Daemon b = daemon("b");
    await(() -> a.group().leads() ^ b.group().leads());
    Daemon leader = a.group().leads() ? a : b;
    Daemon other = leader == a ? b : a;

    for (int i = 0; i < 3; i++) {
      a.jobs().tickOnce();
      b.jobs().tickOnce();
    }
    assertEquals(1, leader.runs().get(), "the leader runs the job once in its interval");
    assertEquals(0, other.runs().get(), "the other daemon does not");

    now = now.plus(EVERY);
    a.jobs().tickOnce();
    b.jobs().tickOnce();
    assertEquals(2, leader.runs().get(), "and again after its interval");
    assertEquals(0, other.runs().get());

    leader.jobs().close();
    leader.group().close();
    await(() -> other.group().leads());
    other.jobs().tickOnce();
    other.jobs().tickOnce();
    assertEquals(1, other.runs().get(), "the new leader runs the job at once, then on its time");
    assertEquals(2, leader.runs().get(), "the stopped leader no more");
  }

  @Test
  void aJobThatFailsIsTriedAgainAtItsNextTime() throws Exception {
    FetchGroup g =
        FetchGroup.connect(new ShareSettings(zk.getConnectString(), "test", SESSION, "solo"));
    open.add(g);
    AtomicInteger tries = new AtomicInteger();
    LeaderJobs jobs =
        new LeaderJobs(
            g,
            clock,
            Duration.ofSeconds(1),
            List.of(
                new LeaderJobs.Job(
                    "fails",
                    EVERY,
                    () -> {
                      tries.incrementAndGet();
                      throw new IOException("hub down");
                    })));
    open.add(jobs);
    await(g::leads);

    jobs.tickOnce();
    jobs.tickOnce();
    now = now.plus(EVERY);
    jobs.tickOnce();

    assertEquals(2, tries.get());
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + AWAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + AWAIT);
      }
      Thread.sleep(20);
    }
  }
}
