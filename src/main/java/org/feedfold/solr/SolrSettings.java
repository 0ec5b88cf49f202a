package org.feedfold.solr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Says where the SolrCloud store lives: the ZooKeeper ensemble SolrCloud registers in (with its
 * chroot) and the collection's name.
 *
 * @param zkHosts ZooKeeper {@code host:port} addresses, at least one
 * @param chroot the ZooKeeper path SolrCloud lives under ({@code /solr}), or empty for the root
 * @param collection the collection (letters, digits, {@code _ - .}; at most 100 chars)
 */
public record SolrSettings(List<String> zkHosts, Optional<String> chroot, String collection) {
  /** The key naming the ZooKeeper address, as messages name it. */
  public static final String ZK_KEY = "store.solr.zk-hosts";

  /** The key naming the collection. */
  public static final String COLLECTION_KEY = "store.solr.collection";

  /** The collection's default name. */
  public static final String DEFAULT_COLLECTION = "feedfold";

  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9.\\-]+:[0-9]{1,5}|\\[[0-9a-fA-F:.]+]:[0-9]{1,5}");
  private static final Pattern CHROOT = Pattern.compile("(/[A-Za-z0-9_.\\-]+)+");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,99}");

  /** Checks the settings; messages name the key. */
  public SolrSettings {
    zkHosts = List.copyOf(zkHosts);
    if (zkHosts.isEmpty()) {
      throw new IllegalArgumentException(ZK_KEY + " must name at least one host:port");
    }
    for (String h : zkHosts) {
      if (!HOST.matcher(h).matches()) {
        throw new IllegalArgumentException(ZK_KEY + ": '" + h + "' is not host:port");
      }
    }
    if (chroot.isPresent() && !CHROOT.matcher(chroot.get()).matches()) {
      throw new IllegalArgumentException(
          ZK_KEY + ": '" + chroot.get() + "' is not a ZooKeeper path");
    }
    if (collection == null || !NAME.matcher(collection).matches()) {
      throw new IllegalArgumentException(
          COLLECTION_KEY
              + " must be letters, digits, '_', '-' or '.' (at most 100), got '"
              + collection
              + "'");
    }
  }

  /**
   * Parses {@code HOST:PORT[,HOST:PORT...][/CHROOT]}, as ZooKeeper's own connect strings read, and
   * the collection name; throws {@link IllegalArgumentException} naming the key.
   */
  public static SolrSettings parse(String zk, String collection) {
    if (zk == null || zk.isBlank()) {
      throw new IllegalArgumentException(ZK_KEY + " must be set for store.type=solr");
    }
    String s = zk.strip();
    int slash = s.indexOf('/');
    Optional<String> chroot = Optional.empty();
    if (slash >= 0) {
      String c = s.substring(slash);
      chroot = c.equals("/") ? Optional.empty() : Optional.of(c);
      s = s.substring(0, slash);
    }
    List<String> hosts = new ArrayList<>();
    for (String h : s.split(",", -1)) {
      hosts.add(h.strip());
    }
    return new SolrSettings(hosts, chroot, collection);
  }

  /** Returns the connect string ZooKeeper clients take: hosts, then the chroot. */
  public String connectString() {
    return String.join(",", zkHosts) + chroot.orElse("");
  }
}
