package org.feedfold.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-over rule of {@link FetchGroup} against a real in-process ZooKeeper. */
class FetchGroupTest {
  private static final Duration SESSION = Duration.ofSeconds(8);

  /** Generous: a CI machine under load runs these at a tenth of their speed. */
  private static final Duration AWAIT = Duration.ofMinutes(2);

  @TempDir Path dir;
  private TestingServer zk;
  private final List<FetchGroup> groups = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    zk = new TestingServer(new InstanceSpec(dir.toFile(), -1, -1, -1, true, -1, 500, -1), true);
  }

  @AfterEach
  void tearDown() throws IOException {
    groups.forEach(FetchGroup::close);
    zk.close();
  }

  private FetchGroup join(String id) throws IOException {
    FetchGroup g =
        FetchGroup.connect(new ShareSettings(zk.getConnectString(), "test", SESSION, id));
    groups.add(g);
    return g;
  }

  /** Returns a feed that {@code owner} gets among {@code members}. */
  private static String feedOf(String owner, List<String> members) {
    for (int i = 0; ; i++) {
      String feed = "https://news" + i + ".example.org/feed.xml";
      if (owner.equals(Rendezvous.ownerOfFeed(feed, members))) {
        return feed;
      }
    }
  }

  @Test
  void aLoneMemberGetsEveryFeed() throws Exception {
    FetchGroup a = join("a");
    await(() -> a.view().settled());
    String ofA = feedOf("a", List.of("a", "b"));
    String ofB = feedOf("b", List.of("a", "b"));
    await(() -> a.acquire(ofA) && a.acquire(ofB));
    assertEquals(List.of("a"), a.view().members());
  }

  @Test
  void aFeedMovesOnlyOnceItsOldOwnerHasReleasedIt() throws Exception {
    FetchGroup a = join("a");
    await(() -> a.view().settled());
    String moving = feedOf("b", List.of("a", "b"));
    await(() -> a.acquire(moving)); // a alone owns every feed

    FetchGroup b = join("b");
    await(() -> a.view().members().equals(List.of("a", "b")));
    await(() -> b.view().members().equals(List.of("a", "b")));
    // a is still fetching the feed that now is b's: a has not acknowledged the new group, so
    // b grants itself nothing, and a grants itself nothing either until the group settles.
    assertFalse(b.acquire(moving), "b waits for a's fetch");
    assertFalse(b.view().settled());
    assertFalse(a.acquire(feedOf("a", List.of("a", "b"))), "nothing starts while it settles");

    a.release(moving);
    await(() -> b.acquire(moving)); // b takes it once a released it
    assertFalse(a.owns(moving));
  }

  @Test
  void aClosedMembersFeedsMoveAtOnce() throws Exception {
    FetchGroup a = join("a");
    FetchGroup b = join("b");
    await(() -> a.view().settled() && a.view().members().size() == 2);
    await(() -> b.view().settled() && b.view().members().size() == 2);
    String ofA = feedOf("a", List.of("a", "b"));
    assertFalse(b.acquire(ofA));

    a.close();
    await(() -> b.view().members().equals(List.of("b")));
    await(() -> b.acquire(ofA));
  }

  @Test
  void oneMemberLeads() throws Exception {
    FetchGroup a = join("a");
    FetchGroup b = join("b");
    await(() -> a.leads() ^ b.leads());
    FetchGroup leader = a.leads() ? a : b;
    FetchGroup other = leader == a ? b : a;
    leader.close();
    await(other::leads);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + AWAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + AWAIT);
      }
      Thread.sleep(20);
    }
  }
}
