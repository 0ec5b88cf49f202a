package org.feedfold.coord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.feedfold.ingest.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which feeds this daemon fetches when several daemons share the work: each feed belongs to
 * one live member of the group, and a member fetches only its own feeds, and only once every member
 * has acknowledged the group as it sees it.
 *
 * <p><b>Membership</b> is an ephemeral ZooKeeper node per daemon, {@code /feedfold/NAME/members/ID}
 * (Curator's {@code PersistentNode}, which recreates it after a new session), watched through a
 * {@code CuratorCache}. A daemon that stops cleanly deletes its node at once; one that dies loses
 * it when its session expires, {@code cluster.session-timeout} after it was last heard from.
 * <b>Ownership</b>: a feed belongs to the member that rendezvous hashing of the feed's host over
 * the member ids picks ({@link Rendezvous}): all of one host's feeds go to one daemon, whose
 * per-host limits then hold for the whole group, and a change moves only the hosts of the member
 * that left, or the new member's share.
 *
 * <p><b>Hand-over</b>: two members may briefly see different groups (one has heard of a change, the
 * other not yet), and both could think a feed theirs. So each member writes into its own node the
 * view it has applied (a hash of the member ids and their sessions), and writes it only once it no
 * longer fetches any feed that the view gives to another member (fetches already running are waited
 * for). {@link #acquire} grants a feed only while every member in this daemon's view has written
 * that same view: a member that has not yet heard of a change holds up the others' new feeds until
 * it has stopped fetching them, and a member that holds a feed blocks the acknowledgement until it
 * is released. While a change settles, nobody starts a fetch (a few seconds; up to the session
 * timeout if a member died between two changes).
 *
 * <p><b>Connection loss</b>: while the ZooKeeper connection is suspended or the session is lost,
 * {@link #acquire} grants nothing. ZooKeeper's client notices a silent server after two thirds of
 * the session timeout, before the server expires the session and the others take the feeds over. A
 * fetch already running goes on (bounded by {@code fetch.timeout}); it is safe to overlap with the
 * new owner's, see docs/SCALING.md.
 *
 * <p><b>Leadership</b>: a Curator {@code LeaderLatch} on {@code /feedfold/NAME/leader} elects one
 * member for jobs only one daemon may do ({@link #leads}).
 *
 * <p><b>The schedule's share</b>: a group is the {@link Scheduler.Share} a daemon's {@link
 * Scheduler} asks before each fetch ({@link #owns}, {@link #acquire}, {@link #release}); pass it as
 * it is, no adapter.
 *
 * <p>Thread-safe. {@link #close()} leaves the group (its feeds move at once) and must come after
 * the last fetch it granted has been released.
 */
public final class FetchGroup implements Scheduler.Share, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FetchGroup.class);
  private static final Duration MAX_CONNECT = Duration.ofSeconds(15);

  /**
   * What this daemon sees of the group.
   *
   * @param self this daemon's member id
   * @param members the member ids, sorted, this daemon's included once its node exists
   * @param connected whether the ZooKeeper connection is up
   * @param settled whether every member has acknowledged this view, so feeds are granted
   * @param leads whether this daemon holds the leadership
   */
  public record View(
      String self, List<String> members, boolean connected, boolean settled, boolean leads) {}

  private final CuratorFramework client;
  private final boolean ownsClient;
  private final ShareSettings settings;
  private final String membersPath;
  private final PersistentNode node;
  private final CuratorCache cache;
  private final LeaderLatch latch;
  private final ConnectionStateListener onState = (c, state) -> connectionChanged(state);

  // Guarded by this.
  private boolean connected;
  private boolean closed;
  private List<String> members = List.of();
  private String view = "";
  private boolean selfPresent;
  private boolean settled;
  private String pendingAck;
  private final Set<String> held = new HashSet<>();

  private FetchGroup(CuratorFramework client, boolean ownsClient, ShareSettings settings) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.settings = settings;
    this.membersPath = settings.path() + "/members";
    this.node =
        new PersistentNode(
            client,
            CreateMode.EPHEMERAL,
            false,
            ZKPaths.makePath(membersPath, settings.memberId()),
            new byte[0]);
    this.cache = CuratorCache.build(client, membersPath);
    this.latch = new LeaderLatch(client, settings.path() + "/leader", settings.memberId());
  }

  /**
   * Connects to {@code settings.zkHosts()} and joins the group; {@link #close()} also closes the
   * connection.
   *
   * @throws IOException if ZooKeeper cannot be reached, or this daemon's node not created, within
   *     the session timeout (at most 15 s)
   */
  public static FetchGroup connect(ShareSettings settings) throws IOException {
    CuratorFramework client = newClient(settings, "feedfold-zk-");
    client.start();
    try {
      return join(client, settings, true);
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /**
   * Returns a new, unstarted Curator client for {@code settings}, its threads named {@code prefix}.
   */
  static CuratorFramework newClient(ShareSettings settings, String prefix) {
    Duration wait = connectWait(settings);
    AtomicInteger n = new AtomicInteger();
    return CuratorFrameworkFactory.builder()
        .connectString(settings.zkHosts())
        .sessionTimeoutMs((int) settings.sessionTimeout().toMillis())
        .connectionTimeoutMs((int) wait.toMillis())
        .retryPolicy(new BoundedExponentialBackoffRetry(200, 5_000, 20))
        .threadFactory(
            r -> {
              Thread t = new Thread(r, prefix + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            })
        .build();
  }

  /**
   * Waits until {@code client} is connected.
   *
   * @throws IOException naming the address if it is not within the session timeout (at most 15 s)
   */
  static void awaitConnected(CuratorFramework client, ShareSettings settings) throws IOException {
    Duration wait = connectWait(settings);
    try {
      if (!client.blockUntilConnected((int) wait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException(
            "cannot reach ZooKeeper at "
                + settings.zkHosts()
                + " (cluster.zk-hosts) within "
                + wait.toSeconds()
                + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(
          "interrupted while connecting to ZooKeeper at " + settings.zkHosts(), e);
    }
  }

  /**
   * Returns the group's subscription list over this group's connection ({@link FeedList}); closing
   * it leaves the connection open.
   */
  public FeedList feeds() {
    return new FeedList(client, false, settings);
  }

  /**
   * Joins the group over {@code client}, a started Curator client whose session timeout should be
   * {@code settings.sessionTimeout()}; {@link #close()} leaves {@code client} open.
   *
   * @throws IOException as {@link #connect}
   */
  public static FetchGroup join(CuratorFramework client, ShareSettings settings)
      throws IOException {
    return join(client, settings, false);
  }

  private static FetchGroup join(CuratorFramework client, ShareSettings settings, boolean owns)
      throws IOException {
    Duration wait = connectWait(settings);
    String where = "ZooKeeper at cluster.zk-hosts=" + settings.zkHosts();
    try {
      if (!client.blockUntilConnected((int) wait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException("cannot reach " + where + " within " + wait.toSeconds() + " s");
      }
      FetchGroup group = new FetchGroup(client, owns, settings);
      group.start(wait, where);
      return group;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while joining the group at " + where, e);
    }
  }

  static Duration connectWait(ShareSettings settings) {
    return settings.sessionTimeout().compareTo(MAX_CONNECT) < 0
        ? settings.sessionTimeout()
        : MAX_CONNECT;
  }

  private void start(Duration wait, String where) throws IOException, InterruptedException {
    node.start();
    try {
      if (!node.waitForInitialCreate(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException(
            "cannot join the group "
                + settings.path()
                + " at "
                + where
                + " within "
                + wait.toSeconds()
                + " s");
      }
      cache
          .listenable()
          .addListener(
              CuratorCacheListener.builder()
                  .forAll((type, before, after) -> recompute())
                  .forInitialized(this::recompute)
                  .build());
      client.getConnectionStateListenable().addListener(onState);
      synchronized (this) {
        connected = client.getZookeeperClient().isConnected();
      }
      cache.start();
      latch.start();
    } catch (Exception e) {
      quietly(latch);
      quietly(cache);
      quietly(node);
      if (e instanceof IOException io) {
        throw io;
      }
      if (e instanceof InterruptedException ie) {
        throw ie;
      }
      throw new IOException("cannot join the group " + settings.path() + " at " + where, e);
    }
    log.info(
        "joined the fetch group {} at {} as {} (session timeout {} s)",
        settings.name(),
        settings.zkHosts(),
        settings.memberId(),
        settings.sessionTimeout().toSeconds());
    recompute();
  }

  /**
   * Returns whether {@code feed} belongs to this daemon in the group as it sees it now (granted or
   * not: see {@link #acquire}).
   */
  @Override
  public synchronized boolean owns(String feed) {
    return selfPresent && settings.memberId().equals(Rendezvous.ownerOfFeed(feed, members));
  }

  /**
   * Grants this daemon the fetch of {@code feed}, or says no: when the feed is another member's,
   * when the group has changed and not every member has acknowledged it yet, or when the ZooKeeper
   * connection is down. A grant lasts until {@link #release}; the caller must release it when the
   * fetch ends, however it ends.
   */
  @Override
  public synchronized boolean acquire(String feed) {
    if (closed || !connected || !settled || !owns(feed)) {
      return false;
    }
    held.add(feed);
    return true;
  }

  /** Ends the grant of {@code feed}; a change of the group waits for the feeds it moves away. */
  @Override
  public void release(String feed) {
    synchronized (this) {
      held.remove(feed);
    }
    publishAck();
  }

  /** Returns whether this daemon leads the group (and is connected). */
  public boolean leads() {
    synchronized (this) {
      if (!connected || closed) {
        return false;
      }
    }
    return latch.hasLeadership();
  }

  /** Returns what this daemon sees of the group now. */
  public View view() {
    boolean leads = leads();
    synchronized (this) {
      return new View(settings.memberId(), members, connected, settled, leads);
    }
  }

  private void connectionChanged(ConnectionState state) {
    synchronized (this) {
      connected = state.isConnected();
    }
    switch (state) {
      case SUSPENDED -> log.warn("lost the ZooKeeper connection: no fetch starts until it is back");
      case LOST ->
          log.warn(
              "ZooKeeper session expired: this daemon's feeds move to the others; rejoining when"
                  + " the connection is back");
      case RECONNECTED -> log.info("ZooKeeper connection back");
      default -> {}
    }
    recompute();
  }

  /** Reads the group from the cache; a new view is acknowledged once its moved feeds are done. */
  private void recompute() {
    long session;
    try {
      session = client.getZookeeperClient().getZooKeeper().getSessionId();
    } catch (Exception e) {
      session = 0;
    }
    Map<String, ChildData> byId = new TreeMap<>();
    cache.stream()
        .filter(d -> membersPath.equals(ZKPaths.getPathAndNode(d.getPath()).getPath()))
        .filter(d -> d.getStat() != null)
        .forEach(d -> byId.put(ZKPaths.getNodeFromPath(d.getPath()), d));
    StringBuilder signature = new StringBuilder();
    boolean self = false;
    for (Map.Entry<String, ChildData> e : byId.entrySet()) {
      long owner = e.getValue().getStat().getEphemeralOwner();
      signature.append(e.getKey()).append('@').append(Long.toHexString(owner)).append('\n');
      if (e.getKey().equals(settings.memberId())) {
        if (owner == session) {
          self = true;
        } else if (session != 0) {
          log.debug(
              "member id {} is held by another session (an earlier run of this daemon, or"
                  + " another daemon with the same cluster.member-id); waiting for it to expire",
              settings.memberId());
        }
      }
    }
    String hash = hash(signature.toString());
    synchronized (this) {
      if (closed) {
        return;
      }
      selfPresent = self;
      if (!hash.equals(view)) {
        view = hash;
        members = List.copyOf(byId.keySet());
        pendingAck = hash;
        log.info("fetch group {}: {} members {}", settings.name(), members.size(), members);
      }
      ChildData mine = byId.get(settings.memberId());
      if (self
          && pendingAck == null
          && (mine.getData() == null
              || !hash.equals(new String(mine.getData(), StandardCharsets.UTF_8)))) {
        // Our acknowledgement was lost (written while the connection dropped): write it again.
        pendingAck = hash;
      }
      boolean all = true;
      for (ChildData d : byId.values()) {
        byte[] data = d.getData();
        all &= data != null && hash.equals(new String(data, StandardCharsets.UTF_8));
      }
      boolean was = settled;
      settled = connected && selfPresent && all;
      if (settled && !was) {
        log.debug("fetch group {} settled on {}", settings.name(), members);
      }
    }
    publishAck();
  }

  /** Writes the pending view into this daemon's node once no feed it moves away is held. */
  private void publishAck() {
    String ack;
    synchronized (this) {
      if (pendingAck == null || closed) {
        return;
      }
      List<String> stillHeld = new ArrayList<>();
      for (String feed : held) {
        if (!owns(feed)) {
          stillHeld.add(feed);
        }
      }
      if (!stillHeld.isEmpty()) {
        log.debug("acknowledging the new group after {} fetches end", stillHeld.size());
        return;
      }
      ack = pendingAck;
      pendingAck = null;
    }
    try {
      node.setData(ack.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      synchronized (this) {
        if (pendingAck == null) {
          pendingAck = ack;
        }
      }
      log.debug("could not acknowledge the group view yet; at the next change", e);
    }
  }

  private static void quietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.debug("closing {} failed; the session's expiry cleans up", c, e);
    }
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Leaves the group: this daemon's node is deleted, so its feeds move to the others at once. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      connected = false;
      settled = false;
    }
    boolean up = client.getZookeeperClient().isConnected();
    client.getConnectionStateListenable().removeListener(onState);
    if (ownsClient && !up) {
      // Deleting the node would retry until the retry policy gives up (minutes): the session
      // expires on its own, so the feeds move after the session timeout instead of at once.
      client.close();
    }
    quietly(latch);
    quietly(cache);
    quietly(node);
    if (ownsClient && up) {
      client.close();
    }
    log.info("left the fetch group {}", settings.name());
  }
}
