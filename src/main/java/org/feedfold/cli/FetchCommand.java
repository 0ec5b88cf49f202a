package org.feedfold.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.config.Subscriptions;
import org.feedfold.index.ArticleIndex;
import org.feedfold.ingest.FeedIngester;
import org.feedfold.ingest.FeedReport;
import org.feedfold.model.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Fetches every subscription (or one) once, now, ignoring the schedule, then exits. */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description =
        "Fetch all subscriptions (or one) once, now, and index them; exit 1 if any failed.")
final class FetchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand FeedfoldCommand root;

  @Option(
      names = "--feed",
      paramLabel = "URL",
      description = "Fetch only this feed (need not be subscribed).")
  String feed;

  @Override
  public Integer call() throws Exception {
    FeedfoldConfig config = root.config();
    List<Subscription> subs;
    if (feed != null) {
      URI url = FeedsCommand.parseUrl(spec, feed);
      subs =
          Subscriptions.read(config.feedsFile()).stream().filter(s -> s.url().equals(url)).toList();
      if (subs.isEmpty()) {
        subs = List.of(new Subscription(url, null, null));
      }
    } else {
      subs = Subscriptions.read(config.feedsFile());
    }
    PrintWriter out = spec.commandLine().getOut();
    int failed = 0;
    try (Stages stages = Stages.create(config);
        ArticleIndex index = Cli.openIndex(config)) {
      FeedIngester ingester =
          new FeedIngester(
              stages.forIngest(), index, config.ingestSettings(), InstantSource.system());
      ExecutorService pool = Cli.pool("feedfold-fetch", config.ingestSettings().concurrency());
      try {
        List<Future<FeedReport>> results = new ArrayList<>();
        for (Subscription s : subs) {
          results.add(pool.submit(() -> ingester.ingest(s)));
        }
        for (Future<FeedReport> f : results) {
          FeedReport r = f.get();
          if (!r.ok()) {
            failed++;
            out.println("failed        " + r.url() + "  " + r.error());
          } else {
            out.println(
                String.format(
                    java.util.Locale.ROOT,
                    "%-13s %s  %d entries, %d new, %d changed",
                    r.outcome(),
                    r.url(),
                    r.entries(),
                    r.added(),
                    r.changed()));
          }
          out.flush();
        }
      } finally {
        pool.shutdownNow();
      }
    }
    out.println(subs.size() - failed + " of " + subs.size() + " feeds fetched");
    out.flush();
    return failed == 0 ? 0 : 1;
  }
}
