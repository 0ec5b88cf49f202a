package org.feedfold.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.feedfold.config.ConfigException;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.config.Subscriptions;
import org.feedfold.coord.FeedList;
import org.feedfold.coord.FetchGroup;
import org.feedfold.coord.LeaderJobs;
import org.feedfold.coord.ShareSettings;
import org.feedfold.index.IndexStats;
import org.feedfold.index.StoryExplanation;
import org.feedfold.ingest.FeedIngester;
import org.feedfold.ingest.Scheduler;
import org.feedfold.ingest.WebSub;
import org.feedfold.ingest.WebSubSettings;
import org.feedfold.metrics.Metrics;
import org.feedfold.model.FeedState;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Story;
import org.feedfold.model.Subscription;
import org.feedfold.serve.ApiSource;
import org.feedfold.serve.FeedServer;
import org.feedfold.serve.PushReceiver;
import org.feedfold.serve.SavedFeed;
import org.feedfold.serve.ServeSettings;
import org.feedfold.serve.StoryArchive;
import org.feedfold.serve.StoryLookup;
import org.feedfold.serve.StorySource;
import org.feedfold.solr.SolrStore;
import org.feedfold.store.SavedStories;
import org.feedfold.store.Store;
import org.feedfold.store.StoreSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Runs the fetch schedule and the merged-feed server until SIGTERM or SIGINT, then shuts down
 * gracefully: stops scheduling, lets running fetches commit, stops the server, closes the index.
 */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description =
        "Run the fetch schedule and serve the merged feed until stopped (SIGTERM/SIGINT).")
