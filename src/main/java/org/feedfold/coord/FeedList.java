package org.feedfold.coord;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.feedfold.model.Credentials;
import org.feedfold.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a group's subscription list in ZooKeeper, so that every daemon of the group and every
 * {@code feedfold feeds} command given the group's ZooKeeper see one list (issue 13).
 *
 * <p><b>Layout</b>: one znode per feed, {@code /feedfold/NAME/feeds/BB/HASH}, where {@code HASH} is
 * 32 hex digits of the SHA-256 of the feed's normalised URL and {@code BB} its first two, and whose
 * data is the subscription as a small JSON object (URL, title, site, interval, folders, category;
 * at most {@value #MAX_NODE_BYTES} bytes). Not one document: 100,000 feeds are some 15 MB of OPML
 * or JSON, far over ZooKeeper's 1 MB limit on a node (and on any one request or response, {@code
 * jute.maxbuffer}), and every edit would rewrite all of it. Not one flat folder either: listing
 * 100,000 children is one response of some 3.6 MB; the 256 buckets keep each listing near 14 KB at
 * 100,000 feeds (the limit is reached near 7 million).
 *
 * <p><b>Concurrent edits</b>: adding a feed is a create, which ZooKeeper performs only if the node
 * does not exist; two users adding feeds at once create different nodes, both land, and adding one
 * feed twice at once lands once (the second is told it is subscribed already). A removal deletes
 * the node at the version it read (a concurrent change makes it read again); a move (permanent
 * redirect) deletes and creates in one transaction. An import creates its feeds in transactions of
 * {@value #BATCH} (each under the request size limit): a batch that meets a feed added meanwhile is
 * retried feed by feed, so an import is not all-or-nothing across batches.
 *
 * <p><b>Seeding</b>: {@link #seedOnce} fills an empty list from a daemon's {@code feeds.file} once
 * per group, recorded in {@code /feedfold/NAME/seed}; the leader runs it ({@link LeaderJobs}).
 *
 * <p>Thread-safe. Order of {@link #read} and {@link Watch#current}: the order feeds were added in
 * (their nodes' creation), which is the file's order for a seeded list.
 */
public final class FeedList implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FeedList.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Feeds created per ZooKeeper transaction; each create is some 300 bytes of a 1 MB request. */
  static final int BATCH = 500;

  /** The largest feed node read or written, in bytes. */
  static final int MAX_NODE_BYTES = 16 * 1024;

  private final CuratorFramework client;
  private final boolean ownsClient;
  private final ShareSettings settings;
  private final String root;
  private final String seedPath;

  FeedList(CuratorFramework client, boolean ownsClient, ShareSettings settings) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.settings = settings;
    this.root = settings.path() + "/feeds";
    this.seedPath = settings.path() + "/seed";
  }

  /**
   * Connects to {@code settings.zkHosts()} for a command's edits; {@link #close()} closes the
   * connection.
   *
   * @throws IOException naming the address if ZooKeeper cannot be reached within the session
   *     timeout (at most 15 s)
   */
  public static FeedList connect(ShareSettings settings) throws IOException {
    CuratorFramework client = FetchGroup.newClient(settings, "feedfold-feeds-zk-");
    client.start();
    try {
      FetchGroup.awaitConnected(client, settings);
      return new FeedList(client, true, settings);
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** Returns where the list lives, for messages: {@code ZK-HOSTS/feedfold/NAME/feeds}. */
  public String where() {
    return settings.zkHosts() + root;
  }

  /**
   * Says what {@link #add} did.
   *
   * @param added the subscriptions added, in the order given
   * @param subscribed the URLs skipped because the list has them already
   */
  public record Added(List<Subscription> added, List<URI> subscribed) {
    public Added {
      added = List.copyOf(added);
      subscribed = List.copyOf(subscribed);
    }
  }

  /** Returns the list as it is now, in the order the feeds were added. */
  public List<Subscription> read() throws IOException {
    try (Watch w = new Watch(this)) {
      w.start();
      w.awaitLoaded(FetchGroup.connectWait(settings));
      return w.current();
    }
  }

  /**
   * Adds the subscriptions whose URLs are not listed yet (by normalised URL; the first of repeated
   * ones), each exactly once whatever other writers do at the same moment.
   */
  public Added add(List<Subscription> wanted) throws IOException {
    Map<String, Subscription> byPath = new LinkedHashMap<>();
    List<URI> subscribed = new ArrayList<>();
    for (Subscription s : wanted) {
      if (byPath.putIfAbsent(path(s.url()), s) != null) {
        subscribed.add(s.url());
      }
    }
    List<Subscription> added = new ArrayList<>();
    try {
      for (String bucket : new TreeSet<>(byPath.keySet().stream().map(this::bucketOf).toList())) {
        ensure(bucket);
      }
      List<Map.Entry<String, Subscription>> all = new ArrayList<>(byPath.entrySet());
      for (int from = 0; from < all.size(); from += BATCH) {
        List<Map.Entry<String, Subscription>> batch =
            all.subList(from, Math.min(all.size(), from + BATCH));
        if (batch.size() > 1 && createAll(batch)) {
          batch.forEach(e -> added.add(e.getValue()));
          continue;
        }
        for (Map.Entry<String, Subscription> e : batch) {
          try {
            client.create().forPath(e.getKey(), encode(e.getValue(), 0));
            added.add(e.getValue());
          } catch (KeeperException.NodeExistsException exists) {
            subscribed.add(e.getValue().url());
          }
        }
      }
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw failure("cannot add to", e);
    }
    return new Added(added, subscribed);
  }

  /** Creates every node of {@code batch} in one transaction; false if one existed already. */
  private boolean createAll(List<Map.Entry<String, Subscription>> batch) throws Exception {
    List<CuratorOp> ops = new ArrayList<>();
    for (Map.Entry<String, Subscription> e : batch) {
      ops.add(
          client.transactionOp().create().forPath(e.getKey(), encode(e.getValue(), ops.size())));
    }
    try {
      client.transaction().forOperations(ops);
      return true;
    } catch (KeeperException.NodeExistsException e) {
      return false;
    }
  }

  /** Removes the subscription to {@code url}; returns whether it was listed. */
  public boolean remove(URI url) throws IOException {
    String path = path(url);
    try {
      for (; ; ) {
        Stat stat = client.checkExists().forPath(path);
        if (stat == null) {
          return false;
        }
        try {
          client.delete().withVersion(stat.getVersion()).forPath(path);
          return true;
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
          // Changed or removed meanwhile: look again.
        }
      }
    } catch (Exception e) {
      throw failure("cannot remove from", e);
    }
  }

  /**
   * Moves the subscription {@code from} to {@code to} (a permanent redirect) in one transaction,
   * keeping its title, interval, folders and category; if {@code to} is listed already, only
   * removes {@code from}.
   *
   * @return whether {@code from} was listed
   */
  public boolean move(URI from, URI to) throws IOException {
    String source = path(from);
    String target = path(to);
    try {
      for (; ; ) {
        Stat stat = new Stat();
        byte[] data;
        try {
          data = client.getData().storingStatIn(stat).forPath(source);
        } catch (KeeperException.NoNodeException e) {
          return false;
        }
        Subscription s = decode(data);
        List<CuratorOp> ops = new ArrayList<>();
        ops.add(client.transactionOp().delete().withVersion(stat.getVersion()).forPath(source));
        if (client.checkExists().forPath(target) == null) {
          ensure(bucketOf(target));
          ops.add(client.transactionOp().create().forPath(target, encode(s.at(to), 0)));
        }
        try {
          client.transaction().forOperations(ops);
          return true;
        } catch (KeeperException.BadVersionException
            | KeeperException.NoNodeException
            | KeeperException.NodeExistsException e) {
          // Someone else changed one of the two meanwhile: read again.
        }
      }
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw failure("cannot move a feed in", e);
    }
  }

  /**
   * Fills the list from {@code file} if this group never was: once per group, whoever runs it. The
   * first run on an empty list records in {@code /feedfold/NAME/seed} that it started, adds the
   * file's feeds, and records that it is done; a run that finds the seed started and not done (its
   * runner stopped half-way) finishes it; a run that finds a list made by {@code feeds add} before
   * any daemon started records that the group needs no seed. Emptying the list later does not seed
   * it again.
   *
   * @param file supplies the file's subscriptions; read only if the list is seeded now
   * @return the number of subscriptions added now
   */
  public int seedOnce(FileFeeds file) throws IOException {
    try {
      Stat stat = new Stat();
      byte[] state;
      try {
        state = client.getData().storingStatIn(stat).forPath(seedPath);
      } catch (KeeperException.NoNodeException e) {
        state = null;
      }
      if (state != null && "done".equals(new String(state, StandardCharsets.UTF_8))) {
        return 0;
      }
      if (state == null) {
        boolean empty = isEmpty();
        try {
          client
              .create()
              .creatingParentsIfNeeded()
              .forPath(seedPath, (empty ? "started" : "done").getBytes(StandardCharsets.UTF_8));
        } catch (KeeperException.NodeExistsException e) {
          return 0; // Another seeder (a former leader) got there first.
        }
        if (!empty) {
          log.info("subscription list {} was filled before the first daemon; not seeded", where());
          return 0;
        }
        stat = client.checkExists().forPath(seedPath);
      }
      List<Subscription> subs = file.subscriptions();
      Added a = add(subs);
      client
          .setData()
          .withVersion(stat.getVersion())
          .forPath(seedPath, "done".getBytes(StandardCharsets.UTF_8));
      log.info(
          "seeded the subscription list {} with {} feeds from {}",
          where(),
          a.added().size(),
          file.name());
      return a.added().size();
    } catch (KeeperException.BadVersionException e) {
      return 0; // Finished by another seeder meanwhile.
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw failure("cannot seed", e);
    }
  }

  /** Supplies the local file's subscriptions for {@link #seedOnce}. */
  public interface FileFeeds {
    /** Returns what the file lists; an empty list if there is no file. */
    List<Subscription> subscriptions() throws IOException;

    /** Names the file, for the log. */
    String name();
  }

  private boolean isEmpty() throws Exception {
    if (client.checkExists().forPath(root) == null) {
      return true;
    }
    for (String bucket : client.getChildren().forPath(root)) {
      Stat s = client.checkExists().forPath(ZKPaths.makePath(root, bucket));
      if (s != null && s.getNumChildren() > 0) {
        return false;
      }
    }
    return true;
  }

  private void ensure(String bucket) throws Exception {
    if (client.checkExists().forPath(bucket) == null) {
      try {
        client.create().creatingParentsIfNeeded().forPath(bucket);
      } catch (KeeperException.NodeExistsException e) {
        // Made by another writer meanwhile.
      }
    }
  }

  /** Returns the node of {@code url}: {@code ROOT/BB/HASH}. */
  String path(URI url) {
    String h = hash(Credentials.strip(url).normalize().toString());
    return root + "/" + h.substring(0, 2) + "/" + h;
  }

  private String bucketOf(String path) {
    return ZKPaths.getPathAndNode(path).getPath();
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Is a feed node's data. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Node(
      String url,
      String title,
      String htmlUrl,
      String interval,
      int n,
      List<String> folders,
      String category) {}

  /**
   * Encodes {@code s}; {@code n} is its place among the feeds created in one transaction, which
   * share one creation zxid, so that the list keeps their order.
   */
  static byte[] encode(Subscription s, int n) throws IOException {
    byte[] b =
        JSON.writeValueAsBytes(
            new Node(
                s.listedUrl().toString(),
                s.title(),
                s.htmlUrl(),
                s.interval() == null ? null : s.interval().toString(),
                n,
                s.folders(),
                s.category()));
    if (b.length > MAX_NODE_BYTES) {
      throw new IOException(
          "subscription " + s.url() + " is larger than " + MAX_NODE_BYTES + " bytes");
    }
    return b;
  }

  static Subscription decode(byte[] data) throws IOException {
    return node(data).subscription;
  }

  /** Is a decoded feed node: the subscription and its place in its transaction. */
  private record Decoded(Subscription subscription, int n) {}

  private static Decoded node(byte[] data) throws IOException {
    if (data == null || data.length == 0 || data.length > MAX_NODE_BYTES) {
      throw new IOException(
          "not a subscription node (" + (data == null ? 0 : data.length) + " bytes)");
    }
    Node n = JSON.readValue(data, Node.class);
    try {
      return new Decoded(
          new Subscription(
              URI.create(n.url()),
              n.title(),
              n.htmlUrl(),
              n.interval() == null ? null : Duration.parse(n.interval()),
              n.folders(),
              n.category()),
          n.n());
    } catch (RuntimeException e) {
      throw new IOException("not a subscription node: " + e.getMessage(), e);
    }
  }

  private IOException failure(String what, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new IOException(what + " the subscription list at " + where() + ": " + e, e);
  }

  /**
   * Starts watching the list; the daemon's schedule reads {@link Watch#current()} at every tick, so
   * a feed added or removed anywhere is scheduled or dropped within a tick, without a restart. The
   * watch keeps the list it has while ZooKeeper cannot be reached, saying so once in the log (and
   * once when it is back), and catches up with every change made meanwhile on reconnection.
   */
  public Watch watch() {
    Watch w = new Watch(this);
    w.start();
    return w;
  }

  /** Watches the list through a {@code CuratorCache}; see {@link #watch()}. Thread-safe. */
  public static final class Watch implements AutoCloseable {
    private final FeedList list;
    private final CuratorCache cache;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final ConnectionStateListener onState = (c, state) -> connectionChanged(state);
    private final AtomicInteger badNodes = new AtomicInteger();
    private volatile boolean stale;
    private volatile List<Subscription> snapshot = List.of();
    private volatile boolean dirty = true;
    private boolean outage;

    private Watch(FeedList list) {
      this.list = list;
      this.cache = CuratorCache.build(list.client, list.root);
    }

    private void start() {
      cache
          .listenable()
          .addListener(
              CuratorCacheListener.builder()
                  .forAll((type, before, after) -> dirty = true)
                  .forInitialized(
                      () -> {
                        dirty = true;
                        loaded.countDown();
                      })
                  .build());
      list.client.getConnectionStateListenable().addListener(onState);
      cache.start();
    }

    /**
     * Waits until the list has been read once.
     *
     * @throws IOException naming the list's address if it was not read within {@code wait}
     */
    public void awaitLoaded(Duration wait) throws IOException {
      try {
        if (!loaded.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IOException(
              "cannot read the subscription list at "
                  + list.where()
                  + " within "
                  + wait.toSeconds()
                  + " s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted reading the subscription list at " + list.where(), e);
      }
    }

    /** Returns whether the list has been read at least once. */
    public boolean loaded() {
      return loaded.getCount() == 0;
    }

    /**
     * Returns the list as last read, in the order feeds were added: while ZooKeeper cannot be
     * reached, the list as it was when the connection went.
     */
    public List<Subscription> current() {
      if (!dirty) {
        return snapshot;
      }
      dirty = false;
      String rootPrefix = list.root + "/";
      List<ChildData> nodes = new ArrayList<>();
      cache.stream()
          .filter(d -> d.getPath().startsWith(rootPrefix))
          .filter(d -> d.getPath().indexOf('/', rootPrefix.length()) > 0)
          .filter(d -> d.getData() != null && d.getData().length > 0)
          .forEach(nodes::add);
      record Placed(long zxid, int n, Subscription s) {}
      List<Placed> placed = new ArrayList<>(nodes.size());
      int bad = 0;
      for (ChildData d : nodes) {
        try {
          Decoded n = node(d.getData());
          placed.add(new Placed(d.getStat().getCzxid(), n.n(), n.subscription()));
        } catch (IOException e) {
          bad++;
        }
      }
      placed.sort(Comparator.comparingLong(Placed::zxid).thenComparingInt(Placed::n));
      List<Subscription> out = new ArrayList<>(placed.size());
      placed.forEach(p -> out.add(p.s()));
      if (bad > 0 && badNodes.getAndSet(bad) != bad) {
        log.warn(
            "{} nodes of the subscription list {} are not subscriptions; skipped",
            bad,
            list.where());
      }
      snapshot = List.copyOf(out);
      return snapshot;
    }

    /** Returns whether the connection is down, so the list may be behind. */
    public boolean stale() {
      return stale;
    }

    private synchronized void connectionChanged(ConnectionState state) {
      if (!state.isConnected()) {
        stale = true;
        if (!outage) {
          outage = true;
          log.warn(
              "ZooKeeper unreachable: keeping the {} subscriptions known of {}; changes made"
                  + " meanwhile apply once it is back",
              current().size(),
              list.where());
        }
      } else if (outage) {
        outage = false;
        stale = false;
        dirty = true;
        log.info("ZooKeeper back: the subscription list {} is followed again", list.where());
      }
    }

    @Override
    public void close() {
      list.client.getConnectionStateListenable().removeListener(onState);
      cache.close();
    }
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }
}
