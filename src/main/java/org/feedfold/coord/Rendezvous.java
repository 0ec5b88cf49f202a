package org.feedfold.coord;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.feedfold.fetch.HostGate;

/**
 * Maps a feed to one member of a group by rendezvous (highest random weight) hashing: every member
 * gets a score for the feed, the highest wins. A member leaving moves only its own feeds (each to
 * the member with the next score), and a member joining takes about its share from each of the
 * others; no member list order or history matters, so every daemon computes the same owner from the
 * same member ids (Thaler and Ravishankar, "Using Name-Based Mappings to Increase Hit Rates",
 * 1998).
 *
 * <p>Pure and thread-safe. The hash is FNV-1a over the UTF-16 code units followed by the
 * MurmurHash3 64-bit finaliser: fixed here, because daemons of different versions must agree.
 */
final class Rendezvous {
  private Rendezvous() {}

  /**
   * Returns the member of {@code members} that fetches the feed at {@code feedUrl}, or {@code null}
   * if none: the owner of the feed's host ({@link HostGate#host}), so that all of one host's feeds
   * are fetched by one daemon and its per-host limits hold for the whole group. A URL that does not
   * parse is owned by its text.
   */
  static String ownerOfFeed(String feedUrl, List<String> members) {
    String key;
    try {
      URI url = new URI(feedUrl);
      key = url.getHost() == null ? feedUrl : HostGate.host(url);
    } catch (URISyntaxException e) {
      key = feedUrl;
    }
    return owner(key, members);
  }

  /** Returns the member of {@code members} that owns {@code feed}, or {@code null} if none. */
  static String owner(String feed, List<String> members) {
    String best = null;
    long bestScore = 0;
    long feedHash = fnv(0xcbf29ce484222325L, feed);
    for (String m : members) {
      long score = mix(fnv(feedHash, m));
      if (best == null
          || Long.compareUnsigned(score, bestScore) > 0
          || (score == bestScore && m.compareTo(best) < 0)) {
        best = m;
        bestScore = score;
      }
    }
    return best;
  }

  private static long fnv(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    // A separator, so ("ab", "c") and ("a", "bc") differ.
    h ^= 0xff;
    return h * 0x100000001b3L;
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb93fe66aba53L;
    return h ^ (h >>> 33);
  }
}