final class DaemonCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @ParentCommand FeedfoldCommand root;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description = "Listen address (default: http.bind).")
  String bind;

  @Option(names = "--port", paramLabel = "N", description = "Listen port (default: http.port).")
  Integer port;

  @Override
  public Integer call() throws Exception {
    FeedfoldConfig config = root.config();
    ServeSettings serve;
    try {
      serve = config.serveSettings(bind, port);
    } catch (IllegalArgumentException e) {
      // --bind/--port break a rule (a non-loopback bind needs http.token): a usage error.
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    run(config, serve, server -> {});
    return 0;
  }

  /**
   * Runs the daemon on {@code config} until SIGTERM or SIGINT: the fetch schedule and the
   * merged-feed server on {@code serve}; {@code onServing} is told the server's address once it
   * answers. Shared by {@code daemon} and {@code demo}, so the demo runs exactly what users run.
   */
  static void run(FeedfoldConfig config, ServeSettings serve, Consumer<URI> onServing)
      throws Exception {
    // Everything the user wrote is checked before anything starts: no partial daemon. With the
    // cluster's list in ZooKeeper the file is optional: it only seeds a new cluster's list.
    ShareSettings shared = config.shareSettings();
    if (shared == null || Files.exists(config.feedsFile())) {
      Subscriptions.read(config.feedsFile());
    }
    Logging.validate(config.home());
    // The index lock next (openIndex also checks the data directory can be written): a second
    // daemon on the same data directory must fail before it opens (and so may append to, or roll)
    // the running daemon's log file (issue 9).
    Store opened = Cli.openIndex(config);
    try {
      // A new index is committed empty at once: CLI reads open the last commit, and with commits
      // grouped the first fetches are committed only when their pass ends (issue 10).
      opened.commit();
      Logging.toDataDir(config.home(), config.dataDir());
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
    InstantSource clock = InstantSource.system();
    CountDownLatch stopRequested = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              log().info("stopping: letting running fetches finish and commit");
              stopRequested.countDown();
              awaitQuietly(closed, Duration.ofSeconds(60));
            },
            "feedfold-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    // The group and its list close after the scheduler (resources close in reverse): the fetches
    // it granted end first.
    try (Store index = opened;
        Stages stages = Stages.create(config);
        FetchGroup group = shared == null ? null : FetchGroup.connect(shared);
        FeedList.Watch list = group == null ? null : group.feeds().watch()) {
      if (list != null) {
        list.awaitLoaded(LIST_LOAD);
      }
      Scheduler.SubscriptionSource subscriptions =
          list == null ? Cli.watch(config.feedsFile()) : list::current;
      FeedIngester ingester =
          new FeedIngester(
              stages.forIngest(),
              index,
              config.ingestSettings(),
              clock,
              group == null ? Cli.relocator(config.feedsFile()) : group.feeds()::move);
      DaemonControl control = new DaemonControl(config, index, ingester, clock, subscriptions);
      try (LeaderJobs jobs = group == null ? null : leaderJobs(group, config, clock, index);
          FeedServer server =
              new FeedServer(
                  serve,
                  stories(index, serve),
                  lookup(index),
                  api(index, subscriptions, stallAfter(config)),
                  control,
                  clock);
          Scheduler scheduler =
              new Scheduler(
                  subscriptions,
                  ingester,
                  index,
                  config.ingestSettings().concurrency(),
                  clock,
                  tick(config),
                  Duration.ofSeconds(30),
                  group == null ? Scheduler.Share.ALL : group)) {
        if (group != null && config.storeSettings().type() == StoreSettings.Type.SOLR) {
          // One store behind the daemons: its merged feed changes once, told once, by the leader.
          server.pingOnlyWhile(group::leads);
        }
        WebSubSettings push = config.webSubSettings();
        if (push != null) {
          server.push(
              receiver(
                  new WebSub(
                      push,
                      stages.forIngest().feeds(),
                      ingester,
                      config.dataDir(),
                      clock,
                      new SecureRandom())));
        }
        Metrics.watchIndex(index::stats);
        Metrics.watchQueue(scheduler::inFlight);
        control.attach(scheduler);
        listen(server, serve);
        // Where `fetch` finds the running daemon; removed on a clean exit (issue 10).
        DaemonFile.write(config.dataDir(), loopback(server.address()));
        if (jobs != null) {
          jobs.start();
        }
        scheduler.start();
        log()
            .info(
                "feedfold {} serving {}feed.atom; subscriptions in {}; data in {}",
                FeedfoldCommand.version(),
                server.address(),
                group == null ? config.feedsFile() : group.feeds().where(),
                config.dataDir());
        onServing.accept(server.address());
        stopRequested.await();
      }
      log().info("stopped");
    } finally {
      DaemonFile.remove(config.dataDir());
      closed.countDown();
    }
  }

  /** How long a daemon waits for the cluster's subscription list at start. */
  private static final Duration LIST_LOAD = Duration.ofMinutes(1);

  /**
   * Returns the jobs the group's leader runs for all daemons: seeding the cluster's list from this
   * daemon's {@code feeds.file} when the cluster starts with none (once per cluster), and on
   * SolrCloud the settle pass ({@link SolrStore#settle}, {@code store.solr.settle-articles}) and
   * the clean-up of old shingle claims ({@link SolrStore#cleanClaims}, {@code
   * store.solr.claims-max-age}).
   */
  static LeaderJobs leaderJobs(
      FetchGroup group, FeedfoldConfig config, InstantSource clock, Store store) {
    FeedList feeds = group.feeds();
    FeedList.FileFeeds file = fileFeeds(config.feedsFile());
    AtomicBoolean seeded = new AtomicBoolean();
    LeaderJobs.Job seed =
        new LeaderJobs.Job(
            "seed the subscription list",
            Duration.ofMinutes(1),
            () -> {
              if (!seeded.get()) {
                feeds.seedOnce(file);
                seeded.set(true);
              }
            });
    List<LeaderJobs.Job> jobs = new ArrayList<>(List.of(seed));
    int settle = config.solrSettleArticles();
    if (store instanceof SolrStore solr && settle > 0) {
      // Passes at least a commit interval apart: each article is looked at by the two passes
      // after its add, and the second sees every add of its commit interval (docs/SCALING.md).
      Duration every = Duration.ofSeconds(5);
      Duration commit = config.ingestSettings().commitInterval();
      jobs.add(
          new LeaderJobs.Job(
              "settle stories split between commits",
              commit.compareTo(every) > 0 ? commit : every,
              () -> {
                SolrStore.Settled s = solr.settle(settle);
                if (s.skipped() > 0) {
                  log()
                      .warn(
                          "settle pass: {} recent articles over store.solr.settle-articles={}"
                              + " were not looked at again",
                          s.skipped(),
                          settle);
                }
                if (s.merged() > 0) {
                  log().info("settle pass: merged {} stories split between commits", s.merged());
                }
              }));
    }
    if (store instanceof SolrStore solr) {
      // Claims are needed for a commit interval or so, and kept a day: once an hour is plenty.
      Duration age = config.solrClaimsMaxAge();
      jobs.add(
          new LeaderJobs.Job(
              "delete shingle claims older than store.solr.claims-max-age",
              Duration.ofHours(1),
              () -> {
                long n = solr.cleanClaims(age, false);
                log().debug("deleted shingle claims older than {} ({} committed)", age, n);
              }));
    }
    return new LeaderJobs(group, clock, Duration.ofSeconds(5), jobs);
  }

  /** Returns the subscriptions of {@code opml} for seeding: none if there is no file. */
  static FeedList.FileFeeds fileFeeds(Path opml) {
    return new FeedList.FileFeeds() {
      @Override
      public List<Subscription> subscriptions() throws IOException {
        if (!Files.exists(opml)) {
          return List.of();
        }
        try {
          return Subscriptions.read(opml);
        } catch (ConfigException e) {
          throw new IOException(e.getMessage(), e);
        }
      }

      @Override
      public String name() {
        return opml.toString();
      }
    };
  }

  /** Hands the server's WebSub callbacks to the subscriber (serve does not know ingest). */
  private static PushReceiver receiver(WebSub webSub) {
    return new PushReceiver() {
      @Override
      public String verify(
          String id, String mode, String topic, String challenge, String leaseSeconds) {
        return webSub.verify(id, mode, topic, challenge, leaseSeconds);
      }

      @Override
      public boolean deliver(String id, byte[] body, String contentType, String signature)
          throws IOException {
        return webSub.deliver(id, body, contentType, signature);
      }

      @Override
      public long maxBody() {
        return webSub.maxBody();
      }
    };
  }

  /**
   * Returns the server's address as a loopback client reaches it: a wildcard bind becomes
   * 127.0.0.1.
   */
  private static URI loopback(URI address) {
    String host = address.getHost();
    if (host.equals("0.0.0.0") || host.equals("[::]") || host.equals("[0:0:0:0:0:0:0:0]")) {
      return URI.create("http://127.0.0.1:" + address.getPort() + "/");
    }
    return address;
  }

  /**
   * Returns how often the schedule looks for due feeds: 5 s, or half the shortest poll interval
   * when that is shorter (at least 1 s), so a short interval is kept.
   */
  static Duration tick(FeedfoldConfig config) {
    Duration half = config.refreshSettings().minInterval().dividedBy(2);
    Duration tick = half.compareTo(Duration.ofSeconds(5)) < 0 ? half : Duration.ofSeconds(5);
    return tick.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tick;
  }

  /**
   * Returns how long a due feed may wait, with no fetch finishing, before {@code /healthz} says
   * fetching has stalled: three times the longer of the tick and {@code fetch.min-interval}.
   */
  static Duration stallAfter(FeedfoldConfig config) {
    Duration tick = tick(config);
    Duration min = config.refreshSettings().minInterval();
    return (tick.compareTo(min) > 0 ? tick : min).multipliedBy(3);
  }

  /** Starts the server, saying which address could not be had and which settings name it. */
  private static void listen(FeedServer server, ServeSettings serve) throws IOException {
    try {
      server.start();
    } catch (IOException e) {
      BindException bind = bindFailure(e);
      if (bind == null) {
        throw e;
      }
      String reason =
          bind.getMessage() == null ? "" : ": " + bind.getMessage().toLowerCase(Locale.ROOT);
      throw new IOException(
          "cannot listen on "
              + serve.bind()
              + ":"
              + serve.port()
              + " (http.bind and http.port, or --bind and --port)"
              + reason,
          e);
    }
  }

  private static BindException bindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException b) {
        return b;
      }
    }
    return null;
  }

  /**
   * Serves stories from the index, the saved feeds from the articles matched as they are added
   * ({@link Store#savedQueries}, seeded here, before the schedule adds any).
   */
  private static StorySource stories(Store index, ServeSettings serve) throws IOException {
    Map<String, String> queries = new LinkedHashMap<>();
    for (SavedFeed f : serve.savedFeeds()) {
      if (f.query() != null) {
        queries.put(f.name(), f.query());
      }
    }
    SavedStories saved = index.savedQueries(queries);
    StorySource merged = StorySource.of(index);
    return new StorySource() {
      @Override
      public List<Story> stories(String query, Instant since, int limit) throws IOException {
        return merged.stories(query, since, limit);
      }

      @Override
      public List<Story> saved(String name, String query, Instant since, int limit)
          throws IOException {
        return saved.stories(name, query, since, limit);
      }

      @Override
      public StoryArchive archive() {
        return merged.archive();
      }
    };
  }

  private static StoryLookup lookup(Store index) {
    return new StoryLookup() {
      @Override
      public Optional<Story> story(String id) throws IOException {
        return index.story(id);
      }

      @Override
      public Optional<StoryExplanation> explain(String id) throws IOException {
        return index.explain(id);
      }
    };
  }

  /** Answers the JSON API from the index and the subscriptions the schedule follows. */
  private static ApiSource api(
      Store index, Scheduler.SubscriptionSource subscriptions, Duration stallAfter) {
    return new ApiSource() {
      @Override
      public Duration stallAfter() {
        return stallAfter;
      }

      @Override
      public long generation() {
        try {
          return index.generation();
        } catch (IOException | RuntimeException e) {
          return -1;
        }
      }

      @Override
      public Runnable onGeneration(Runnable listener) {
        return index.onGeneration(listener);
      }

      @Override
      public List<SearchHit> search(String query, Instant since, int limit) throws IOException {
        return index.search(query, since, limit);
      }

      @Override
      public List<FeedStatus> feeds() throws IOException {
        List<Subscription> subs;
        try {
          subs = subscriptions.subscriptions();
        } catch (Exception e) {
          throw new IOException("cannot read the subscriptions: " + e.getMessage(), e);
        }
        Map<String, FeedState> states = new HashMap<>();
        index.feedStates().forEach(s -> states.put(s.url(), s));
        return subs.stream()
            .map(
                s ->
                    new FeedStatus(
                        s,
                        states.getOrDefault(
                            s.url().toString(), FeedState.initial(s.url().toString()))))
            .toList();
      }

      @Override
      public IndexStats stats() throws IOException {
        return index.stats();
      }
    };
  }

  private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
    try {
      latch.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns this command's logger; not a static field, which picocli would initialise with Logback
   * when it builds the model for help (issue 11, start time).
   */
  private static Logger log() {
    return LoggerFactory.getLogger(DaemonCommand.class);
  }
}
