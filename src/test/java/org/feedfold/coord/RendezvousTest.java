package org.feedfold.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RendezvousTest {
  private static final int FEEDS = 3_000;

  private static String feed(int i) {
    return "https://news" + (i % 97) + ".example/feed/" + i + ".xml";
  }

  @Test
  void aLeavingMemberMovesOnlyItsOwnFeeds() {
    List<String> three = List.of("a", "b", "c");
    List<String> two = List.of("a", "c");
    for (int i = 0; i < FEEDS; i++) {
      String before = Rendezvous.owner(feed(i), three);
      String after = Rendezvous.owner(feed(i), two);
      if (!before.equals("b")) {
        assertEquals(before, after, feed(i) + " stays where it was");
      }
    }
  }

  @Test
  void aJoiningMemberTakesFeedsOnlyForItself() {
    List<String> two = List.of("a", "b");
    List<String> three = List.of("a", "b", "c");
    for (int i = 0; i < FEEDS; i++) {
      String after = Rendezvous.owner(feed(i), three);
      if (!after.equals("c")) {
        assertEquals(Rendezvous.owner(feed(i), two), after, feed(i));
      }
    }
  }

  @Test
  void spreadsFeedsEvenly() {
    Map<String, Integer> count = new HashMap<>();
    List<String> members = List.of("host1-100", "host2-200", "host3-300");
    for (int i = 0; i < FEEDS; i++) {
      count.merge(Rendezvous.owner(feed(i), members), 1, Integer::sum);
    }
    for (String m : members) {
      int n = count.getOrDefault(m, 0);
      assertTrue(n > FEEDS / 3 * 0.9 && n < FEEDS / 3 * 1.1, m + " has " + n);
    }
  }

  /**
   * Politeness (connections and delay per host) is kept in each daemon's memory, so a host's feeds
   * must all be fetched by one daemon, or the host would see one request rate per daemon.
   */
  @Test
  void theFeedsOfOneHostBelongToOneMember() {
    List<String> members = List.of("a", "b", "c");
    Map<String, Integer> hosts = new HashMap<>();
    for (int host = 0; host < 300; host++) {
      String owner = Rendezvous.ownerOfFeed("https://news" + host + ".example/feed.xml", members);
      for (String path : List.of("/rss", "/world/feed?x=1", "/a/b/atom.xml")) {
        assertEquals(
            owner,
            Rendezvous.ownerOfFeed("https://NEWS" + host + ".example:443" + path, members),
            "news" + host + path);
      }
      hosts.merge(owner, 1, Integer::sum);
    }
    for (String m : members) {
      assertTrue(hosts.getOrDefault(m, 0) > 60, m + " owns " + hosts.get(m) + " of 300 hosts");
    }
  }

  @Test
  void aFeedUrlThatDoesNotParseStillHasAnOwner() {
    assertEquals(
        Rendezvous.ownerOfFeed("not a url", List.of("a", "b")),
        Rendezvous.owner("not a url", List.of("a", "b")));
  }

  @Test
  void ownerDoesNotDependOnTheOrderOfMembers() {
    for (int i = 0; i < 100; i++) {
      assertEquals(
          Rendezvous.owner(feed(i), List.of("a", "b", "c")),
          Rendezvous.owner(feed(i), List.of("c", "a", "b")));
    }
  }

  /** Daemons of different versions must agree: the hash is pinned. */
  @Test
  void keepsItsGoldenOwners() {
    List<String> members = List.of("a", "b", "c");
    StringBuilder owners = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      owners.append(Rendezvous.owner(feed(i), members));
    }
    assertEquals(GOLDEN, owners.toString());
  }

  private static final String GOLDEN = "bccacacacbcc";

  @Test
  void noMembersNoOwner() {
    assertEquals(null, Rendezvous.owner("x", List.of()));
  }
}
