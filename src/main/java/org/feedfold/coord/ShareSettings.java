package org.feedfold.coord;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Holds the settings of a group of daemons sharing the fetch work; each component mirrors one
 * config key.
 *
 * @param zkHosts {@code cluster.zk-hosts}: the ZooKeeper connect string, {@code
 *     host:port[,host:port...][/chroot]} (SolrCloud's own ensemble does)
 * @param name {@code cluster.name}: the group; its nodes live under {@code /feedfold/NAME}, so
 *     several groups can share one ZooKeeper
 * @param sessionTimeout {@code cluster.session-timeout}: a daemon not heard from for this long
 *     leaves the group and its feeds move to the others (20 s; the ZooKeeper server bounds it to
 *     between 2 and 20 of its ticks, 4 s to 40 s by default)
 * @param memberId {@code cluster.member-id}: this daemon's name in the group, unique among its
 *     members; it decides which feeds the daemon gets, so a restarted daemon gets the same ones
 */
public record ShareSettings(String zkHosts, String name, Duration sessionTimeout, String memberId) {
  private static final Pattern CONNECT =
      Pattern.compile(
          "[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}(,[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5})*(/\\S*)?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public ShareSettings {
    Objects.requireNonNull(zkHosts, "cluster.zk-hosts");
    Objects.requireNonNull(sessionTimeout, "cluster.session-timeout");
    if (!CONNECT.matcher(zkHosts).matches()) {
      throw new IllegalArgumentException(
          "cluster.zk-hosts must be host:port[,host:port...][/path], got '" + zkHosts + "'");
    }
    if (name == null || !NAME.matcher(name).matches() || name.matches("\\.+")) {
      throw new IllegalArgumentException(
          "cluster.name must be 1 to 64 letters, digits, '.', '_' or '-', got '" + name + "'");
    }
    if (memberId == null || !NAME.matcher(memberId).matches() || memberId.matches("\\.+")) {
      throw new IllegalArgumentException(
          "cluster.member-id must be 1 to 64 letters, digits, '.', '_' or '-', got '"
              + memberId
              + "'");
    }
    if (sessionTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || sessionTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException(
          "cluster.session-timeout must be between 1s and 5m: " + sessionTimeout);
    }
  }

  /** Returns a member id for this process: the host name and the process id. */
  public static String defaultMemberId(String hostName, long pid) {
    String host = hostName.replaceAll("[^A-Za-z0-9._-]", "-");
    String id = host + "-" + pid;
    return id.length() <= 64 ? id : id.substring(id.length() - 64);
  }

  /** Returns the ZooKeeper path of the group. */
  String path() {
    return "/feedfold/" + name;
  }
}
