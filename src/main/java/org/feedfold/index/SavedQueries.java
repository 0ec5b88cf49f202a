package org.feedfold.index;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.FixedBitSet;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.Story;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the stories of saved queries (the {@code feed.NAME.query} feeds) up to date as articles
 * arrive, so that serving one reads its story ids instead of running its query (issue 11).
 *
 * <p>At {@link #open} each query is parsed as {@link ArticleIndex#stories} parses it (same fields,
 * analyzer and refusals) and run once over the index for its newest {@value #MAX_ARTICLES} matching
 * articles. From then on every article the index adds or changes is put in a one-document {@link
 * MemoryIndex} (the engine under Lucene's {@code monitor} module) and the saved queries that may
 * match it are run against it: a match records the article and its story, an update that no longer
 * matches forgets it. Which queries may match is decided by a term filter ({@link
 * SavedQueryFilter}, the presearcher of the {@code monitor} module rebuilt over lucene-core, as
 * that module is not to be had at our Lucene version): an article is checked only against the
 * queries that require one of its terms and those that require none (ranges, wildcards, negations
 * alone), so with hundreds of saved queries an article costs a few query runs, not hundreds.
 * Stories are kept as the ids first assigned and resolved through the redirects of merges when
 * read, so a story that merges into another is followed. Each query keeps its newest {@value
 * #MAX_ARTICLES} articles (about 70 bytes each), the same bound as a query run by {@link
 * ArticleIndex#stories}: with fewer matches than that, {@link #stories} equals running the query. A
 * read sorts its stories by last update from the states kept by {@link StoryStates} (at most
 * {@value StoryStates#MAX_STATES}, shared by all saved feeds, each dropped when an add changes its
 * story) and reads only the page's stories whole.
 *
 * <p>A query naming {@code story:} depends on merges made after it was parsed, so it is not
 * watched: it runs on every call, as do names never registered. Thread-safe. Matching runs inside
 * {@link ArticleIndex#add} and costs one small in-memory index, a lookup of its terms and one
 * search per candidate query; a failure there is logged and the feed falls back to running its
 * query.
 */
public final class SavedQueries {
  /** Matching articles each saved query keeps, newest first. */
  public static final int MAX_ARTICLES = Reads.MAX_QUERY_ARTICLES;

  private static final String[] FIELDS = {Fields.TITLE, Fields.TEXT};

  /** How an added article is matched against the saved queries. */
  public enum Matching {
    /** Runs every saved query against every added article: the reference, for tests and benches. */
    EVERY_QUERY,
    /**
     * Runs only the queries the term filter ({@link SavedQueryFilter}) lets through: the default.
     */
    TERM_FILTER
  }

  private final ArticleIndex index;
  private final Analyzer analyzer = new StandardAnalyzer();
  private final Map<String, Watched> watched;
  private final Matching matching;

  /** The watched queries in the filter's numbering; set when seeded, before any match. */
  private volatile List<Watched> numbered = List.of();

  /** The term filter over {@link #numbered}; {@code null} for {@link Matching#EVERY_QUERY}. */
  private volatile SavedQueryFilter filter;

  private final LongAdder checks = new LongAdder();

  /** The states of the stories read, so that a read sorts them without reading each. */
  private final StoryStates states = new StoryStates();

  /** One watched query and its matching articles (article id hash to stored story id). */
  private static final class Watched {
    final String text;
    final Query query;
    volatile boolean failed;
    final LinkedHashMap<Long, Long> articles =
        new LinkedHashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > MAX_ARTICLES;
          }
        };

    Watched(String text, Query query) {
      this.text = text;
      this.query = query;
    }

    synchronized void put(long article, long story) {
      // Re-inserted so that the newest stays last and the eldest is evicted first.
      articles.remove(article);
      articles.put(article, story);
    }

    synchronized void remove(long article) {
      articles.remove(article);
    }

    synchronized List<Long> stories() {
      return new ArrayList<>(articles.values());
    }
  }

  private SavedQueries(ArticleIndex index, Map<String, Watched> watched, Matching matching) {
    this.index = index;
    this.watched = watched;
    this.matching = matching;
  }

  /**
   * Watches {@code queries} (saved feed name to query text) on {@code index}: parses each, runs it
   * once over the index and from then on matches every added article against it. Queries that do
   * not parse are left out (their feed answers with the parse error, as before).
   *
   * @throws IOException when the index cannot be read
   */
  public static SavedQueries open(ArticleIndex index, Map<String, String> queries)
      throws IOException {
    return open(index, queries, Matching.TERM_FILTER);
  }

  /**
   * Watches {@code queries} as {@link #open(ArticleIndex, Map)} does, matching added articles as
   * {@code matching} says: both ways keep the same stories; {@link Matching#EVERY_QUERY} is there
   * to measure and test the term filter against.
   *
   * @throws IOException when the index cannot be read
   */
  public static SavedQueries open(
      ArticleIndex index, Map<String, String> queries, Matching matching) throws IOException {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(matching, "matching");
    Map<String, Watched> watched = new LinkedHashMap<>();
    SavedQueries saved = new SavedQueries(index, watched, matching);
    for (Map.Entry<String, String> e : queries.entrySet()) {
      if (e.getValue() == null || e.getValue().isBlank()) {
        continue;
      }
      String text = e.getValue().strip();
      boolean[] namesStory = new boolean[1];
      Query q;
      try {
        q =
            QueryParsing.parse(
                text,
                FIELDS,
                saved.analyzer,
                id -> {
                  namesStory[0] = true;
                  return null;
                });
      } catch (QueryException ex) {
        continue;
      }
      if (!namesStory[0]) {
        watched.put(e.getKey(), new Watched(text, q));
      }
    }
    index.watch(
        saved::added,
        reads -> {
          List<Watched> list = List.copyOf(watched.values());
          if (matching == Matching.TERM_FILTER) {
            saved.filter =
                SavedQueryFilter.build(list.stream().map(w -> w.query).toList(), reads::docFreq);
          }
          saved.numbered = list;
          for (Watched w : watched.values()) {
            List<Reads.Match> newest = reads.newest(w.query, MAX_ARTICLES);
            for (int i = newest.size() - 1; i >= 0; i--) {
              w.put(key(newest.get(i).articleId()), newest.get(i).story());
            }
          }
        });
    return saved;
  }

  /** Returns whether the saved feed {@code name} is answered from matched articles. */
  public boolean watches(String name) {
    return watched.containsKey(name);
  }

  /**
   * Lists the stories of saved feed {@code name} whose query is {@code query}, most recently
   * updated first, as {@link ArticleIndex#stories(String, Instant, int)} would; runs the query when
   * {@code name} is not watched under that query.
   *
   * @param since only stories updated at or after this; {@code null} for all
   * @throws QueryException if a query that is run does not parse
   */
  public List<Story> stories(String name, String query, Instant since, int limit)
      throws IOException {
    Watched w = name == null ? null : watched.get(name);
    if (w == null || w.failed || query == null || !w.text.equals(query.strip())) {
      return index.stories(query, since, limit);
    }
    return index.storiesOf(w.stories(), states, since, limit);
  }

  /**
   * Returns how many times a saved query was run against an added article since {@link #open}: with
   * the term filter, far fewer than articles times queries.
   */
  public long checks() {
    return checks.sum();
  }

  /** Matches one added article; never throws, as it runs inside the index's add. */
  private void added(ArticleInput article, Assignment done) {
    if (!done.created() && !done.changed()) {
      return;
    }
    try {
      states.touched(Fields.parseStoryId(done.storyId()).orElseThrow(), index.publishedVersion());
      match(article, done);
    } catch (RuntimeException e) {
      log().warn("cannot match article {} against the saved feeds", done.articleId(), e);
      watched.values().forEach(w -> w.failed = true);
    }
  }

  private void match(ArticleInput article, Assignment done) {
    List<Watched> list = numbered;
    if (list.isEmpty()) {
      return;
    }
    long time = (article.published() != null ? article.published() : article.seen()).toEpochMilli();
    IndexSearcher doc =
        MemoryIndex.fromDocument(Fields.matchable(article, time), analyzer).createSearcher();
    long article64 = key(done.articleId());
    long story = Fields.parseStoryId(done.storyId()).orElseThrow();
    FixedBitSet candidates = candidates(doc, list.size());
    for (int i = 0; i < list.size(); i++) {
      Watched w = list.get(i);
      if (!candidates.get(i)) {
        if (!done.created()) {
          // Cannot match, so a changed article leaves the feed, as re-running would.
          w.remove(article64);
        }
        continue;
      }
      checks.increment();
      try {
        if (doc.count(w.query) > 0) {
          w.put(article64, story);
        } else if (!done.created()) {
          // A changed article that no longer matches leaves the feed, as re-running would.
          w.remove(article64);
        }
      } catch (IOException | RuntimeException ex) {
        log().warn("saved query {}: cannot match article {}", w.text, done.articleId(), ex);
        w.failed = true;
      }
    }
  }

  /** Returns the numbers of the queries to run against {@code doc}: all without a filter. */
  private FixedBitSet candidates(IndexSearcher doc, int size) {
    SavedQueryFilter f = filter;
    if (f != null) {
      try {
        return f.candidates(doc.getIndexReader().leaves().get(0).reader());
      } catch (IOException e) {
        // An in-memory index does not fail to read; if it did, checking every query is safe.
        log().warn("cannot read an article's terms; checking every saved query", e);
      }
    }
    FixedBitSet all = new FixedBitSet(size);
    all.set(0, size);
    return all;
  }

  /** Returns a 64-bit hash of an article id: the key of the matched articles. */
  private static long key(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h = (h ^ id.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }

  /**
   * Returns this class's logger, looked up only to log: a static field would start Logback in every
   * command that opens the index, though most log nothing (issue 11, start time).
   */
  private static Logger log() {
    return LoggerFactory.getLogger(SavedQueries.class);
  }
}
