package org.feedfold.store;

import java.io.IOException;
import java.nio.file.Files;
import java.time.InstantSource;
import org.feedfold.index.ArticleIndex;
import org.feedfold.solr.SolrStore;

/** Opens the {@link Store} that {@link StoreSettings#type()} names: the one place that chooses. */
public final class Stores {
  private Stores() {}

  /**
   * Opens the store for reading and writing, creating it if needed.
   *
   * @throws IOException if another process holds it (the message says so), or on I/O failure
   */
  public static Store open(StoreSettings settings, InstantSource clock) throws IOException {
    return switch (settings.type()) {
      case LUCENE -> ArticleIndex.open(settings.indexDir(), settings.cluster(), clock);
      case SOLR -> SolrStore.open(settings.solr(), settings.cluster(), clock, false);
    };
  }

  /**
   * Opens an existing store for reading only, as last committed; works while another process writes
   * it. Its write methods throw {@link IllegalStateException}.
   *
   * @throws IOException if nothing was stored yet (the message says which commands store), or on
   *     I/O failure
   */
  public static Store openReadOnly(StoreSettings settings, InstantSource clock) throws IOException {
    return switch (settings.type()) {
      case LUCENE -> {
        if (!Files.isDirectory(settings.indexDir())) {
          throw new IOException(
              "no index in "
                  + settings.indexDir()
                  + " yet: run 'feedfold fetch', 'feedfold daemon' or 'feedfold import'");
        }
        yield ArticleIndex.openReadOnly(settings.indexDir(), settings.cluster(), clock);
      }
      case SOLR -> SolrStore.open(settings.solr(), settings.cluster(), clock, true);
    };
  }

  /** Returns true if the store has been created (something was stored or committed). */
  public static boolean exists(StoreSettings settings) {
    return switch (settings.type()) {
      case LUCENE -> Files.isDirectory(settings.indexDir());
      case SOLR -> SolrStore.exists(settings.solr());
    };
  }
}
