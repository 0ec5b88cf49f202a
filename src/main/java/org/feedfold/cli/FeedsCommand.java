package org.feedfold.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.feedfold.config.ConfigException;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.config.Subscriptions;
import org.feedfold.coord.FeedList;
import org.feedfold.coord.ShareSettings;
import org.feedfold.ingest.FeedFinder;
import org.feedfold.model.Credentials;
import org.feedfold.model.FeedState;
import org.feedfold.model.Subscription;
import org.feedfold.model.WebAddress;
import org.feedfold.serve.StoryJson;
import org.feedfold.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Manages the subscriptions: the OPML file, or with {@code --zk} or {@code cluster.zk-hosts} the
 * list the cluster's daemons share in ZooKeeper ({@link FeedList}); running daemons pick changes up
 * by themselves.
 */
@Command(
    name = "feeds",
    mixinStandardHelpOptions = true,
    description = {
      "List, add, remove, import or export subscriptions (the OPML file).",
      "With --zk or cluster.zk-hosts: the list the cluster's daemons share in ZooKeeper."
    },
    subcommands = {
      FeedsCommand.ListFeeds.class,
      FeedsCommand.Add.class,
      FeedsCommand.Remove.class,
      FeedsCommand.Import.class,
      FeedsCommand.Export.class
    })
