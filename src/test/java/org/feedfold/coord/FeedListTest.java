package org.feedfold.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.feedfold.config.Subscriptions;
import org.feedfold.model.Credentials;
import org.feedfold.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster's subscription list in a real in-process ZooKeeper, edited by several clients. */
class FeedListTest {
  private static final Duration SESSION = Duration.ofSeconds(8);

  @TempDir Path dir;
  private TestingServer zk;
  private final List<FeedList> open = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    zk = new TestingServer(new InstanceSpec(dir.toFile(), -1, -1, -1, true, -1, 500, -1), true);
  }

  @AfterEach
  void tearDown() throws IOException {
    open.forEach(FeedList::close);
    zk.close();
  }

  private FeedList client() throws IOException {
    FeedList l = FeedList.connect(new ShareSettings(zk.getConnectString(), "test", SESSION, "cli"));
    open.add(l);
    return l;
  }

  private static List<Subscription> feeds(int from, int to) {
    List<Subscription> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(
          new Subscription(
              URI.create("https://news" + i + ".example.org/feed.xml"),
              "Feed " + i,
              null,
              i % 7 == 0 ? Duration.ofHours(2) : null));
    }
    return out;
  }

  @Test
  void twoImportsAtOnceThatOverlapAddEveryFeedOnce() throws Exception {
    FeedList one = client();
    FeedList two = client();
    // More than one transaction each, overlapping in the middle: batches meet each other's feeds.
    List<Subscription> first = feeds(0, 1_200);
    List<Subscription> second = feeds(600, 1_800);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool =
        new ThreadPoolExecutor(
            2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> new Thread(r, "import"));
    Future<FeedList.Added> a =
        pool.submit(
            () -> {
              go.await();
              return one.add(first);
            });
    Future<FeedList.Added> b =
        pool.submit(
            () -> {
              go.await();
              return two.add(second);
            });
    go.countDown();
    FeedList.Added ra = a.get(2, TimeUnit.MINUTES);
    FeedList.Added rb = b.get(2, TimeUnit.MINUTES);
    pool.shutdown();

    assertEquals(1_800, ra.added().size() + rb.added().size(), "each feed added by one of them");
    assertEquals(600, ra.subscribed().size() + rb.subscribed().size());
    List<Subscription> listed = client().read();
    assertEquals(1_800, listed.size());
    assertEquals(Set.copyOf(feeds(0, 1_800)), new HashSet<>(listed), "titles and intervals kept");
  }

  @Test
  void listsFeedsInTheOrderTheyWereAdded() throws Exception {
    FeedList l = client();
    l.add(feeds(0, 3));
    l.add(feeds(10, 11));
    l.add(feeds(3, 5));

    List<Subscription> expected = new ArrayList<>(feeds(0, 3));
    expected.addAll(feeds(10, 11));
    expected.addAll(feeds(3, 5));
    assertEquals(expected, l.read());
  }

  @Test
  void aMoveKeepsTheSubscriptionUnderItsNewUrl() throws Exception {
    FeedList l = client();
    Subscription s = feeds(7, 8).get(0);
    l.add(List.of(s));
    URI to = URI.create("https://moved.example.org/feed.xml");

    assertTrue(l.move(s.url(), to));
    assertFalse(l.move(s.url(), to), "moved already");

    assertEquals(List.of(new Subscription(to, s.title(), null, s.interval())), l.read());
    assertTrue(l.remove(to));
    assertFalse(l.remove(to));
    assertEquals(List.of(), l.read());
  }

  @Test
  void keepsEachFeedsFoldersAndCategoryAcrossAMove() throws Exception {
    FeedList l = client();
    List<Subscription> subs =
        Subscriptions.read(Path.of("src/test/resources/config/roundtrip/import.opml"));
    l.add(subs);

    assertEquals(subs, l.read());
    Subscription town = subs.get(2);
    URI to = URI.create("https://town-e.example/feed.xml");
    assertTrue(l.move(town.url(), to));
    Subscription moved =
        l.read().stream().filter(s -> s.url().equals(to)).findFirst().orElseThrow();
    assertEquals(List.of("News", "Local"), moved.folders());
  }

  @Test
  void keepsAPrivateFeedsPasswordAndKnowsItByItsUrlAlone() throws Exception {
    FeedList l = client();
    Subscription partner =
        new Subscription(
            URI.create("https://editor:s%40cret@partner.example/feed.xml"), "Partner", null);
    l.add(List.of(partner));

    assertEquals(List.of(partner), l.read());
    assertEquals(new Credentials("editor", "s@cret"), l.read().get(0).credentials());
    assertEquals(
        List.of(URI.create("https://partner.example/feed.xml")),
        l.add(List.of(new Subscription(URI.create("https://partner.example/feed.xml"), null, null)))
            .subscribed());
    assertTrue(l.remove(URI.create("https://partner.example/feed.xml")));
  }
}
