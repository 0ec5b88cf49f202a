package org.feedfold.store;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.feedfold.cluster.StoryAssigner;
import org.feedfold.index.Assignment;
import org.feedfold.index.ExportedArticle;
import org.feedfold.index.IndexStats;
import org.feedfold.index.QueryException;
import org.feedfold.index.SearchRequest;
import org.feedfold.index.StoryExplanation;
import org.feedfold.index.StoryHit;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.FeedState;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Story;
import org.feedfold.model.StoryStamp;

/**
 * Stores articles, the stories they are assigned to and the state of each subscription: everything
 * above storage (ingest, CLI, server, API) depends on this and nothing else of it.
 *
 * <p>Implementations: the embedded Lucene index ({@link org.feedfold.index.ArticleIndex}, the
 * default, {@code store.type=lucene}); {@link Stores} opens the one the configuration names.
 *
 * <p>Consistency every implementation gives:
 *
 * <ul>
 *   <li><b>Writes</b> ({@link #add}, {@link #putFeedState}, {@link #removeFeedState}) are staged
 *       and become durable at {@link #commit()}, all of them together: a crash never keeps a feed
 *       state without the articles staged before it. Nothing staged since the last commit survives
 *       a crash or {@link #close()}.
 *   <li><b>Read-your-writes for the write path</b>: {@link #add}, {@link #contains} and {@link
 *       #feedState} see every write staged before them by any thread, committed or not, so an
 *       article added twice before a commit is one article, and a feed's state is found right after
 *       it was put.
 *   <li><b>Reads</b> ({@link #search}, {@link #stories}, {@link #story}, {@link #explain}, {@link
 *       #feedStates}, {@link #forEachArticle}, {@link #stats}) see at least everything committed
 *       before they started; staged writes may or may not be visible yet. They never wait for a
 *       write. {@link #generation()} changes whenever what they see changes.
 *   <li>{@link #add} is atomic: assigning one article to a story (reading candidates and story
 *       states, merging stories, writing the article) is one transaction, never interleaved with
 *       another add of the same store.
 * </ul>
 *
 * <p>Thread-safe. A store opened read-only throws {@link IllegalStateException} from the write
 * methods.
 */
public interface Store extends Closeable {

  /**
   * Adds or updates the article and assigns it to a story; atomic. An identical re-fetch changes
   * nothing and reports {@code changed=false}. Which stored article an input updates (same id, or
   * same canonical URL with the same link or nearly the same text) is decided by {@code
   * org.feedfold.cluster}; see {@link org.feedfold.index.ArticleIndex#add}.
   *
   * @throws IOException on a storage failure; nothing of this article is kept then
   */
  Assignment add(ArticleInput article) throws IOException;

  /** Returns true if an article with this id is stored, committed or staged. Cheap. */
  boolean contains(String articleId) throws IOException;

  /**
   * Returns true if an article, of any feed, is stored for the page {@code link} names under the
   * headline {@code title}, committed or staged: an entry of another feed of the same outlet that
   * {@link #add} would take for that article (so its page need not be fetched). Cheap.
   */
  boolean containsPage(String link, String title) throws IOException;

  /**
   * Is one entry of a fetched feed document that {@link #known} is asked about.
   *
   * @param articleId the id its article is stored under; never {@code null}
   * @param link its link, or {@code null} not to ask whether its page is carried ({@link
   *     #containsPage})
   * @param title its headline; may be {@code null}
   */
  record EntryKey(String articleId, String link, String title) {
    public EntryKey {
      Objects.requireNonNull(articleId, "articleId");
    }
  }

  /**
   * Says which entries of one document a store holds, as {@link #known} answered.
   *
   * @param ids the article ids stored, committed or staged, as {@link #contains} says
   * @param carried the entries whose id is not stored but whose page is, as {@link #containsPage}
   *     says
   * @param hashes the content hash ({@link StoryAssigner#contentHash}) of stored articles, by id,
   *     where the store read them with the answer; a store may leave any out
   */
  record Known(Set<String> ids, Set<EntryKey> carried, Map<String, Long> hashes) {
    public Known {
      ids = Set.copyOf(ids);
      carried = Set.copyOf(carried);
      hashes = Map.copyOf(hashes);
    }

