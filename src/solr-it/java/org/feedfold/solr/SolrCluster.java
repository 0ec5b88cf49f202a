package org.feedfold.solr;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.LoggerFactory;

/**
 * Starts one in-process SolrCloud per JVM (embedded ZooKeeper, 2 nodes) with Feedfold's configset
 * uploaded, and hands it to tests as a parameter; stopped and its directory deleted when the JVM's
 * tests are done.
 *
 * <p>Each test asks for its own collection ({@link #newCollection}: 2 shards × 2 replicas), so
 * tests do not see each other's documents. No randomized helper of the test framework is called:
 * the cluster is plain Jetty and ZooKeeper.
 */
public final class SolrCluster implements BeforeAllCallback, ParameterResolver {
  /** The configset name the cluster holds Feedfold's configuration under. */
  public static final String CONFIG = "feedfold";

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(SolrCluster.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    running(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
    return p.getParameter().getType() == Running.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) {
    return running(c);
  }

  private static Running running(ExtensionContext c) {
    return c.getRoot()
        .getStore(NS)
        .getOrComputeIfAbsent(Running.class, k -> start(), Running.class);
  }

  private static Running start() {
    try {
      Path dir = Files.createTempDirectory("feedfold-solr-");
      // Solr and ZooKeeper warn at length about a test cluster being a test cluster.
      for (String name :
          new String[] {"org.apache.solr", "org.apache.zookeeper", "org.eclipse.jetty"}) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(Level.ERROR);
      }
      java.util.logging.Logger.getLogger("org.glassfish.jersey")
          .setLevel(java.util.logging.Level.SEVERE);
      System.setProperty("solr.log.dir", dir.resolve("logs").toString());
      MiniSolrCloudCluster cluster =
          new MiniSolrCloudCluster.Builder(2, dir).addConfig(CONFIG, configset()).build();
      return new Running(cluster, dir);
    } catch (Exception e) {
      throw new IllegalStateException("could not start MiniSolrCloudCluster", e);
    }
  }

  /** Returns the configset shipped in src/main/resources, as uploaded by {@code solr init}. */
  static Path configset() {
    return Path.of("src/main/resources/org/feedfold/solr/configset").toAbsolutePath();
  }

  /** Is the running cluster; closed (and its directory deleted) by JUnit at the end. */
  public static final class Running implements AutoCloseable {
    private final MiniSolrCloudCluster cluster;
    private final Path dir;
    private int collections;

    Running(MiniSolrCloudCluster cluster, Path dir) {
      this.cluster = cluster;
      this.dir = dir;
    }

    /** Returns the ZooKeeper address with its chroot, as {@code store.solr.zk-hosts} takes it. */
    public String zkHost() {
      return cluster.getZkServer().getZkAddress();
    }

    /** Creates a fresh collection of 2 shards × 2 replicas and waits until it is active. */
    public synchronized String newCollection(String prefix) throws Exception {
      String name = prefix + "_" + ++collections;
      try (CloudSolrClient client = client()) {
        CollectionAdminRequest.createCollection(name, CONFIG, 2, 2).process(client);
      }
      cluster.waitForActiveCollection(name, 2, 4);
      return name;
    }

    /** Returns a new client of the cluster; the caller closes it. */
    public CloudSolrClient client() {
      String zk = zkHost();
      int slash = zk.indexOf('/');
      return new CloudHttp2SolrClient.Builder(
              List.of(zk.substring(0, slash)), Optional.of(zk.substring(slash)))
          .build();
    }

    /** Returns the cluster itself (to stop a node, say). */
    public MiniSolrCloudCluster cluster() {
      return cluster;
    }

    @Override
    public void close() throws IOException {
      try {
        cluster.shutdown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while stopping the SolrCloud", e);
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException("stopping the SolrCloud: " + e.getMessage(), e);
      } finally {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(SolrCluster::delete);
        }
      }
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