final class FeedsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand FeedfoldCommand root;

  @Option(
      names = "--zk",
      paramLabel = "HOST:PORT[,HOST:PORT...][/CHROOT]",
      scope = ScopeType.INHERIT,
      description =
          "The cluster's ZooKeeper: edit the list its daemons share (default: cluster.zk-hosts;"
              + " without either, the OPML file feeds.file).")
  String zk;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "Missing subcommand: list, add, remove, import or export");
  }

  /**
   * Returns the settings of the cluster whose list the command edits ({@code --zk}, else {@code
   * cluster.zk-hosts}), or {@code null} for the OPML file.
   */
  ShareSettings cluster(FeedfoldConfig config) {
    return ClusterList.settings(spec, config, zk);
  }

  /** Connects to the cluster's list, or returns {@code null} for the OPML file. */
  FeedList clusterList(FeedfoldConfig config) throws IOException {
    ShareSettings s = cluster(config);
    return s == null ? null : connect(s);
  }

  /**
   * Connects to the cluster's list; an unreachable ZooKeeper is reported with where its address
   * came from ({@code --zk} or {@code cluster.zk-hosts}).
   */
  FeedList connect(ShareSettings settings) throws IOException {
    return ClusterList.connect(settings, zk);
  }

  /** Lists subscriptions with their fetch status. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List subscriptions and their status.")
  static final class ListFeeds implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand FeedsCommand feeds;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      FeedfoldConfig config = feeds.root.config();
      List<Subscription> subs;
      try (FeedList shared = feeds.clusterList(config)) {
        subs = shared != null ? shared.read() : Subscriptions.read(config.feedsFile());
      }
      Map<String, FeedState> states = Map.of();
      if (Cli.hasIndex(config)) {
        try (Store index = Cli.openReader(config)) {
          states =
              index.feedStates().stream()
                  .collect(Collectors.toMap(FeedState::url, s -> s, (a, b) -> a));
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      Terminal t = feeds.root.terminal();
      Table table = Text.feedsTable(t);
      Instant now = InstantSource.system().instant();
      for (Subscription sub : subs) {
        String key = sub.url().toString();
        FeedState state = states.getOrDefault(key, FeedState.initial(key));
        if (json) {
          out.println(Json.line(StoryJson.feed(sub, state)));
        } else {
          table.row(
              state.status(),
              key,
              Text.nullToEmpty(state.title() != null ? state.title() : sub.title()),
              sub.credentials() == null
                  ? detail(state, now)
                  : join("as user '" + sub.credentials().user() + "'", detail(state, now)));
        }
      }
      table.print(out, t.width());
      out.flush();
      return 0;
    }
  }

  private static String join(String first, String rest) {
    return rest.isEmpty() ? first : first + ", " + rest;
  }

  /**
   * Returns the last column of a feed's line for people: {@code never fetched} for a new feed, the
   * failure record ({@code 3 failures since 2 d ago, retry in 4 h, last: …}, the reason last since
   * it is the part a narrow terminal cuts) for a failing one, nothing when ok.
   */
  static String detail(FeedState state, Instant now) {
    if (state.errors() > 0) {
      return state.errors()
          + (state.errors() == 1 ? " failure" : " failures")
          + (state.failingSince() == null
              ? ""
              : " since " + Terminal.ago(state.failingSince(), now))
          + (state.disabled() || state.nextFetch() == null
              ? ""
              : state.nextFetch().isAfter(now)
                  ? ", retry " + Terminal.ago(state.nextFetch(), now)
                  : ", retry due")
          + ", last: "
          + state.lastError();
    }
    if (state.lastError() != null) {
      return "last error: " + state.lastError();
    }
    return state.lastFetched() == null ? "never fetched" : "";
  }

  /** Adds one subscription. */
  @Command(name = "add", mixinStandardHelpOptions = true, description = "Subscribe to a feed URL.")
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand FeedsCommand feeds;

    @Parameters(
        paramLabel = "URL",
        description =
            "The feed's URL, or a page that advertises it: http(s), feed:// or a bare host;"
                + " https://USER:PASSWORD@host/... for a private feed.")
    String url;

    @Option(names = "--title", description = "A name for the feed (default: the feed's title).")
    String title;

    @Option(
        names = "--no-check",
        description = "Add the URL as given, without fetching it (offline, or a feed not up yet).")
    boolean noCheck;

    @Override
    public Integer call() throws Exception {
      URI u = typedUrl(spec, url);
      FeedfoldConfig config = feeds.root.config();
      PrintWriter out = spec.commandLine().getOut();
      URI feed = u;
      String name = title;
      ShareSettings cluster = feeds.cluster(config);
      if (cluster == null && Files.exists(config.feedsFile())) {
        // A broken subscription list is reported before anything is fetched.
        Subscriptions.read(config.feedsFile());
      }
      if (!noCheck) {
        FeedFinder.Found found;
        try (Stages stages = Stages.create(config)) {
          found = new FeedFinder(stages.forIngest()).find(u);
        }
        if (found instanceof FeedFinder.NotFound nf) {
          spec.commandLine()
              .getErr()
              .println(
                  "feedfold feeds add: "
                      + nf.reason()
                      + "; nothing added (--no-check adds it anyway)");
          return 1;
        }
        FeedFinder.Feed f = (FeedFinder.Feed) found;
        feed = f.url();
        name = title != null ? title : f.title();
        if (f.via() != null) {
          out.println("found " + feed + " advertised by " + f.via());
        }
      }
      // The user name and password written in the URL go with the feed found on its host.
      Credentials credentials = Credentials.of(u);
      feed = Credentials.strip(feed);
      List<Subscription> wanted =
          List.of(
              new Subscription(feed, name, null)
                  .withCredentials(Credentials.sameHost(u, feed) ? credentials : null));
      List<Subscription> added;
      if (cluster == null) {
        added = Subscriptions.add(config.feedsFile(), wanted);
      } else {
        try (FeedList shared = feeds.connect(cluster)) {
          added = shared.add(wanted).added();
        }
      }
      out.println(
          (added.isEmpty() ? "already subscribed: " : "added: ")
              + feed
              + (name == null ? "" : "  (" + name + ")")
              + (wanted.get(0).credentials() == null
                  ? ""
                  : "  as user '" + wanted.get(0).credentials().user() + "'"));
      out.flush();
      return 0;
    }
  }

  /** Removes one subscription (its articles stay in the index). */
  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Unsubscribe from a feed URL; its articles stay.")
  static final class Remove implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand FeedsCommand feeds;

    @Parameters(paramLabel = "URL", description = "The feed's URL as listed.")
    String url;

    @Override
    public Integer call() throws Exception {
      URI u = parseUrl(spec, url);
      FeedfoldConfig config = feeds.root.config();
      boolean removed;
      try (FeedList shared = feeds.clusterList(config)) {
        removed = shared != null ? shared.remove(u) : Subscriptions.remove(config.feedsFile(), u);
      }
      if (!removed) {
        spec.commandLine()
            .getErr()
            .println("feedfold feeds remove: not subscribed: " + Credentials.strip(u));
        return 1;
      }
      spec.commandLine().getOut().println("removed: " + Credentials.strip(u));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** Adds every feed of another OPML file. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = "Add every feed listed in an OPML file.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand FeedsCommand feeds;

    @Parameters(paramLabel = "FILE.opml", description = "OPML file to import.")
    Path file;

    @Override
    public Integer call() throws Exception {
      FeedfoldConfig config = feeds.root.config();
      Subscriptions.Imported r;
      ShareSettings cluster = feeds.cluster(config);
      if (cluster == null) {
        // Every outline is checked before the subscription file is touched: all or nothing.
        r = Subscriptions.importFrom(config.feedsFile(), file);
      } else {
        // Checked entirely before anything is added; the cluster's list keeps no folders.
        List<Subscription> listed = Subscriptions.read(file);
        try (FeedList shared = feeds.connect(cluster)) {
          FeedList.Added a = shared.add(listed);
          r = new Subscriptions.Imported(listed.size(), a.added(), a.subscribed(), List.of());
        }
      }
      spec.commandLine().getOut().println(summary(r));
      spec.commandLine().getOut().flush();
      return 0;
    }

    /** Says how many feeds were imported and why the others were not, naming them. */
    static String summary(Subscriptions.Imported r) {
      StringBuilder b =
          new StringBuilder("imported " + r.added().size() + " of " + r.listed() + " feeds");
      String sep = ": ";
      if (!r.subscribed().isEmpty()) {
        b.append(sep).append(r.subscribed().size()).append(" already subscribed ");
        b.append(names(r.subscribed()));
        sep = ", ";
      }
      if (!r.repeated().isEmpty()) {
        b.append(sep).append(r.repeated().size()).append(" listed twice in the file ");
        b.append(names(r.repeated()));
      }
      return b.toString();
    }

    private static String names(List<URI> urls) {
      int shown = 5;
      String list = urls.stream().limit(shown).map(URI::toString).collect(Collectors.joining(", "));
      return "(" + list + (urls.size() > shown ? ", " + (urls.size() - shown) + " more" : "") + ")";
    }
  }

  /** Writes the subscriptions as OPML 2.0. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Write the subscriptions as OPML 2.0 (to stdout without FILE).")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand FeedsCommand feeds;

    @Parameters(paramLabel = "FILE.opml", arity = "0..1", description = "Where to write.")
    Path file;

    @Override
    public Integer call() throws Exception {
      FeedfoldConfig config = feeds.root.config();
      ShareSettings cluster = feeds.cluster(config);
      if (cluster != null) {
        List<Subscription> subs;
        try (FeedList shared = feeds.connect(cluster)) {
          subs = shared.read();
        }
        if (file == null) {
          Subscriptions.export(subs, spec.commandLine().getOut());
          spec.commandLine().getOut().flush();
        } else {
          try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Subscriptions.export(subs, w);
          } catch (NoSuchFileException e) {
            throw new ConfigException(
                file, 0, "no such directory: " + file.toAbsolutePath().getParent());
          }
        }
        return 0;
      }
      Path source = config.feedsFile();
      if (file == null) {
        Subscriptions.export(source, spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
      } else {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          Subscriptions.export(source, w);
        } catch (NoSuchFileException e) {
          throw new ConfigException(
              file, 0, "no such directory: " + file.toAbsolutePath().getParent());
        }
      }
      return 0;
    }
  }

  /**
   * Reads a feed URL to subscribe to as typed: an IRI as a browser would ask for it, {@code
   * feed://} as the http URL it wraps, and a URL without a scheme as https ({@code add} checks it
   * by fetching it).
   */
  static URI typedUrl(CommandSpec spec, String text) {
    try {
      return WebAddress.typed(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Reads the URL of a listed feed: absolute http(s), an IRI as a browser would ask for it. */
  static URI parseUrl(CommandSpec spec, String text) {
    try {
      return Subscriptions.feedUrl(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
