package org.feedfold.solr;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.SolrZkClient;
import org.apache.solr.common.cloud.ZkStateReader;
import org.apache.zookeeper.KeeperException;
import org.feedfold.cluster.ClusterSettings;

/**
 * Prepares a SolrCloud for Feedfold: uploads the configset shipped in the jar ({@code
 * org/feedfold/solr/configset/}) to ZooKeeper and creates the collection, and opens clients of it.
 *
 * <p>The collection's properties {@code feedfold.shingle-words} and {@code feedfold.sample-modulus}
 * are set from {@code cluster.*}, so the engine's shingle field samples as the clients'
 * fingerprints do. Every call has a timeout: 15 s to reach ZooKeeper or a node, 60 s per request, 5
 * minutes for the collection to become active.
 */
public final class SolrSetup {
  /** The configset's files, as shipped in the jar. */
  static final List<String> CONFIG_FILES = List.of("schema.xml", "solrconfig.xml");

  private static final int CONNECT_SECONDS = 15;
  private static final int REQUEST_SECONDS = 60;

  private SolrSetup() {}

  /** Is what {@link #init} did. */
  public record Created(String collection, String configset, int shards, int replicas) {}

  /**
   * Uploads the configset (named as the collection; replaced if present) and creates the collection
   * with {@code shards} shards of {@code replicas} replicas each; fails if it exists.
   *
   * @throws IOException if ZooKeeper or Solr cannot be reached or refuse, with their message
   */
  public static Created init(SolrSettings solr, int shards, int replicas, ClusterSettings cluster)
      throws IOException {
    if (shards < 1 || shards > 1024 || replicas < 1 || replicas > 16) {
      throw new IllegalArgumentException("shards must be 1..1024 and replicas 1..16");
    }
    String configset = solr.collection();
    upload(solr, configset);
    try (CloudSolrClient client = open(solr)) {
      CollectionAdminRequest.createCollection(solr.collection(), configset, shards, replicas)
          .setProperties(
              Map.of(
                  "feedfold.shingle-words", Integer.toString(cluster.shingleWords()),
                  "feedfold.sample-modulus", Integer.toString(cluster.sampleModulus())))
          .process(client);
      java.util.function.Predicate<DocCollection> active =
          c ->
              c != null
                  && c.getActiveSlices().size() == shards
                  && c.getActiveSlices().stream()
                      .flatMap(slice -> slice.getReplicas().stream())
                      .allMatch(r -> r.getState() == Replica.State.ACTIVE);
      ZkStateReader.from(client).waitForState(solr.collection(), 5, TimeUnit.MINUTES, active);
    } catch (SolrServerException | RuntimeException e) {
      throw new IOException("creating collection " + solr.collection() + ": " + e.getMessage(), e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException("collection " + solr.collection() + " not active after 5 minutes", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return new Created(solr.collection(), configset, shards, replicas);
  }

  /**
   * Is what {@link #initByMonth} did.
   *
   * @param alias the time routed alias of articles
   * @param stories the collection of story records, redirects, claims and feed state
   * @param created whether this call created either (false: both were there already)
   */
  public record ByMonth(String alias, String stories, boolean created) {}

  /**
   * Makes the by-month layout ({@link SolrLayout}) under the name {@code solr} gives, or completes
   * it; idempotent: uploads the configset (named as the alias; replaced if present), creates the
   * collection {@code NAME_stories} unless it exists, and the time routed alias {@code NAME}
   * (Solr's router: {@code router.name=time}, {@code router.field=routed_at}, one collection of
   * {@code shards} x {@code replicas} per month from the month of {@code start}, UTC) unless it
   * exists. Solr creates each further month's collection when the first article of that month
   * arrives.
   *
   * @throws IOException if ZooKeeper or Solr cannot be reached or refuse, or {@code NAME} is a
   *     plain collection (made by {@code solr init} without {@code --by-month})
   */
  public static ByMonth initByMonth(
      SolrSettings solr, int shards, int replicas, ClusterSettings cluster, Instant start)
      throws IOException {
    if (shards < 1 || shards > 1024 || replicas < 1 || replicas > 16) {
      throw new IllegalArgumentException("shards must be 1..1024 and replicas 1..16");
    }
    String name = solr.collection();
    SolrLayout layout = SolrLayout.byMonth(name);
    Map<String, String> props = properties(cluster);
    upload(solr, name);
    boolean created = false;
    try (CloudSolrClient client = open(solr)) {
      var provider = client.getClusterStateProvider();
      if (provider.getState(layout.stories()) == null) {
        CollectionAdminRequest.createCollection(layout.stories(), name, shards, replicas)
            .setProperties(props)
            .process(client);
        awaitActive(client, layout.stories(), shards);
        created = true;
      }
      Map<String, String> alias = provider.getAliasProperties(name);
      if (alias == null || !"time".equals(alias.get("router.name"))) {
        if (provider.getState(name) != null) {
          throw new IOException(
              "a collection named "
                  + name
                  + " exists (solr init without --by-month): the by-month layout needs the name"
                  + " for its alias; choose another "
                  + SolrSettings.COLLECTION_KEY);
        }
        String month =
            YearMonth.from(start.atZone(ZoneOffset.UTC))
                .atDay(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .toString();
        CollectionAdminRequest.createTimeRoutedAlias(
                name,
                month,
                "+1MONTH",
                SolrLayout.ROUTED,
                // The template's name is not used: the router names each NAME_YYYY-MM.
                CollectionAdminRequest.createCollection("_unused_", name, shards, replicas)
                    .setProperties(props))
            .process(client);
        created = true;
      }
    } catch (SolrServerException | RuntimeException e) {
      throw new IOException("creating the by-month layout " + name + ": " + e.getMessage(), e);
    }
    return new ByMonth(name, layout.stories(), created);
  }

  private static Map<String, String> properties(ClusterSettings cluster) {
    return Map.of(
        "feedfold.shingle-words", Integer.toString(cluster.shingleWords()),
        "feedfold.sample-modulus", Integer.toString(cluster.sampleModulus()));
  }

  private static void awaitActive(CloudSolrClient client, String collection, int shards)
      throws IOException {
    java.util.function.Predicate<DocCollection> active =
        c ->
            c != null
                && c.getActiveSlices().size() == shards
                && c.getActiveSlices().stream()
                    .flatMap(slice -> slice.getReplicas().stream())
                    .allMatch(r -> r.getState() == Replica.State.ACTIVE);
    try {
      ZkStateReader.from(client).waitForState(collection, 5, TimeUnit.MINUTES, active);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException("collection " + collection + " not active after 5 minutes", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Writes the configset's files to {@code /configs/NAME/} under the chroot (made if missing). */
  static void upload(SolrSettings solr, String name) throws IOException {
    try {
      if (solr.chroot().isPresent()) {
        try (SolrZkClient root = zk(String.join(",", solr.zkHosts()))) {
          root.makePath(solr.chroot().get(), false, true);
        }
      }
      try (SolrZkClient zk = zk(solr.connectString())) {
        for (String file : CONFIG_FILES) {
          byte[] bytes;
          try (InputStream in = SolrSetup.class.getResourceAsStream("configset/" + file)) {
            if (in == null) {
              throw new IOException("configset file " + file + " missing from the jar");
            }
            bytes = in.readAllBytes();
          }
          zk.makePath("/configs/" + name + "/" + file, bytes, false, true);
        }
      }
    } catch (KeeperException e) {
      throw new IOException("ZooKeeper " + solr.connectString() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (RuntimeException e) {
      // SolrZkClient reports an unreachable ensemble as a SolrException.
      throw new IOException("ZooKeeper " + solr.connectString() + ": " + e.getMessage(), e);
    }
  }

  private static SolrZkClient zk(String connect) {
    return new SolrZkClient.Builder()
        .withUrl(connect)
        .withTimeout(CONNECT_SECONDS, TimeUnit.SECONDS)
        .withConnTimeOut(CONNECT_SECONDS, TimeUnit.SECONDS)
        .build();
  }

  /** Opens a client of the cluster {@code solr} names; the caller closes it. */
  public static CloudSolrClient open(SolrSettings solr) {
    return new CloudHttp2SolrClient.Builder(solr.zkHosts(), solr.chroot())
        .withDefaultCollection(solr.collection())
        .withZkConnectTimeout(CONNECT_SECONDS, TimeUnit.SECONDS)
        .withZkClientTimeout(CONNECT_SECONDS, TimeUnit.SECONDS)
        .withHttpClientBuilder(
            new Http2SolrClient.Builder()
                .withConnectionTimeout(CONNECT_SECONDS, TimeUnit.SECONDS)
                .withIdleTimeout(REQUEST_SECONDS, TimeUnit.SECONDS)
                .withRequestTimeout(REQUEST_SECONDS, TimeUnit.SECONDS))
        .build();
  }
}
