package org.feedfold.serve;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedfold.model.Story;
import org.feedfold.model.StoryStamp;

/**
 * Builds the archive documents of an archived feed (RFC 5005 §4) and the subscription document's
 * link to the newest one.
 *
 * <p>A story's archive document is fixed by the UTC day it was first published (or seen) on, a time
 * that does not move when other stories arrive: the stories of one day, oldest first (then by id),
 * split into parts of {@code serve.limit} stories. {@code ?archive=2026-11-29.2} is the second part
 * of that day, {@code ?archive=2026-11-29} its last part. The subscription document links {@code
 * prev-archive} to the last part of the newest day; each archive document links {@code current}
 * (the subscription document), {@code prev-archive} and {@code next-archive} (the neighbouring
 * part, or the nearest day a story was first seen on), and carries {@code fh:archive}. Walking
 * {@code prev-archive} from the subscription document reaches every story's archive document once.
 *
 * <p>A day is closed {@link #SETTLE} after it ends (articles are published before they are seen);
 * its documents then keep their content and are cached for {@value #CLOSED_MAX_AGE} seconds, except
 * when one of their stories gains a version (its entry changes, and so does the ETag; RFC 5005 §4.1
 * allows that; the subscription document shows the new version too) or, rarely, when an article
 * published on that day arrives late. Filters ({@code q}, {@code source}, {@code min_sources},
 * {@code since}) apply to archive documents too: {@code q} before the day is split into parts, the
 * others within a part, so a filtered part may hold fewer stories. Stateless and thread-safe.
 */
final class Archives {
  static final String PARAM = "archive";
  static final Duration SETTLE = Duration.ofDays(1);
  static final long CLOSED_MAX_AGE = 7L * 24 * 3600;

  /** Parts a day is split into at most; parts beyond it are not served. */
  static final int MAX_PARTS = 10_000;

  private static final Pattern KEY = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:\\.(\\d{1,5}))?");
  private static final Instant NEWEST = Instant.ofEpochMilli(Long.MAX_VALUE);

  private Archives() {}

  /**
   * Names one archive document: a UTC day and a part from 1, or 0 for the day's last part.
   *
   * @param day the day the document's stories were first published (or seen) on
   * @param part the part, 1-based; 0 for the last
   */
  record Key(LocalDate day, int part) {
    /** Parses {@code 2026-11-29} or {@code 2026-11-29.2}. */
    static Key parse(String value) throws FeedQuery.BadQuery {
      Matcher m = KEY.matcher(value.strip());
      try {
        if (m.matches()) {
          int part = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
          if (m.group(2) == null || (part >= 1 && part <= MAX_PARTS)) {
            return new Key(LocalDate.parse(m.group(1)), part);
          }
        }
      } catch (DateTimeParseException e) {
        // reported below
      }
      throw new FeedQuery.BadQuery(
          "archive must be a day (2026-11-29) or a day and a part (2026-11-29.2)");
    }

    static Key lastOf(Instant t) {
      return new Key(LocalDate.ofInstant(t, ZoneOffset.UTC), 0);
    }

    Instant start() {
      return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    Instant end() {
      return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Override
    public String toString() {
      return part == 0 ? day.toString() : day + "." + part;
    }
  }

  /**
   * Is one archive document.
   *
   * @param stories its stories, narrowed by the filters
   * @param links its RFC 5005 links
   * @param closed whether its day is closed, so that it may be cached long
   */
  record Page(List<Story> stories, FeedView.Archive links, boolean closed) {}

  /** Says that an archive document does not exist (a part past the day's last). */
  static final class NoSuchPart extends Exception {
    private static final long serialVersionUID = 1L;

    NoSuchPart(String message) {
      super(message);
    }
  }

  /**
   * Returns the subscription document's links: {@code prev-archive} to the newest archive document,
   * or {@link FeedView.Archive#NONE} when there is no story.
   *
   * @param path the feed's route, such as {@code feed.atom}
   * @param raw the query string its links carry (its filters)
   */
  static FeedView.Archive subscription(StoryArchive archive, String path, String raw)
      throws IOException, FeedQuery.BadQuery {
    Optional<Instant> newest = archive.storyFirstSeen(NEWEST, true);
    if (newest.isEmpty()) {
      return FeedView.Archive.NONE;
    }
    return new FeedView.Archive(false, null, link(path, raw, Key.lastOf(newest.get())), null);
  }

  /**
   * Reads the archive document {@code key} of the feed at {@code path} filtered by {@code query}
   * and {@code filter}, in parts of {@code size} stories.
   *
   * @param raw the query string its links carry (its filters)
   * @throws NoSuchPart when the day has fewer parts
   */
  static Page page(
      StoryArchive archive,
      Key key,
      int size,
      String path,
      String raw,
      FeedQuery query,
      StoryFilter filter,
      Instant now)
      throws IOException, FeedQuery.BadQuery, NoSuchPart {
    List<StoryStamp> day = archive.firstSeen(query.query(), key.start(), key.end());
    int parts = Math.max(1, (day.size() + size - 1) / size);
    int part = key.part() == 0 ? parts : key.part();
    if (part > parts) {
      throw new NoSuchPart("no archive document " + key + ": that day has " + parts + " part(s)");
    }
    List<String> ids = new ArrayList<>();
    for (StoryStamp s : day.subList((part - 1) * size, Math.min(day.size(), part * size))) {
      ids.add(s.id());
    }
    List<Story> stories = new ArrayList<>();
    for (Story s : archive.stories(ids)) {
      boolean recent =
          query.since() == null || (s.updated() != null && !s.updated().isBefore(query.since()));
      if (recent && filter.keeps(s)) {
        stories.add(s);
      }
    }
    String previous;
    if (part > 1) {
      previous = link(path, raw, new Key(key.day(), part - 1));
    } else {
      previous =
          archive
              .storyFirstSeen(key.start(), true)
              .map(t -> link(path, raw, Key.lastOf(t)))
              .orElse(null);
    }
    String next;
    if (part < parts) {
      next = link(path, raw, new Key(key.day(), part + 1));
    } else {
      Optional<Instant> later = archive.storyFirstSeen(key.end(), false);
      next =
          later.isEmpty()
              ? null
              : link(path, raw, new Key(LocalDate.ofInstant(later.get(), ZoneOffset.UTC), 1));
    }
    String current = path + StoryFilter.queryString(raw, 1);
    boolean closed = !now.isBefore(key.end().plus(SETTLE));
    return new Page(stories, new FeedView.Archive(true, current, previous, next), closed);
  }

  /**
   * Returns the link to archive document {@code key} of {@code path} with {@code raw}'s filters.
   */
  static String link(String path, String raw, Key key) {
    try {
      return path + StoryFilter.archiveQueryString(raw, key.toString());
    } catch (FeedQuery.BadQuery e) {
      // The query string was parsed once already; it cannot fail here.
      throw new IllegalStateException(e);
    }
  }
}
