package org.feedfold.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.config.Subscriptions;
import org.feedfold.coord.FeedList;
import org.feedfold.coord.ShareSettings;
import org.feedfold.ingest.FeedIngester;
import org.feedfold.ingest.FeedReport;
import org.feedfold.model.Credentials;
import org.feedfold.model.FeedState;
import org.feedfold.model.Subscription;
import org.feedfold.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Fetches every subscription (or one) once, now, ignoring the schedule, then exits. What servers
 * said still binds it: a feed that is disabled (HTTP 410) or backing off (a {@code Retry-After}, or
 * failures in a row) is skipped, saying until when, unless {@code --force}. While a daemon runs on
 * the same data directory (and so holds the index), the daemon is asked to fetch ({@code POST
 * /api/fetch}) and its report is printed the same way.
 *
 * <p>In a cluster ({@code --zk} or {@code cluster.zk-hosts}) the subscriptions are the cluster's
 * list in ZooKeeper ({@link FeedList}), not {@code feeds.file}, and every feed of it is fetched
 * once, whichever daemon owns it: a fetch by hand is a user's explicit request, as a daemon's
 * {@code POST /api/fetch} is, and is not asked of the fetch group. A feed a daemon fetches at the
 * same moment is fetched twice, which stores its entries once (articles are keyed by their ids). A
 * feed moved by permanent redirects is moved in the cluster's list.
 */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description =
        "Fetch all subscriptions (or one) once, now, and index them; exit 1 if any failed."
            + " Disabled feeds and feeds backing off (Retry-After, failures) are skipped"
            + " unless --force.")
final class FetchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand FeedfoldCommand root;

  @Option(
      names = "--feed",
      paramLabel = "URL",
      description = "Fetch only this feed (need not be subscribed).")
  String feed;

  @Option(
      names = "--force",
      description = "Also fetch disabled feeds and feeds backing off (ignores Retry-After).")
  boolean force;

  @Option(
      names = "--zk",
      paramLabel = "HOST:PORT[,HOST:PORT...][/CHROOT]",
      description =
          "The cluster's ZooKeeper: fetch every feed of the list its daemons share, whichever"
              + " daemon owns it (default: cluster.zk-hosts; without either, the OPML file"
              + " feeds.file).")
  String zk;

  @Override
  public Integer call() throws Exception {
    FeedfoldConfig config = root.config();
    URI only = feed == null ? null : FeedsCommand.parseUrl(spec, feed);
    ShareSettings cluster = ClusterList.settings(spec, config, zk);
    List<Subscription> all = cluster == null ? Subscriptions.read(config.feedsFile()) : null;
    PrintWriter out = spec.commandLine().getOut();
    Optional<DaemonFile.Running> daemon = DaemonFile.running(config.dataDir());
    if (daemon.isPresent()) {
      // The daemon holds the index: it fetches, and we print what it did (issue 10).
      return new DaemonClient(daemon.get(), config.serveSettings(null, null).token())
          .fetch(only, force, out);
    }
    try (FeedList shared = cluster == null ? null : ClusterList.connect(cluster, zk)) {
      if (shared != null) {
        all = shared.read();
      }
      return fetch(
          config,
          all,
          select(all, only),
          shared == null ? Cli.relocator(config.feedsFile()) : shared::move,
          out);
    }
  }

  /**
   * Fetches {@code subs} of the subscriptions {@code all} into the index, printing a line per feed
   * and the summary; returns the exit code.
   */
  private int fetch(
      FeedfoldConfig config,
      List<Subscription> all,
      List<Subscription> subs,
      FeedIngester.Relocator relocator,
      PrintWriter out)
      throws Exception {
    int failed = 0;
    int skipped = 0;
    InstantSource clock = InstantSource.system();
    try (Stages stages = Stages.create(config);
        Store index = Cli.openIndex(config)) {
      FeedIngester ingester =
          new FeedIngester(stages.forIngest(), index, config.ingestSettings(), clock, relocator);
      ingester.subscriptions(all);
      ExecutorService pool = Cli.pool("feedfold-fetch", config.ingestSettings().concurrency());
      try {
        List<Future<FeedReport>> results = new ArrayList<>();
        Instant now = Instant.ofEpochMilli(clock.millis());
        for (Subscription s : subs) {
          String why = force ? null : holdReason(index.feedState(s.url().toString()), now);
          if (why != null) {
            skipped++;
            out.println(line(s.url().toString(), "skipped", 0, 0, 0, why));
            continue;
          }
          results.add(pool.submit(() -> ingester.ingest(s)));
        }
        for (Future<FeedReport> f : results) {
          FeedReport r = f.get();
          if (!r.ok()) {
            failed++;
          }
          out.println(
              line(
                  r.url().toString(), r.outcome(), r.entries(), r.added(), r.changed(), r.error()));
          out.flush();
        }
        ingester.flush();
      } finally {
        pool.shutdownNow();
      }
    }
    out.println(summary(subs.size(), failed, skipped));
    out.flush();
    return failed == 0 ? 0 : 1;
  }

  /**
   * Returns the subscriptions a fetch covers: all of {@code subs}, or the one with URL {@code only}
   * (a URL not subscribed is fetched all the same).
   */
  static List<Subscription> select(List<Subscription> subs, URI only) {
    if (only == null) {
      return subs;
    }
    URI key = Credentials.strip(only);
    List<Subscription> one = subs.stream().filter(s -> s.url().equals(key)).toList();
    return one.isEmpty() ? List.of(new Subscription(only, null, null)) : one;
  }

  /** Returns the report line of one feed, the same whether fetched here or by the daemon. */
  static String line(
      String url, String outcome, int entries, int added, int changed, String error) {
    if (outcome.equals("skipped")) {
      return "skipped       " + url + "  " + error + "; --force to fetch now";
    }
    if (error != null) {
      return "failed        " + url + "  " + error;
    }
    return String.format(
        Locale.ROOT,
        "%-13s %s  %d entries, %d new, %d changed",
        outcome,
        url,
        entries,
        added,
        changed);
  }

  /** Returns the last line: how many of how many feeds were fetched, and skipped. */
  static String summary(int feeds, int failed, int skipped) {
    return (feeds - failed - skipped)
        + " of "
        + feeds
        + " feeds fetched"
        + (skipped > 0 ? ", " + skipped + " skipped" : "");
  }

  /**
   * Returns why a feed must not be fetched now, or {@code null}: it is disabled, or it is backing
   * off (its last attempts failed or were rate limited, and the next attempt is not due yet).
   */
  static String holdReason(Optional<FeedState> state, Instant now) {
    if (state.isEmpty()) {
      return null;
    }
    FeedState s = state.get();
    if (s.disabled()) {
      return "disabled" + (s.lastError() == null ? "" : " after " + s.lastError());
    }
    if (s.errors() > 0 && s.nextFetch() != null && s.nextFetch().isAfter(now)) {
      return "backing off until " + s.nextFetch() + " after " + s.lastError();
    }
    return null;
  }
}
