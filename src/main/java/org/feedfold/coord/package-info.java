/**
 * Shares the fetch work of several daemons through ZooKeeper, so each feed is fetched by exactly
 * one live daemon.
 *
 * <p>In: {@link org.feedfold.coord.ShareSettings} (the {@code cluster.zk-hosts} keys) and feed keys
 * (their URLs). Out: for each feed, whether this daemon may fetch it now ({@link
 * org.feedfold.coord.FetchGroup#acquire}), and whether this daemon leads the group. Membership,
 * failure detection and leader election are Apache Curator's recipes ({@code PersistentNode},
 * {@code CuratorCache}, {@code LeaderLatch}) over ZooKeeper sessions; this package adds only the
 * rule that maps feeds to members (rendezvous hashing) and the hand-over rule that keeps two
 * members from fetching one feed while their views of the group differ. It does not fetch, schedule
 * or store anything: {@code ingest} asks it before each fetch.
 */
package org.feedfold.coord;
