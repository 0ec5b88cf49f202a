package org.feedfold.index;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
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
 * MemoryIndex} (the engine under Lucene's {@code monitor} module) and each saved query is run
 * against it: a match records the article and its story, an update that no longer matches forgets
 * it. Stories are kept as the ids first assigned and resolved through the redirects of merges when
 * read, so a story that merges into another is followed. Each query keeps its newest {@value
 * #MAX_ARTICLES} articles (about 70 bytes each), the same bound as a query run by {@link
 * ArticleIndex#stories}: with fewer matches than that, {@link #stories} equals running the query.
 *
 * <p>A query naming {@code story:} depends on merges made after it was parsed, so it is not
 * watched: it runs on every call, as do names never registered. Thread-safe. Matching runs inside
 * {@link ArticleIndex#add} and costs one small in-memory index plus one search per saved query; a
 * failure there is logged and the feed falls back to running its query.
 */
public final class SavedQueries {
  /** Matching articles each saved query keeps, newest first. */
  public static final int MAX_ARTICLES = Reads.MAX_QUERY_ARTICLES;

  private static final Logger LOG = LoggerFactory.getLogger(SavedQueries.class);
  private static final String[] FIELDS = {Fields.TITLE, Fields.TEXT};

  private final ArticleIndex index;
  private final Analyzer analyzer = new StandardAnalyzer();
  private final Map<String, Watched> watched;

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

  private SavedQueries(ArticleIndex index, Map<String, Watched> watched) {
    this.index = index;
    this.watched = watched;
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
    Objects.requireNonNull(index, "index");
    Map<String, Watched> watched = new LinkedHashMap<>();
    SavedQueries saved = new SavedQueries(index, watched);
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
    return index.storiesOf(w.stories(), since, limit);
  }

  /** Matches one added article; never throws, as it runs inside the index's add. */
  private void added(ArticleInput article, Assignment done) {
    if (!done.created() && !done.changed()) {
      return;
    }
    try {
      match(article, done);
    } catch (RuntimeException e) {
      LOG.warn("cannot match article {} against the saved feeds", done.articleId(), e);
      watched.values().forEach(w -> w.failed = true);
    }
  }

  private void match(ArticleInput article, Assignment done) {
    long time = (article.published() != null ? article.published() : article.seen()).toEpochMilli();
    IndexSearcher doc =
        MemoryIndex.fromDocument(Fields.matchable(article, time), analyzer).createSearcher();
    long article64 = key(done.articleId());
    long story = Fields.parseStoryId(done.storyId()).orElseThrow();
    for (Map.Entry<String, Watched> e : watched.entrySet()) {
      Watched w = e.getValue();
      try {
        if (doc.count(w.query) > 0) {
          w.put(article64, story);
        } else if (!done.created()) {
          // A changed article that no longer matches leaves the feed, as re-running would.
          w.remove(article64);
        }
      } catch (IOException | RuntimeException ex) {
        LOG.warn("saved feed {}: cannot match article {}", e.getKey(), done.articleId(), ex);
        w.failed = true;
      }
    }
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
}
