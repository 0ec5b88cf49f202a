package org.feedfold.serve;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.feedfold.model.Story;

/**
 * Is everything a renderer needs: the stories newest first, and the feed's identity.
 *
 * @param title the feed title
 * @param base the absolute URL the server is reached at, ending in {@code /}
 * @param selfPath the requested route, such as {@code feed.atom}
 * @param updated the newest story's update time, or the epoch for an empty feed (so an empty feed
 *     has a stable ETag)
 * @param stories the stories, most recently updated first
 * @param paging the links of a filtered or paged feed (RFC 5005 §3)
 * @param hub the WebSub hub to advertise with {@code rel="hub"}, or {@code null}
 * @param archive the links of an archived feed (RFC 5005 §4)
 */
record FeedView(
    String title,
    URI base,
    String selfPath,
    Instant updated,
    List<Story> stories,
    Paging paging,
    URI hub,
    Archive archive) {

  /**
   * Holds a feed page's links, each a path relative to {@code base} with its query string, or
   * {@code null} when there is none.
   *
   * @param self this page, with its filters
   * @param first the first page
   * @param previous the page before this one
   * @param next the page after this one
   */
  record Paging(String self, String first, String previous, String next) {
    static final Paging NONE = new Paging(null, null, null, null);
  }

  /**
   * Holds the RFC 5005 §4 links of an archived feed, each a path relative to {@code base} with its
   * query string, or {@code null} when there is none.
   *
   * @param document whether this is an archive document (it then carries {@code fh:archive})
   * @param current the subscription document; set on archive documents
   * @param previous the archive document before this one ({@code prev-archive})
   * @param next the archive document after this one ({@code next-archive})
   */
  record Archive(boolean document, String current, String previous, String next) {
    static final Archive NONE = new Archive(false, null, null, null);
  }

  /** Returns this view with {@code other} links. */
  FeedView withPaging(Paging other) {
    return new FeedView(title, base, selfPath, updated, stories, other, hub, archive);
  }

  /** Returns this view advertising the WebSub hub {@code other} ({@code null} for none). */
  FeedView withHub(URI other) {
    return new FeedView(title, base, selfPath, updated, stories, paging, other, archive);
  }

  /** Returns this view with another {@code updated} time (for an empty document). */
  FeedView withUpdated(Instant other) {
    return new FeedView(title, base, selfPath, other, stories, paging, hub, archive);
  }

  /** Returns this view with the archive links {@code other}. */
  FeedView withArchive(Archive other) {
    return new FeedView(title, base, selfPath, updated, stories, paging, hub, other);
  }

  /** Returns the absolute URL of this page, with its query string. */
  URI selfLink() {
    return link(paging.self() != null ? paging.self() : selfPath);
  }

  /** Sorts {@code stories} newest updated first and derives {@code updated} from them. */
  static FeedView of(String title, URI base, String selfPath, List<Story> stories) {
    List<Story> sorted =
        stories.stream()
            .sorted(
                Comparator.comparing(
                        Story::updated, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(Story::id, Comparator.nullsLast(Comparator.naturalOrder())))
            .toList();
    Instant updated =
        sorted.stream()
            .map(Story::updated)
            .filter(u -> u != null)
            .findFirst()
            .orElse(Instant.EPOCH);
    return new FeedView(title, base, selfPath, updated, sorted, Paging.NONE, null, Archive.NONE);
  }

  /** Returns the absolute URL of {@code path} on this server. */
  URI link(String path) {
    return base.resolve(path);
  }

  /**
   * Returns each story's {@code updated} time as the feed shows it, in {@link #stories} order: its
   * update time to the millisecond, except that where stories share one millisecond, each after the
   * first is shown a millisecond earlier than the one before it, so that no two entries of a
   * document share an {@code updated} value (RFC 4287 readers tell entries' versions apart by it).
   * Stories sharing a millisecond are rare: the index stamps each change with its clock.
   */
  List<Instant> entryUpdated() {
    List<Instant> out = new ArrayList<>(stories.size());
    Set<Instant> taken = new HashSet<>();
    for (Story s : stories) {
      Instant t =
          (s.updated() == null ? Instant.EPOCH : s.updated()).truncatedTo(ChronoUnit.MILLIS);
      while (!taken.add(t)) {
        t = t.minusMillis(1);
      }
      out.add(t);
    }
    return out;
  }

  /** Returns the stable entry id of a story. */
  static String entryId(Story story) {
    return "urn:feedfold:story:" + story.id();
  }
}