    /** Returns true if an article with this id was stored. */
    public boolean stored(String articleId) {
      return ids.contains(articleId);
    }

    /** Returns true if the page of this entry (asked about by id and not stored) was carried. */
    public boolean carried(EntryKey entry) {
      return carried.contains(entry);
    }

    /**
     * Returns true if {@link #add} would take {@code article} for an identical re-fetch of the
     * article stored under its id, as the answer saw it: the same content hash. Such an add writes
     * nothing and reports neither {@code created} nor {@code changed} ({@link
     * StoryAssigner#assign}). False where the store gave no hash for its id.
     */
    public boolean unchanged(ArticleInput article) {
      Long stored = hashes.get(article.id());
      return stored != null && stored == StoryAssigner.contentHash(article);
    }
  }

  /**
   * Answers, for the entries of one fetched feed document, {@link #contains} for each and, for each
   * whose id is not stored and that names a link, {@link #containsPage}: the ingester asks once per
   * document before it adds any of them (issue 13: on SolrCloud each single lookup was a request,
   * and most entries of a re-fetched document are known). Sees every write staged before it, as
   * they do; nothing added after it.
   *
   * <p>By default the single lookups one after another, without hashes; the SolrCloud store answers
   * in one real-time get, with the hashes of the articles it read.
   */
  default Known known(List<EntryKey> entries) throws IOException {
    Set<String> ids = new HashSet<>();
    Set<String> absent = new HashSet<>();
    Set<EntryKey> carried = new HashSet<>();
    for (EntryKey e : entries) {
      String id = e.articleId();
      if (ids.contains(id) || (!absent.contains(id) && contains(id))) {
        ids.add(id);
        continue;
      }
      absent.add(id);
      if (e.link() != null && containsPage(e.link(), e.title())) {
        carried.add(e);
      }
    }
    return new Known(ids, carried, Map.of());
  }

  /** Stages the state of a subscription, to be committed with the next {@link #commit()}. */
  void putFeedState(FeedState state) throws IOException;

  /** Stages the removal of a subscription's state. */
  void removeFeedState(String url) throws IOException;

  /**
   * Commits everything staged so far, atomically and durably, and makes it visible to reads that
   * start after it returns.
   */
  void commit() throws IOException;

  /** Returns the committed or staged state of one subscription. Cheap: runs once per fetch. */
  Optional<FeedState> feedState(String url) throws IOException;

  /** Returns the state of every subscription the store knows, sorted by URL. */
  List<FeedState> feedStates() throws IOException;

  /**
   * Searches articles with Lucene query syntax over title and text, best first.
   *
   * @param since only articles published (or seen) at or after this; {@code null} for all
   * @throws IllegalArgumentException if the query does not parse
   */
  List<SearchHit> search(String query, Instant since, int limit) throws IOException;

  /**
   * Searches articles as {@code request} says: best match or newest first, one result per story or
   * per article.
   *
   * @throws QueryException if the query does not parse, names an unknown field or is refused
   */
  List<StoryHit> search(SearchRequest request) throws IOException;

  /**
   * Lists stories, most recently updated first.
   *
   * @param query only stories with a member matching this; {@code null} for all
   * @param since only stories updated at or after this; {@code null} for all
   */
  List<Story> stories(String query, Instant since, int limit) throws IOException;

  /**
   * Lists stories, most recently updated first.
   *
   * @param query only stories with a member matching this; {@code null} for all
   * @param publishedSince only stories first published (or seen) at or after this; {@code null} for
   *     all
   * @param updatedSince only stories updated (that gained a version) at or after this; {@code null}
   *     for all
   */
  List<Story> stories(String query, Instant publishedSince, Instant updatedSince, int limit)
      throws IOException;

  /**
   * Lists stories as {@link #stories(String, Instant, int)} does, as stamps: without reading their
   * members, so cheaply; a caller keeping stories read before reads again only those whose {@link
   * StoryStamp#version} moved.
   */
  List<StoryStamp> stamps(String query, Instant since, int limit) throws IOException;

  /**
   * Is one story of a page listed by {@link #stampedStories}: its stamp, and the story read, or
   * {@code null} where the caller said it keeps the story of that stamp.
   */
  record Stamped(StoryStamp stamp, Story story) {}

