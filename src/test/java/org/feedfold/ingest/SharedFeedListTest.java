package org.feedfold.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.feedfold.Await.await;
import static org.feedfold.Await.awaitSettled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.feedfold.Await;
import org.feedfold.cli.CliRun;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.config.Subscriptions;
import org.feedfold.coord.FeedList;
import org.feedfold.coord.FetchGroup;
import org.feedfold.coord.LeaderJobs;
import org.feedfold.coord.ShareSettings;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Daemons of one cluster follow one subscription list kept in ZooKeeper (issue 13): {@code feeds
 * add} and {@code feeds remove} (the CLI, given the cluster's ZooKeeper) change what the daemons
 * fetch without a restart, edits from two users at once all land, an empty list is seeded from the
 * leader's file once, and a daemon that loses ZooKeeper keeps the list it had. Two daemons (an
 * index, a scheduler, a fetch group and a list watch each) share a real in-process ZooKeeper; the
 * schedule is ticked by hand with a test clock, and only what ZooKeeper does is awaited (bounded).
 */
class SharedFeedListTest {
  private static final int FEEDS = 12;
  private static final Duration SESSION = Duration.ofSeconds(8);

  @TempDir Path dir;
  private TestingServer zk;
  private WireMockServer http;
  private Path config;
  private final List<Subscription> subs = new ArrayList<>();
  private final TestClock clock = new TestClock(Instant.parse("2026-11-30T12:00:00Z"));
  private final List<Daemon> daemons = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    zk =
        new TestingServer(
            new InstanceSpec(dir.resolve("zk").toFile(), -1, -1, -1, true, -1, 500, -1), true);
    http = new WireMockServer(wireMockConfig().dynamicPort());
    http.start();
    String template = Files.readString(Path.of("src/test/resources/ingest/group-feed.xml"));
    for (int i = 0; i < FEEDS; i++) {
      String name = "f" + i;
      http.stubFor(
          get(urlPathEqualTo("/" + name + ".xml"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/rss+xml")
                      .withBody(
                          template
                              .replace("http://example.org/", http.baseUrl() + "/")
                              .replace("NAME", name))));
      // Spread over hosts 127.0.0.1 to 127.0.0.12: a daemon owns a host's feeds.
      String host = "http://127.0.0." + (1 + i) + ":" + http.port();
      subs.add(new Subscription(URI.create(host + "/" + name + ".xml"), null, null));
    }
    config = dir.resolve("feedfold.properties");
    Files.writeString(
        config,
        "data.dir="
            + dir.resolve("cli-data")
            + "\nfeeds.file="
            + dir.resolve("cli-feeds.opml")
            + "\ncluster.name=test\n");
  }

  @AfterEach
  void tearDown() throws IOException {
    for (Daemon d : daemons) {
      d.close();
    }
    http.stop();
    zk.close();
  }

  @Test
  void aFeedAddedThroughTheCliIsFetchedByItsOwnerWithoutARestart() throws Exception {
    Daemon a = daemon("a");
    Daemon b = daemon("b");
    awaitSettled(List.of("a", "b"), a.group, b.group);
    fetchAll(a, b);
    assertEquals(0, a.fetchedCount() + b.fetchedCount(), "nothing listed, nothing fetched");

    Subscription f0 = subs.get(0);
    CliRun r =
        cli("feeds", "--zk", zk.getConnectString(), "add", "--no-check", f0.url().toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("added: " + f0.url()), r.out());

    await(
        "the owner fetches " + f0.url(), () -> tickBoth(a, b) && (a.fetched(f0) || b.fetched(f0)));
    Daemon owner = a.group.owns(f0.url().toString()) ? a : b;
    Daemon other = owner == a ? b : a;
    assertTrue(owner.fetched(f0), "fetched by its owner");
    assertFalse(other.fetched(f0), "and not by the other daemon");
    assertEquals(1, requests(f0));
  }

  @Test
  void concurrentAddsFromTwoClientsAllLand() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool =
        new ThreadPoolExecutor(
            2,
            2,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> new Thread(r, "shared-feeds-user"));
    Subscription both = subs.get(FEEDS - 1);
    List<Future<List<CliRun>>> users = new ArrayList<>();
    for (int u = 0; u < 2; u++) {
      int user = u;
      users.add(
          pool.submit(
              () -> {
                go.await();
                List<CliRun> runs = new ArrayList<>();
                runs.add(add(both));
                for (int i = user; i < FEEDS - 1; i += 2) {
                  runs.add(add(subs.get(i)));
                }
                return runs;
              }));
    }
    go.countDown();
    List<CliRun> runs = new ArrayList<>();
    for (Future<List<CliRun>> f : users) {
      runs.addAll(f.get(Await.LIMIT.toSeconds(), TimeUnit.SECONDS));
    }
    pool.shutdown();

