/**
 * Shares the work of several daemons through ZooKeeper: one subscription list, each feed fetched by
 * exactly one live daemon, and the group's once-only jobs run by one leader.
 *
 * <p>In: {@link org.feedfold.coord.ShareSettings} (the {@code cluster.zk-hosts} keys) and feed keys
 * (their URLs). Out: for each feed, whether this daemon may fetch it now ({@link
 * org.feedfold.coord.FetchGroup#acquire}), whether this daemon leads the group ({@link
 * org.feedfold.coord.LeaderJobs} runs the leader's jobs), and the group's subscription list ({@link
 * org.feedfold.coord.FeedList}, one znode per feed, edited with ZooKeeper's conditional writes and
 * watched by every daemon). Membership, failure detection, leader election and watching are Apache
 * Curator's recipes ({@code PersistentNode}, {@code CuratorCache}, {@code LeaderLatch}) over
 * ZooKeeper sessions; this package adds only the rule that maps feeds to members (rendezvous
 * hashing), the hand-over rule that keeps two members from fetching one feed while their views of
 * the group differ, and the list's layout. It does not fetch, schedule or store articles: {@code
 * ingest} asks it before each fetch: a {@link org.feedfold.coord.FetchGroup} is the schedule's
 * {@code Scheduler.Share}.
 */
package org.feedfold.coord;