  /**
   * Lists stories as {@link #stamps} does and reads, in the same read of the store, those whose
   * stamp {@code kept} declines (as {@link #storiesById} reads them); a listed story not found when
   * read (merged away) is left out. By default {@link #stamps} then {@link #storiesById}; the
   * Lucene index reads the stories from the states the listing has just read, on the same view of
   * the index (issue 11, the merged feed's first page).
   */
  default List<Stamped> stampedStories(
      String query, Instant since, int limit, Predicate<StoryStamp> kept) throws IOException {
    List<StoryStamp> stamps = stamps(query, since, limit);
    boolean[] keeps = new boolean[stamps.size()];
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < keeps.length; i++) {
      keeps[i] = kept.test(stamps.get(i));
      if (!keeps[i]) {
        missing.add(stamps.get(i).id());
      }
    }
    Map<String, Story> read = missing.isEmpty() ? Map.of() : storiesById(missing);
    List<Stamped> out = new ArrayList<>(stamps.size());
    for (int i = 0; i < keeps.length; i++) {
      StoryStamp stamp = stamps.get(i);
      if (keeps[i]) {
        out.add(new Stamped(stamp, null));
      } else if (read.containsKey(stamp.id())) {
        out.add(new Stamped(stamp, read.get(stamp.id())));
      }
    }
    return out;
  }

  /**
   * Lists the stories first published (or seen) at or after {@code from} and before {@code to},
   * oldest first, then by id; with {@code query}, only those with a member matching it. For RFC
   * 5005 archive documents: a story's place does not move when other stories arrive.
   *
   * @throws QueryException if the query does not parse
   */
  List<StoryStamp> firstSeen(String query, Instant from, Instant to) throws IOException;

  /**
   * Returns the first-seen time of the story first seen last before {@code at} ({@code before}), or
   * of the one first seen first at or after it; empty when there is none.
   */
  Optional<Instant> storyFirstSeen(Instant at, boolean before) throws IOException;

  /** Returns one story by id, following the redirect of a story merged into another. */
  Optional<Story> story(String id) throws IOException;

  /**
   * Returns the stories of {@code ids} as {@link #story} returns each, keyed by the id asked for,
   * in the order asked; ids of no story are left out. By default one by one; the Lucene index reads
   * them together (a feed page read cold).
   */
  default Map<String, Story> storiesById(Collection<String> ids) throws IOException {
    Map<String, Story> out = new LinkedHashMap<>();
    for (String id : ids) {
      Optional<Story> s = story(id);
      if (s.isPresent()) {
        out.put(id, s.get());
      }
    }
    return out;
  }

  /** Says why each member of a story belongs to it; follows redirects like {@link #story}. */
  Optional<StoryExplanation> explain(String storyId) throws IOException;

  /** Calls {@code sink} for every article, in storage order. */
  void forEachArticle(Consumer<ExportedArticle> sink) throws IOException;

  /** Returns counts, the feeds by status and the size on disk; see {@link IndexStats}. */
  IndexStats stats() throws IOException;

  /**
   * Returns the version of what reads see now: it changes whenever new data becomes visible, so a
   * page rendered from the store can be kept until it does. Cheap.
   */
  long generation() throws IOException;

  /**
   * Calls {@code listener} each time {@link #generation()} moves (a commit or refresh made new data
   * visible), so a server can render its pages for the new generation before anyone asks (issue
   * 11). The listener may run on the writer's thread with its lock held: it must be quick (hand the
   * work to another thread) and never throw. Returns what stops the calls when run. By default the
   * store cannot tell and never calls; readers see the change through {@link #generation()} alone.
   */
  default Runnable onGeneration(Runnable listener) {
    return () -> {};
  }

  /**
   * Starts answering the saved feeds' queries ({@code name} to Lucene query syntax) as {@link
   * #stories(String, Instant, int)} would, kept up to date as articles are added; call before the
   * first add. A store may simply run the query on each call.
   */
  SavedStories savedQueries(Map<String, String> queries) throws IOException;

  /** Closes the store; anything staged and not committed is discarded. Idempotent. */
  @Override
  void close() throws IOException;
}