    for (CliRun r : runs) {
      assertEquals(0, r.code(), r.err());
    }
    long addedBoth = runs.stream().filter(r -> r.out().startsWith("added: " + both.url())).count();
    assertEquals(1, addedBoth, "one of the two adds of one feed lands, the other is told so");
    CliRun list = cli("feeds", "list", "--zk", zk.getConnectString(), "--json");
    assertEquals(0, list.code(), list.err());
    for (Subscription s : subs) {
      assertEquals(
          1,
          list.out().lines().filter(l -> l.contains("\"" + s.url() + "\"")).count(),
          s.url() + " listed once:\n" + list.out());
    }
    assertEquals(FEEDS, list.out().lines().count(), list.out());
  }

  @Test
  void aRemovedFeedIsNoLongerFetched() throws Exception {
    Daemon a = daemon("a");
    Daemon b = daemon("b");
    awaitSettled(List.of("a", "b"), a.group, b.group);
    for (Subscription s : subs) {
      assertEquals(0, add(s).code());
    }
    awaitListed(FEEDS, a, b);
    fetchAll(a, b);
    Subscription gone = subs.get(3);

    CliRun r = cli("feeds", "remove", "--zk", zk.getConnectString(), gone.url().toString());
    assertEquals(0, r.code(), r.err());
    awaitListed(FEEDS - 1, a, b);
    clock.advance(Duration.ofDays(1));
    await(
        "every other feed fetched again",
        () ->
            tickBoth(a, b) && subs.stream().filter(s -> s != gone).allMatch(s -> requests(s) >= 2));

    assertEquals(1, requests(gone), "the removed feed is not fetched again");
  }

  @Test
  void theLeaderSeedsAnEmptyListFromItsFileOnce() throws Exception {
    Daemon a = daemon("a", subs.subList(0, 4));
    Daemon b = daemon("b", subs.subList(4, 8));
    awaitSettled(List.of("a", "b"), a.group, b.group);
    await("one of them leads", () -> a.group.leads() ^ b.group.leads());
    Daemon leader = a.group.leads() ? a : b;
    Daemon other = leader == a ? b : a;

    assertEquals(0, other.jobs.tickOnce(), "the other daemon runs no job");
    assertEquals(1, leader.jobs.tickOnce());
    awaitListed(4, a, b);
    assertEquals(leader.file(), a.list.current(), "the leader's file, in its order");

    // The leader stops: the other takes the jobs over, and the list is not seeded again.
    leader.leave();
    await("the other daemon leads", () -> other.group.leads());
    assertEquals(1, other.jobs.tickOnce());
    clock.advance(Duration.ofMinutes(1));
    assertEquals(1, other.jobs.tickOnce());
    assertEquals(leader.file(), other.list.current(), "seeded once, from the first leader's file");
    assertEquals(leader.file(), read());
  }

  @Test
  void anEmptiedListIsNotSeededAgain() throws Exception {
    Daemon a = daemon("a", subs.subList(0, 2));
    await("a leads", () -> a.group.leads());
    a.jobs.tickOnce();
    awaitListed(2, a);
    for (Subscription s : subs.subList(0, 2)) {
      assertEquals(
          0, cli("feeds", "remove", "--zk", zk.getConnectString(), s.url().toString()).code());
    }
    awaitListed(0, a);
    a.leave();

    Daemon b = daemon("b", subs.subList(4, 8));
    await("b leads", () -> b.group.leads());
    b.jobs.tickOnce();

    assertEquals(List.of(), read());
  }

  @Test
  void aDaemonThatLosesZooKeeperKeepsItsListAndFetchesItWhenBack() throws Exception {
    Daemon a = daemon("a");
    for (Subscription s : subs) {
      assertEquals(0, add(s).code());
    }
    awaitListed(FEEDS, a);
    awaitSettled(List.of("a"), a.group);
    fetchAll(a);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger log = (Logger) LoggerFactory.getLogger(FeedList.class);
    logged.start();
    log.addAppender(logged);
    try {
      zk.stop();
      await("a notices", () -> a.list.stale());
      clock.advance(Duration.ofDays(1));
      for (int i = 0; i < 3; i++) {
        a.tick();
        assertEquals(subs, a.list.current(), "the list is kept while ZooKeeper is away");
      }

      zk.restart();
      await(
          "a fetches the known list again",
          () -> {
            a.tick();
            return subs.stream().allMatch(s -> requests(s) >= 2);
          });
      assertEquals(subs, a.list.current());
      long said =
          logged.list.stream()
              .filter(e -> e.getFormattedMessage().startsWith("ZooKeeper unreachable"))
              .count();
      assertEquals(1, said, "said once, not per feed or per tick");
    } finally {
      log.detachAppender(logged);
    }
  }

  private CliRun cli(String... args) {
    return CliRun.run(config, args);
  }

  private CliRun add(Subscription s) {
    return cli("feeds", "add", "--zk", zk.getConnectString(), "--no-check", s.url().toString());
  }

  /** Reads the list as a command does. */
  private List<Subscription> read() throws IOException {
    try (FeedList list = FeedList.connect(settings("cli"))) {
      return list.read();
    }
  }

  private ShareSettings settings(String id) {
    return new ShareSettings(zk.getConnectString(), "test", SESSION, id);
  }

  private Daemon daemon(String id) throws Exception {
    return daemon(id, List.of());
  }

  private Daemon daemon(String id, List<Subscription> file) throws Exception {
    Daemon d = new Daemon(id, file);
    daemons.add(d);
    return d;
  }

  private long requests(Subscription s) {
    return http.findAll(getRequestedFor(urlPathEqualTo(s.url().getPath()))).size();
  }

  private static boolean tickBoth(Daemon... ds) throws Exception {
    for (Daemon d : ds) {
      d.tick();
    }
    return true;
  }

  /** Ticks {@code ds} until each listed feed has been fetched by one of them. */
  private void fetchAll(Daemon... ds) throws Exception {
    await(
        "every listed feed fetched",
        () -> {
          tickBoth(ds);
          for (Subscription s : ds[0].list.current()) {
            boolean any = false;
            for (Daemon d : ds) {
              any |= d.fetched(s);
            }
            if (!any) {
              return false;
            }
          }
          return true;
        });
  }

  private static void awaitListed(int n, Daemon... ds) throws Exception {
    for (Daemon d : ds) {
      await(d.id + " lists " + n + " feeds", () -> d.list.current().size() == n);
    }
  }

  /**
   * One daemon as {@code feedfold daemon} builds it in a cluster: its own index, the group, the
   * group's list as the schedule's subscriptions, and the leader's seeding job over its own file.
   */
  private final class Daemon implements AutoCloseable {
    final String id;
    final Path opml;
    final CuratorFramework client;
    final FetchGroup group;
    final FeedList.Watch list;
    final LeaderJobs jobs;
    final HttpFetcher fetcher;
    final ArticleIndex index;
    final Scheduler scheduler;
    private boolean left;

    Daemon(String id, List<Subscription> file) throws Exception {
      this.id = id;
      this.opml = dir.resolve(id + "-feeds.opml");
      Subscriptions.add(opml, file);
      client =
          CuratorFrameworkFactory.builder()
              .connectString(zk.getConnectString())
              .sessionTimeoutMs((int) SESSION.toMillis())
              .connectionTimeoutMs((int) SESSION.toMillis())
              .retryPolicy(new BoundedExponentialBackoffRetry(50, 500, 20))
              .build();
      client.start();
      group = FetchGroup.join(client, settings(id));
      list = group.feeds().watch();
      list.awaitLoaded(Await.LIMIT);
      FeedList.FileFeeds local =
          new FeedList.FileFeeds() {
            @Override
            public List<Subscription> subscriptions() throws IOException {
              try {
                return Subscriptions.read(opml);
              } catch (org.feedfold.config.ConfigException e) {
                throw new IOException(e.getMessage(), e);
              }
            }

            @Override
            public String name() {
              return opml.toString();
            }
          };
      jobs =
          new LeaderJobs(
              group,
              clock,
              Duration.ofSeconds(1),
              List.of(
                  new LeaderJobs.Job(
                      "seed", Duration.ofMinutes(1), () -> group.feeds().seedOnce(local))));
      fetcher = new HttpFetcher(FetchSettings.defaults("test"));
      index = ArticleIndex.open(dir.resolve(id), ClusterSettings.defaults(), clock);
      scheduler =
          new Scheduler(
              list::current,
              TestIngesters.create(fetcher, index, clock),
              index,
              4,
              clock,
              Duration.ofMinutes(1),
              Duration.ofSeconds(10),
              group);
    }

    /** Returns the subscriptions of this daemon's own file. */
    List<Subscription> file() throws Exception {
      return Subscriptions.read(opml);
    }

    /** Runs one tick of the schedule and waits (bounded) for the fetches it started. */
    void tick() throws Exception {
      scheduler.tickOnce();
      await(id + "'s fetches end", () -> scheduler.inFlight() == 0);
    }

    boolean fetched(Subscription s) throws IOException {
      return index.feedState(s.url().toString()).isPresent();
    }

    int fetchedCount() throws IOException {
      int n = 0;
      for (Subscription s : subs) {
        n += fetched(s) ? 1 : 0;
      }
      return n;
    }

    /** Stops cleanly: the fetches end, then the daemon leaves the group. */
    void leave() {
      if (!left) {
        left = true;
        scheduler.close();
        jobs.close();
        list.close();
        group.close();
      }
    }

    @Override
    public void close() throws IOException {
      leave();
      client.close();
      index.close();
      fetcher.close();
    }
  }
}
