package org.feedfold.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.config.Subscriptions;
import org.feedfold.index.ArticleIndex;
import org.feedfold.ingest.Scheduler;
import org.feedfold.model.Subscription;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Holds what several commands do the same way: open the index, check numeric options. */
final class Cli {
  private Cli() {}

  /**
   * Opens the index under the configured data directory for writing (creating it).
   *
   * @throws IOException naming the directory if it cannot be written, or if another process holds
   *     the index
   */
  static ArticleIndex openIndex(FeedfoldConfig config) throws IOException {
    requireWritable(config.dataDir());
    return ArticleIndex.open(
        config.dataDir().resolve("index"), config.clusterSettings(), InstantSource.system());
  }

  /**
   * Fails with a message naming {@code dir} unless it exists (or can be created) and a file can be
   * created in it. Tries for real: {@code Files.isWritable} says yes to root on a read-only mount.
   */
  static void requireWritable(Path dir) throws IOException {
    try {
      Files.createDirectories(dir);
      Files.delete(Files.createTempFile(dir, ".write-check", ""));
    } catch (IOException e) {
      String why =
          e instanceof java.nio.file.FileSystemException f && f.getReason() != null
              ? f.getReason()
              : e.getClass().getSimpleName();
      throw new IOException("data directory " + dir + " is not writable (" + why + ")", e);
    }
  }

  /** Returns true if something was indexed under the configured data directory. */
  static boolean hasIndex(FeedfoldConfig config) {
    return Files.isDirectory(config.dataDir().resolve("index"));
  }

  /**
   * Opens the index for reading only, as last committed; works while the daemon writes it. Fails
   * with a clear message if nothing was indexed yet.
   */
  static ArticleIndex openReader(FeedfoldConfig config) throws IOException {
    Path dir = config.dataDir().resolve("index");
    if (!Files.isDirectory(dir)) {
      throw new IOException(
          "no index in "
              + dir
              + " yet: run 'feedfold fetch', 'feedfold daemon' or 'feedfold import'");
    }
    return ArticleIndex.openReadOnly(dir, config.clusterSettings(), InstantSource.system());
  }

  /** Returns a fixed pool of {@code threads} named threads. */
  static ExecutorService pool(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        r -> new Thread(r, name + "-" + n.incrementAndGet()));
  }

  /**
   * Returns a subscription source that re-reads the OPML file only when its modification time or
   * size changed.
   */
  static Scheduler.SubscriptionSource watch(Path opml) {
    return new Scheduler.SubscriptionSource() {
      private FileTime modified;
      private long size = -1;
      private List<Subscription> last = List.of();

      @Override
      public synchronized List<Subscription> subscriptions() throws Exception {
        FileTime m = Files.getLastModifiedTime(opml);
        long s = Files.size(opml);
        if (!m.equals(modified) || s != size) {
          last = Subscriptions.read(opml);
          modified = m;
          size = s;
        }
        return last;
      }
    };
  }

  /** Fails with a usage error (exit 2) unless {@code value} is at least 1. */
  static void requirePositive(CommandSpec spec, String option, int value) {
    if (value < 1) {
      throw new ParameterException(
          spec.commandLine(), option + " must be at least 1, got " + value);
    }
  }
}
