package org.feedfold.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.config.Subscriptions;
import org.feedfold.coord.FeedList;
import org.feedfold.coord.ShareSettings;
import org.feedfold.index.FeedSummary;
import org.feedfold.index.IndexStats;
import org.feedfold.model.FeedState;
import org.feedfold.model.Subscription;
import org.feedfold.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Prints what the index holds and how the subscriptions fare: articles, stories, feeds ok, failing
 * and disabled, index size, last fetch, and the failing feeds' errors by kind. The feeds are those
 * of the subscription list when it exists (a feed never fetched counts as never fetched, not ok),
 * else those the index remembers. In a cluster ({@code --zk} or {@code cluster.zk-hosts}) the list
 * is the cluster's, in ZooKeeper ({@link FeedList}), not {@code feeds.file}.
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Show counts of articles, stories and feeds (ok / failing / disabled), the index size, the"
          + " last fetch and the feeds' errors by kind.",
      "--json keys: data_dir, articles, stories, feeds, feeds_ok, feeds_failing, feeds_disabled,"
          + " feeds_never_fetched, index_bytes, last_fetch, errors_by_kind."
    })
final class StatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand FeedfoldCommand root;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(
      names = "--zk",
      paramLabel = "HOST:PORT[,HOST:PORT...][/CHROOT]",
      description =
          "The cluster's ZooKeeper: count the feeds of the list its daemons share (default:"
              + " cluster.zk-hosts; without either, the OPML file feeds.file).")
  String zk;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    FeedfoldConfig config = root.config();
    ShareSettings cluster = ClusterList.settings(spec, config, zk);
    List<Subscription> listed = null;
    if (cluster != null) {
      try (FeedList shared = ClusterList.connect(cluster, zk)) {
        listed = shared.read();
      }
    } else if (Files.isRegularFile(config.feedsFile())) {
      listed = Subscriptions.read(config.feedsFile());
    }
    try (Store index = Cli.openReader(config)) {
      IndexStats s = index.stats();
      FeedSummary f = FeedSummary.of(feeds(listed, index.feedStates()));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("data_dir", config.dataDir().toString());
      m.put("articles", s.articles());
      m.put("stories", s.stories());
      m.put("feeds", f.feeds());
      m.put("feeds_ok", f.ok());
      m.put("feeds_failing", f.failing());
      m.put("feeds_disabled", f.disabled());
      m.put("feeds_never_fetched", f.neverFetched());
      m.put("index_bytes", s.bytes());
      m.put("last_fetch", f.lastFetch());
      m.put("errors_by_kind", f.errorsByKind());
      if (json) {
        out.println(Json.line(m));
      } else {
        print(out, config, s, f, root.terminal(), InstantSource.system().instant());
      }
    }
    out.flush();
    return 0;
  }

  /**
   * Returns one state per subscription of {@code listed} (initial if never fetched), or the index's
   * states when there is no list ({@code null}).
   */
  private static List<FeedState> feeds(List<Subscription> listed, List<FeedState> known) {
    if (listed == null) {
      return known;
    }
    Map<String, FeedState> byUrl =
        known.stream().collect(Collectors.toMap(FeedState::url, x -> x, (a, b) -> a));
    List<FeedState> out = new ArrayList<>();
    for (Subscription sub : listed) {
      String url = sub.url().toString();
      out.add(byUrl.getOrDefault(url, FeedState.initial(url)));
    }
    return out;
  }

  private static void print(
      PrintWriter out,
      FeedfoldConfig config,
      IndexStats s,
      FeedSummary f,
      Terminal t,
      Instant now) {
    String feeds =
        String.format(
            Locale.ROOT,
            "%,d: %d ok, %d failing, %d disabled%s",
            f.feeds(),
            f.ok(),
            f.failing(),
            f.disabled(),
            f.neverFetched() == 0 ? "" : ", " + f.neverFetched() + " never fetched");
    String errors =
        f.errorsByKind().isEmpty()
            ? "none"
            : f.errorsByKind().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    Table table = new Table().column(0, t::dim).flexible(x -> x);
    table.row("data dir", config.dataDir().toString());
    table.row("articles", String.format(Locale.ROOT, "%,d", s.articles()));
    table.row("stories", String.format(Locale.ROOT, "%,d", s.stories()));
    table.row("feeds", feeds);
    table.row("index size", size(s.bytes()));
    table.row(
        "last fetch",
        f.lastFetch() == null
            ? "never"
            : Terminal.ago(f.lastFetch(), now) + " (" + f.lastFetch() + ")");
    table.row("errors", errors);
    table.print(out, t.width());
  }

  /** Formats a byte count for people: {@code 512 bytes}, {@code 3.4 MiB}. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes / 1024.0;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
