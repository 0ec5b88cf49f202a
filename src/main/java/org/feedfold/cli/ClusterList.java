package org.feedfold.cli;

import java.io.IOException;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.coord.FeedList;
import org.feedfold.coord.ShareSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Finds the cluster's subscription list for a command that takes {@code --zk}: the list in
 * ZooKeeper when {@code --zk} or {@code cluster.zk-hosts} names one, else none (the command uses
 * {@code feeds.file}). Errors name the option or key the address came from.
 */
final class ClusterList {
  private ClusterList() {}

  /**
   * Returns the settings of the cluster named by {@code zk} ({@code --zk}, may be {@code null}),
   * else by {@code cluster.zk-hosts}, or {@code null} when neither is set.
   *
   * @throws ParameterException if the address is not a ZooKeeper connect string
   */
  static ShareSettings settings(CommandSpec spec, FeedfoldConfig config, String zk) {
    String hosts = zk != null ? zk.strip() : config.clusterZkHosts();
    if (hosts.isEmpty()) {
      return null;
    }
    try {
      return config.shareSettings(hosts, "cli");
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          zk == null ? e.getMessage() : e.getMessage().replace("cluster.zk-hosts", "--zk"),
          e);
    }
  }

  /**
   * Connects to the cluster's list; an unreachable ZooKeeper is reported with where its address
   * came from ({@code --zk} when {@code zk} is set, else {@code cluster.zk-hosts}).
   */
  static FeedList connect(ShareSettings settings, String zk) throws IOException {
    try {
      return FeedList.connect(settings);
    } catch (IOException e) {
      if (zk == null || e.getMessage() == null) {
        throw e;
      }
      throw new IOException(e.getMessage().replace("(cluster.zk-hosts)", "(--zk)"), e);
    }
  }
}
