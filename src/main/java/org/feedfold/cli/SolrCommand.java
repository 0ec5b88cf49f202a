package org.feedfold.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.solr.SolrSettings;
import org.feedfold.solr.SolrSetup;
import org.feedfold.solr.SolrStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Prepares a SolrCloud for {@code store.type=solr} (issue 13). */
@Command(
    name = "solr",
    mixinStandardHelpOptions = true,
    description = "Prepare a SolrCloud cluster as the store (store.type=solr).",
    subcommands = {
      SolrCommand.Init.class,
      SolrCommand.CleanClaims.class,
      SolrCommand.BackfillKeys.class
    })
final class SolrCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand FeedfoldCommand root;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "Missing subcommand: init, clean-claims, backfill-keys");
  }

  /** Uploads the configset and creates the collection. */
  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = {
        "Upload Feedfold's configset to SolrCloud's ZooKeeper and create the collection.",
        "The Solr nodes need feedfold.jar on their library path (see docs/SCALING.md)."
      })
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand SolrCommand solr;

    @Mixin Target target;

    @Option(names = "--shards", paramLabel = "N", description = "Shards (default: 2).")
    int shards = 2;

    @Option(
        names = "--replicas",
        paramLabel = "N",
        description = "Replicas of each shard (default: 2).")
    int replicas = 2;

    @Option(
        names = "--by-month",
        description = {
          "Partition articles by month: a time routed alias NAME of one collection per month"
              + " (routed on when each article was first stored) and a collection NAME_stories"
              + " for stories, claims, redirects and feed state. Idempotent: completes what is"
              + " missing, leaves what exists."
        })
    boolean byMonth;

    @Override
    public Integer call() throws Exception {
      FeedfoldConfig config = solr.root.config();
      if (shards < 1 || shards > 1024) {
        throw new ParameterException(spec.commandLine(), "--shards must be 1..1024");
      }
      if (replicas < 1 || replicas > 16) {
        throw new ParameterException(spec.commandLine(), "--replicas must be 1..16");
      }
      SolrSettings settings;
      try {
        settings = target.settings(config);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (byMonth) {
        SolrSetup.ByMonth m =
            SolrSetup.initByMonth(
                settings,
                shards,
                replicas,
                config.clusterSettings(),
                InstantSource.system().instant());
        out.printf(
            Locale.ROOT,
            "%s time routed alias %s (a collection per month, %d shards x %d replicas) and"
                + " collection %s at %s%n",
            m.created() ? "created" : "found",
            m.alias(),
            shards,
            replicas,
            m.stories(),
            settings.connectString());
        out.flush();
        return 0;
      }
      SolrSetup.Created c = SolrSetup.init(settings, shards, replicas, config.clusterSettings());
      out.printf(
          Locale.ROOT,
          "created collection %s (%d shards x %d replicas, configset %s) at %s%n",
          c.collection(),
          c.shards(),
          c.replicas(),
          c.configset(),
          settings.connectString());
      out.flush();
      return 0;
    }
  }

  /** Deletes shingle claims older than {@code store.solr.claims-max-age}. */
  @Command(
      name = "clean-claims",
      mixinStandardHelpOptions = true,
      description = {
        "Delete the shingle claims older than store.solr.claims-max-age (default 1d).",
        "Claims are 8 small documents per new story, all on one shard, needed only until the"
            + " story's first article is committed. The daemons' leader does it every hour; this"
            + " is for a cluster without cluster.zk-hosts, or at once."
      })
  static final class CleanClaims implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand SolrCommand solr;

    @Mixin Target target;

    @Option(
        names = "--every-shard",
        description = {
          "Ask every shard, not only the claims' one: also deletes old claims written by versions"
              + " before claims were routed to one shard (once after upgrading from them)."
        })
    boolean everyShard;

    @Override
    public Integer call() throws Exception {
      FeedfoldConfig config = solr.root.config();
      SolrSettings settings;
      Duration age;
      try {
        settings = target.settings(config);
        age = config.solrClaimsMaxAge();
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      long n;
      try (SolrStore store =
          SolrStore.open(settings, config.clusterSettings(), InstantSource.system(), false)) {
        n = store.cleanClaims(age, everyShard);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "deleted the shingle claims older than %s in %s (%d of them were committed)%n",
          HumanDuration.format(age),
          settings.collection(),
          n);
      out.flush();
      return 0;
    }
  }

  /** Writes the key documents of a collection written before them, then its marker. */
  @Command(
      name = "backfill-keys",
      mixinStandardHelpOptions = true,
      description = {
        "Write the key documents of a collection written before them (before 2026-11-30).",
        "Writes the canonical-key and page-key documents of every article, then marks the"
            + " collection, so that re-issued entries and pages listed twice are found by"
            + " real-time get instead of a search. Safe while daemons run; restart them afterwards"
            + " to use it. Can be run again."
      })
  static final class BackfillKeys implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand SolrCommand solr;

    @Mixin Target target;

    @Override
    public Integer call() throws Exception {
      FeedfoldConfig config = solr.root.config();
      SolrSettings settings;
      try {
        settings = target.settings(config);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      SolrStore.KeysBackfilled b;
      try (SolrStore store =
          SolrStore.open(settings, config.clusterSettings(), InstantSource.system(), false)) {
        b = store.backfillKeys();
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "%s: %d articles, %d key documents written, %d kept; lookups by key need no search now%n",
          settings.collection(),
          b.articles(),
          b.written(),
          b.kept());
      out.flush();
      return 0;
    }
  }

  /** The cluster a {@code solr} command works on: options, else the configuration's store keys. */
  static final class Target {
    @Option(
        names = "--zk",
        paramLabel = "HOST:PORT[,HOST:PORT...][/CHROOT]",
        description = "SolrCloud's ZooKeeper (default: store.solr.zk-hosts).")
    String zk;

    @Option(
        names = "--collection",
        paramLabel = "NAME",
        description = "The collection (default: store.solr.collection).")
    String collection;

    /**
     * Returns the settings these options and {@code config} give.
     *
     * @throws IllegalArgumentException naming the option or key that is wrong
     */
    SolrSettings settings(FeedfoldConfig config) {
      return SolrSettings.parse(
          zk != null ? zk : config.solrSettingsZk(),
          collection != null ? collection : config.solrSettingsCollection());
    }
  }
}
