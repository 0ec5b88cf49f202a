package org.feedfold.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.solr.SolrSettings;

/**
 * Says which {@link Store} to open and with what.
 *
 * @param type the implementation ({@code store.type}); default {@link Type#LUCENE}
 * @param indexDir where the embedded Lucene index lives ({@code data.dir}/index), absolute
 * @param cluster the clustering thresholds every implementation assigns stories with
 * @param solr where the SolrCloud store lives ({@code store.solr.*}); {@code null} unless {@code
 *     type} is {@link Type#SOLR}
 */
public record StoreSettings(Type type, Path indexDir, ClusterSettings cluster, SolrSettings solr) {
  /** The {@code store.type} values. */
  public enum Type {
    /** The embedded Lucene index under the data directory: one process, no server. */
    LUCENE,
    /** A SolrCloud collection ({@code store.solr.*}): several instances, any machine. */
    SOLR;

    /** Returns the configuration value naming this type. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the type named {@code value} (case-insensitive).
     *
     * @throws IllegalArgumentException naming {@code store.type} and the accepted values
     */
    public static Type parse(String value) {
      for (Type t : values()) {
        if (t.key().equalsIgnoreCase(value.strip())) {
          return t;
        }
      }
      StringBuilder known = new StringBuilder();
      for (Type t : values()) {
        known.append(known.length() == 0 ? "" : ", ").append(t.key());
      }
      throw new IllegalArgumentException(
          "store.type must be one of " + known + ", got '" + value + "'");
    }
  }

  /** Checks that every component is set. */
  public StoreSettings {
    Objects.requireNonNull(type, "store.type");
    Objects.requireNonNull(indexDir, "data.dir");
    Objects.requireNonNull(cluster, "cluster settings");
    if (type == Type.SOLR) {
      Objects.requireNonNull(solr, "store.solr.zk-hosts");
    }
  }

  /** Settings of a store that is not SolrCloud's. */
  public StoreSettings(Type type, Path indexDir, ClusterSettings cluster) {
    this(type, indexDir, cluster, null);
  }
}
