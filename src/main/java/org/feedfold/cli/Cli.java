package org.feedfold.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedfold.config.ConfigException;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.config.Subscriptions;
import org.feedfold.ingest.FeedIngester;
import org.feedfold.ingest.Scheduler;
import org.feedfold.model.Subscription;
import org.feedfold.store.Store;
import org.feedfold.store.Stores;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Holds what several commands do the same way: open the index, check numeric options. */
final class Cli {
  private Cli() {}

  /**
   * Opens the index under the configured data directory for writing (creating it).
   *
   * @throws ConfigException naming the directory if it cannot be written
   * @throws IOException if another process holds the index
   */
  static Store openIndex(FeedfoldConfig config) throws IOException, ConfigException {
    requireWritableDataDir(config.dataDir());
    return Stores.open(config.storeSettings(), InstantSource.system());
  }

  /**
   * Creates the data directory if needed and checks that a file can be written in it, so that a
   * daemon never starts on a directory it cannot commit to (a read-only mount, another user's
   * directory, a path that is a file).
   *
   * @throws ConfigException saying which directory and why, naming {@code data.dir}
   */
  static void requireWritableDataDir(Path dir) throws ConfigException {
    String what = "data directory " + dir + " (data.dir or --data): ";
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ConfigException(null, 0, what + "exists and is not a directory");
    }
    try {
      Files.createDirectories(dir);
      Files.delete(Files.createTempFile(dir, ".write-check", ".tmp"));
    } catch (AccessDeniedException e) {
      throw new ConfigException(null, 0, what + "not writable: permission denied");
    } catch (FileSystemException e) {
      String reason = e.getReason() == null ? "" : ": " + e.getReason().toLowerCase(Locale.ROOT);
      throw new ConfigException(null, 0, what + "not writable" + reason);
    } catch (IOException e) {
      throw new ConfigException(null, 0, what + "not writable: " + e.getMessage());
    }
  }

  /** Returns true if something was indexed under the configured data directory. */
  static boolean hasIndex(FeedfoldConfig config) {
    return Stores.exists(config.storeSettings());
  }

  /**
   * Opens the index for reading only, as last committed; works while the daemon writes it. Fails
   * with a clear message if nothing was indexed yet.
   */
  static Store openReader(FeedfoldConfig config) throws IOException {
    return Stores.openReadOnly(config.storeSettings(), InstantSource.system());
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

  /** Returns a relocator that moves subscriptions in {@code opml}, keeping its other bytes. */
  static FeedIngester.Relocator relocator(Path opml) {
    return (from, to) -> {
      try {
        return Subscriptions.move(opml, from, to);
      } catch (ConfigException e) {
        throw new IOException(e.getMessage(), e);
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
