package org.feedfold.serve;

import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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
 */
record FeedView(String title, URI base, String selfPath, Instant updated, List<Story> stories) {

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
    return new FeedView(title, base, selfPath, updated, sorted);
  }

  /** Returns the absolute URL of {@code path} on this server. */
  URI link(String path) {
    return base.resolve(path);
  }

  /** Returns the stable entry id of a story. */
  static String entryId(Story story) {
    return "urn:feedfold:story:" + story.id();
  }
}
