package org.feedfold.index;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.feedfold.cluster.ArticleEntry;
import org.feedfold.cluster.Claimant;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.cluster.StoryAssigner;
import org.feedfold.cluster.StoryState;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.FeedState;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Story;
import org.feedfold.model.StoryStamp;
import org.feedfold.store.SavedStories;
import org.feedfold.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores articles, stories and feed state in one Lucene index, and assigns each added article to a
 * story.
 *
 * <p>Thread-safe. Writes ({@link #add}, {@link #contains}, the feed-state methods, {@link #commit})
 * take one write lock, one at a time. Writes become durable at {@link #commit()}: articles and feed
 * state staged before one commit are committed together, so a crash never leaves a feed marked
 * fetched while its articles are lost; nothing staged since the last commit survives a crash.
 *
 * <p>Reads ({@link #search}, {@link #stories}, {@link #story}, {@link #explain}, {@link
 * #feedState}, {@link #feedStates}, {@link #forEachArticle}, {@link #stats}) never take the write
 * lock: they run on the searcher of the last refresh, so a read never waits for an add and an add
 * never waits for a read (issue 9). Freshness: the searcher is refreshed at every {@link #commit},
 * every {@value #REFRESH_EVERY} adds, and by a read that finds staged writes while no write is
 * running; a read during a write sees the state before it. One process owns a writable index
 * (Lucene's write lock); others may {@link #openReadOnly} it and see what was committed when they
 * opened it.
 *
 * <p>Clustering: {@link StoryAssigner} (in {@code org.feedfold.cluster}, pure logic) decides which
 * story an added article joins and which stories merge; this index is its {@link
 * org.feedfold.cluster.StoryStore} ({@link IndexedStories}): candidates sharing the article's rare
 * shingles are found among the articles published within the window ({@link ShingleWindow}, held in
 * heap and loaded from the stored fingerprints), and the article, its story state and the redirects
 * of merged stories are written here, in the one transaction of {@link #add}.
 *
 * <p>This file is longer than most because it is the package's whole public surface (each public
 * method and its contract) plus the transaction around an add; the parts live in {@link
 * IndexedStories}, {@link ShingleWindow}, {@link Stories}, {@link Redirects}, {@link Pending} and
 * {@link Reads}.
 */
public final class ArticleIndex implements Closeable, Store {
  /**
   * Refreshes the near-real-time searcher after this many adds (or a commit, or a read); until then
   * adds are found through {@link Pending}.
   */
  static final int REFRESH_EVERY = 50_000;

  private final Path path;
  private final Directory dir;
  private final Analyzer analyzer = new StandardAnalyzer();
  private final HeapCopies copies = HeapCopies.create();
  private final InstantSource clock;
  private final ClusterSettings settings;
  private final StoryAssigner assigner;
  private final ReentrantLock lock = new ReentrantLock();

  // The writer and what mirrors it in heap: replaced together (see #recover) after a failed write,
  // so they are not final; guarded by the lock.
  private IndexWriter writer;
  private SearcherManager searchers;
  private Stories stories;
  private Pending pending;
  private ShingleWindow window;

  /** Why writes are refused after a failed write could not be undone; {@code null} if they work. */
  private IOException broken;

  /**
   * Feed states staged (or removed: empty) since the last refresh, so {@link #feedState} answers
   * without refreshing the searcher: with commits grouped, a refresh per fetched feed would cost
   * nearly what the commit did (issue 10). Written with the lock held, cleared at refresh.
   */
  private final Map<String, Optional<FeedState>> stagedFeeds = new ConcurrentHashMap<>();

  /** True when writes were staged since the last refresh. */
  private volatile boolean dirty;

  /** What reads see: the last refreshed searcher and redirects; {@code null} once closed. */
  private volatile View view;

  /** Told of every add, with the write lock held; see {@link #watch}. */
  private final List<Watcher> watchers = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Told after each new view is handed to reads; see {@link #onGeneration}. */
  private final List<Runnable> generationListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Runs inside {@link #add} while it holds the write lock; tests use it to hold an add open. */
  volatile Runnable insideAdd = () -> {};

  private ArticleIndex(
      Path path, Directory dir, IndexWriter writer, ClusterSettings settings, InstantSource clock)
      throws IOException {
    this.path = path;
    this.dir = dir;
    this.writer = writer;
    this.searchers =
        writer != null
            ? new SearcherManager(writer, null)
            : new SearcherManager(DirectoryReader.open(dir), null);
    this.clock = clock;
    this.settings = settings;
    this.assigner = new StoryAssigner(settings);
    load();
  }

  /** Loads the heap state (redirects, recent fingerprints) from the searcher and publishes it. */
  private void load() throws IOException {
    stories = new Stories();
    pending = new Pending();
    stagedFeeds.clear();
    window = new ShingleWindow(settings, stories);
    IndexSearcher s = searchers.acquire();
    try {
      stories.load(s);
      if (writer != null) {
        window.preload(s, pending);
      }
    } finally {
      searchers.release(s);
    }
    dirty = false;
    publish();
  }

  private static IndexWriterConfig writerConfig() {
    IndexWriterConfig cfg = new IndexWriterConfig(new StandardAnalyzer());
    cfg.setRAMBufferSizeMB(64);
    cfg.setCommitOnClose(false);
    cfg.setCodec(IndexCodec.create());
    return cfg;
  }

  /**
   * Undoes a failed write: rolls the writer back to the last commit and opens a new one with the
   * heap state reloaded, so the next write can succeed once the cause (say, a full disk) is gone.
   * Call with the lock held.
   *
   * @return the exception to throw: says "disk full" if it was, and that the staged writes are lost
   */
  private IOException recover(String doing, IOException e) {
    IOException failure =
        new IOException(
            (diskFull(e) ? "disk full while " : "I/O error (" + e.getMessage() + ") while ")
                + doing
                + " "
                + path
                + "; nothing since the last commit was kept",
            e);
    log().error("{}", failure.getMessage());
    closeQuietly(writer::rollback, failure);
    try {
      reopen();
    } catch (IOException | RuntimeException r) {
      failure.addSuppressed(r);
      broken = failure;
    }
    return failure;
  }

  /** Opens a new writer at the last commit and reloads the heap state; call with the lock held. */
  private void reopen() throws IOException {
    IndexWriter w = new IndexWriter(dir, writerConfig());
    SearcherManager old = searchers;
    try {
      searchers = new SearcherManager(w, null);
      writer = w;
      load();
    } catch (IOException | RuntimeException e) {
      closeQuietly(w::rollback, e);
      throw e;
    }
    try {
      old.close();
    } catch (IOException | RuntimeException e) {
      log().debug("closing the searchers of the failed writer of {}", path, e);
    }
    broken = null;
  }

  private static boolean diskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains("No space left on device")) {
        return true;
      }
    }
    return false;
  }

  /** Is what reads work on: a refreshed searcher and the redirects of the same refresh. */
  private record View(IndexSearcher searcher, Redirects redirects) {}

  /**
   * Opens (creating if needed) the index under {@code dir} for reading and writing.
   *
   * @throws IOException if another process holds the index (the message says so), or on I/O failure
   */
  public static ArticleIndex open(Path dir, ClusterSettings settings, InstantSource clock)
      throws IOException {
    Files.createDirectories(dir);
    return open(dir, FSDirectory.open(dir), settings, clock);
  }

  /**
   * Opens the index in {@code d} (which it closes on failure or at {@link #close}) for writing;
   * tests pass a wrapping directory to inject I/O failures.
   */
  static ArticleIndex open(Path dir, Directory d, ClusterSettings settings, InstantSource clock)
      throws IOException {
    IndexWriter w;
    try {
      w = new IndexWriter(d, writerConfig());
    } catch (LockObtainFailedException e) {
      d.close();
      throw new IOException(
          "index "
              + dir
              + " is in use by another process (is the daemon running?); open it read-only",
          e);
    } catch (IOException | RuntimeException e) {
      closeQuietly(d::close, e);
      throw e;
    }
    try {
      return new ArticleIndex(dir, d, w, settings, clock);
    } catch (IOException | RuntimeException e) {
      // Release the write lock, or the next attempt would blame another process.
      closeQuietly(w::rollback, e);
      closeQuietly(d::close, e);
      throw unloadable(dir, e);
    }
  }

  private static IOException unloadable(Path dir, Exception e) {
    if (e instanceof IOException io && String.valueOf(io.getMessage()).contains(dir.toString())) {
      return io;
    }
    return new IOException("index " + dir + " cannot be loaded: " + e, e);
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void closeQuietly(IoAction action, Exception failure) {
    try {
      action.run();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Opens an existing index for reading only, as last committed; works while another process writes
   * it. Write methods throw {@link IllegalStateException}.
   *
   * @throws IOException if there is no index under {@code dir}
   */
  public static ArticleIndex openReadOnly(Path dir, ClusterSettings settings, InstantSource clock)
      throws IOException {
    Directory d = FSDirectory.open(dir);
    if (!DirectoryReader.indexExists(d)) {
      d.close();
      throw new IOException("no index in " + dir);
    }
    try {
      return new ArticleIndex(dir, d, null, settings, clock);
    } catch (IOException | RuntimeException e) {
      closeQuietly(d::close, e);
      throw unloadable(dir, e);
    }
  }

  /**
   * Adds or updates the article and assigns it to a story. An identical re-fetch changes nothing
   * and reports {@code changed=false}.
   *
   * <p>The stored article it updates is the one with the same id; else, within the same feed (or
   * source), the one claiming the same canonical URL (or link) if it also has the same link or
   * nearly the same text. The canonical URL is only a hint: a site whose every page declares one
   * canonical URL keeps every article, and an update never takes over another article's times.
   * Another outlet's copy naming the original as canonical is a new article of the same story, so
   * its outlet stays listed.
   */
  public Assignment add(ArticleInput article) throws IOException {
    lock.lock();
    try {
      writable();
      Assignment done = addLocked(article);
      watchers.forEach(w -> w.added(article, done));
      return done;
    } catch (IOException e) {
      throw writer.isOpen() && !diskFull(e) ? e : recover("adding to", e);
    } finally {
      lock.unlock();
    }
  }

  private Assignment addLocked(ArticleInput article) throws IOException {
    IndexWriter w = writable();
    insideAdd.run();
    long now = clock.millis();
    if (stagedChange(article, StoryAssigner.contentHash(article))) {
      // Only a refresh makes the staged article's stored fields, and so its history, readable.
      refresh();
    }
    IndexSearcher searcher = searchers.acquire();
    try {
      StoryAssigner.Assigned done =
          assigner.assign(
              article, now, new IndexedStories(w, searcher, stories, pending, window, now));
      if (done.wrote()) {
        dirty = true;
        if (pending.size() >= REFRESH_EVERY) {
          refresh();
        }
      }
      return new Assignment(
          done.articleId(),
          Fields.storyId(done.story()),
          done.created(),
          done.changed(),
          done.newStory());
    } finally {
      searchers.release(searcher);
    }
  }

  /**
   * Returns true if an article with this id is indexed, committed or staged. Cheap: it does not
   * refresh the reader, so the ingester may ask once per feed entry.
   */
  public boolean contains(String articleId) throws IOException {
    lock.lock();
    try {
      if (pending.byId(articleId) != null) {
        return true;
      }
      IndexSearcher s = searchers.acquire();
      try {
        return s.count(new TermQuery(Fields.idTerm(articleId))) > 0;
      } finally {
        searchers.release(s);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns true if an article, of any feed, is stored for the page {@code link} names under the
   * headline {@code title} ({@link PageKey}), committed or staged: another feed of the outlet
   * already brought it, so {@link #add} would keep that one. Cheap, as {@link #contains}.
   */
  @Override
  public boolean containsPage(String link, String title) throws IOException {
    String key = PageKey.of(link, title);
    if (key == null) {
      return false;
    }
    lock.lock();
    try {
      IndexSearcher s = searchers.acquire();
      try {
        return new IndexedStories(null, s, stories, pending, window, 0).byPage(key) != null;
      } finally {
        searchers.release(s);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stages the state of a subscription, to be committed with the next {@link #commit()}. */
  public void putFeedState(FeedState state) throws IOException {
    lock.lock();
    try {
      writable().updateDocument(FeedDocs.key(state.url()), FeedDocs.toDocument(state));
      stagedFeeds.put(state.url(), Optional.of(state));
      dirty = true;
    } finally {
      lock.unlock();
    }
  }

  /** Stages the removal of a subscription's state. */
  public void removeFeedState(String url) throws IOException {
    lock.lock();
    try {
      writable().deleteDocuments(FeedDocs.key(url));
      stagedFeeds.put(url, Optional.empty());
      dirty = true;
    } finally {
      lock.unlock();
    }
  }

  /** Commits everything staged so far, atomically, and makes it visible to readers. */
  public void commit() throws IOException {
    lock.lock();
    try {
      writable();
      try {
        stories.flush(writer);
        writer.commit();
      } catch (IOException e) {
        throw recover("committing", e);
      }
      refresh();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the committed or staged state of one subscription. Cheap: it never refreshes the
   * searcher, so the ingester may ask once per fetch.
   */
  public Optional<FeedState> feedState(String url) throws IOException {
    Optional<FeedState> staged = stagedFeeds.get(url);
    if (staged != null) {
      return staged;
    }
    View v = acquire();
    try {
      // Not staged since the view's refresh (a refresh publishes its view before it forgets what
      // was staged), or staged after this read began: the view has it, or the read came first.
      // A term seek per segment, not a scored query: this runs once per fetch, and the query's
      // weight and statistics were an eighth of a 304 cycle's CPU (issue 10).
      Term key = FeedDocs.key(url);
      PostingsEnum postings = null;
      for (LeafReaderContext leaf : v.searcher().getIndexReader().leaves()) {
        Terms terms = leaf.reader().terms(key.field());
        TermsEnum te = terms == null ? null : terms.iterator();
        if (te == null || !te.seekExact(key.bytes())) {
          continue;
        }
        postings = te.postings(postings, PostingsEnum.NONE);
        Bits live = leaf.reader().getLiveDocs();
        for (int doc = postings.nextDoc();
            doc != DocIdSetIterator.NO_MORE_DOCS;
            doc = postings.nextDoc()) {
          if (live == null || live.get(doc)) {
            return Optional.of(FeedDocs.fromDocument(leaf.reader().storedFields().document(doc)));
          }
        }
      }
      return Optional.empty();
    } finally {
      v.searcher().getIndexReader().decRef();
    }
  }

  /** Returns the state of every subscription the index knows, by URL. */
  public List<FeedState> feedStates() throws IOException {
    return read(
        s -> {
          IndexSearcher searcher = s.searcher();
          TopDocs top =
              searcher.search(new TermQuery(Fields.typeTerm(Fields.FEED)), Integer.MAX_VALUE);
          List<FeedState> out = new ArrayList<>();
          for (ScoreDoc sd : top.scoreDocs) {
            out.add(FeedDocs.fromDocument(searcher.storedFields().document(sd.doc)));
          }
          out.sort(Comparator.comparing(FeedState::url));
          return out;
        });
  }

  /**
   * Searches articles with Lucene query syntax over title and text, best first.
   *
   * @param since only articles published (or seen) at or after this; {@code null} for all
   * @throws IllegalArgumentException if the query does not parse
   */
  public List<SearchHit> search(String query, Instant since, int limit) throws IOException {
    return read(s -> s.reads().search(query, since, limit));
  }

  /**
   * Searches articles as {@code request} says: Lucene query syntax over the fields {@link
   * QueryParsing} documents ({@code title text source story lang published}), best match or newest
   * first, one result per story or per article.
   *
   * @throws QueryException if the query does not parse, names an unknown field or is refused
   */
  public List<StoryHit> search(SearchRequest request) throws IOException {
    return read(s -> s.reads().search(request));
  }

  /**
   * Lists stories, most recently updated first.
   *
   * @param query only stories with a member matching this; {@code null} for all
   * @param since only stories updated at or after this; {@code null} for all
   */
  public List<Story> stories(String query, Instant since, int limit) throws IOException {
    return stories(query, null, since, limit);
  }

  /**
   * Lists stories, most recently updated first.
   *
   * @param query only stories with a member matching this; {@code null} for all
   * @param publishedSince only stories first published (or seen) at or after this; {@code null} for
   *     all
   * @param updatedSince only stories updated (that gained a version) at or after this; {@code null}
   *     for all
   */
  public List<Story> stories(String query, Instant publishedSince, Instant updatedSince, int limit)
      throws IOException {
    return read(s -> s.reads().stories(query, publishedSince, updatedSince, limit));
  }

  /**
   * Lists stories as {@link #stories(String, Instant, int)} does, as stamps: without reading their
   * members, so cheaply; a caller keeping stories read before reads again only those whose {@link
   * StoryStamp#version} moved ({@link #story}).
   */
  @Override
  public List<StoryStamp> stamps(String query, Instant since, int limit) throws IOException {
    return read(s -> s.reads().stamps(query, null, since, limit));
  }

  /**
   * Lists the stories first published (or seen) at or after {@code from} and before {@code to},
   * oldest first, then by id; with {@code query}, only those with a member matching it. For RFC
   * 5005 archive documents: a story's place does not move when other stories arrive.
   *
   * @throws QueryException if the query does not parse
   */
  @Override
  public List<StoryStamp> firstSeen(String query, Instant from, Instant to) throws IOException {
    return read(s -> s.reads().firstSeen(query, from.toEpochMilli(), to.toEpochMilli()));
  }

  /**
   * Returns the first-seen time of the story first seen last before {@code at} ({@code before}), or
   * of the one first seen first at or after it; empty when there is none. For walking archive
   * documents without stepping on empty ones.
   */
  @Override
  public Optional<Instant> storyFirstSeen(Instant at, boolean before) throws IOException {
    OptionalLong t = read(s -> s.reads().storyFirstSeen(at.toEpochMilli(), before));
    return t.isPresent() ? Optional.of(Instant.ofEpochMilli(t.getAsLong())) : Optional.empty();
  }

  /** Returns one story by id, following the redirect of a story merged into another. */
  public Optional<Story> story(String id) throws IOException {
    return read(
        s -> {
          StoryState st = state(id, s);
          return st == null ? Optional.empty() : Optional.of(s.reads().story(st));
        });
  }

  /**
   * Lists and reads a page as {@link Store#stampedStories} says, in one read of the index: the
   * stories not kept are read from the states the listing has just read ({@link StoryBatch}).
   */
  @Override
  public List<Store.Stamped> stampedStories(
      String query, Instant since, int limit, java.util.function.Predicate<StoryStamp> kept)
      throws IOException {
    return read(s -> s.reads().stampedStories(query, since, limit, kept));
  }

  /**
   * Returns the stories of {@code ids} as {@link #story} returns each, keyed by the id asked for,
   * in the order asked (ids of no story left out): with one search for their states and one pass
   * over all their members ({@link StoryBatch}), where one by one each took its own.
   */
  @Override
  public Map<String, Story> storiesById(java.util.Collection<String> ids) throws IOException {
    return read(
        s -> {
          Map<String, Long> asked = new java.util.LinkedHashMap<>();
          for (String id : ids) {
            OptionalLong n = Fields.parseStoryId(id);
            if (n.isPresent()) {
              asked.put(id, s.redirects().resolve(n.getAsLong()));
            }
          }
          Map<Long, Story> read =
              StoryBatch.read(s.searcher(), s.redirects(), s.reads(), asked.values());
          Map<String, Story> out = new java.util.LinkedHashMap<>();
          asked.forEach(
              (id, n) -> {
                Story story = read.get(n);
                if (story != null) {
                  out.put(id, story);
                }
              });
          return out;
        });
  }

  /** Says why each member of a story belongs to it; follows redirects like {@link #story}. */
  public Optional<StoryExplanation> explain(String storyId) throws IOException {
    return read(
        s -> {
          StoryState st = state(storyId, s);
          return st == null ? Optional.empty() : Optional.of(s.reads().explain(st));
        });
  }

  /** Calls {@code sink} for every article, in index order. */
  public void forEachArticle(Consumer<ExportedArticle> sink) throws IOException {
    read(
        s -> {
          s.reads().forEachArticle(sink);
          return null;
        });
  }

  /** Returns counts, the feeds by status and the size on disk; see {@link IndexStats}. */
  public IndexStats stats() throws IOException {
    return read(
        s -> {
          Reads r = s.reads();
          long bytes = 0;
          for (String f : dir.listAll()) {
            if (!f.equals(IndexWriter.WRITE_LOCK_NAME)) {
              try {
                bytes += dir.fileLength(f);
              } catch (NoSuchFileException | FileNotFoundException e) {
                // merged away by the writer while we listed: no longer part of the index
              }
            }
          }
          return r.stats(bytes);
        });
  }

  /**
   * Returns the version of what reads see now: it changes whenever a commit or refresh makes new
   * data visible, so a page rendered from the index can be kept until it does. Cheap.
   */
  public long generation() throws IOException {
    return read(
        s -> s.searcher().getIndexReader() instanceof DirectoryReader d ? d.getVersion() : -1L);
  }

  /** Calls {@code listener} with the write lock held after each refresh that publishes a view. */
  @Override
  public Runnable onGeneration(Runnable listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    generationListeners.add(listener);
    return () -> generationListeners.remove(listener);
  }

  /** Answers the saved feeds' queries from {@link SavedQueries}, matched as articles are added. */
  @Override
  public SavedStories savedQueries(Map<String, String> queries) throws IOException {
    return SavedQueries.open(this, queries)::stories;
  }

  /** Returns the directory this index lives in. */
  public Path path() {
    return path;
  }

  /** Closes the index; anything staged and not committed is discarded. Idempotent. */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      View v = view;
      if (v == null) {
        return;
      }
      view = null;
      v.searcher().getIndexReader().decRef();
      searchers.close();
      if (writer != null && writer.isOpen()) {
        writer.rollback();
      }
      dir.close();
    } finally {
      lock.unlock();
    }
  }

  /** Is told of each add; runs with the write lock held, so must be quick and never throw. */
  interface Watcher {
    /** Called after {@code article} was added as {@code done} says (also when nothing changed). */
    void added(ArticleInput article, Assignment done);
  }

  /** Reads the index once for a new {@link Watcher}. */
  interface Seed {
    void read(Reads reads) throws IOException;
  }

  /**
   * Registers {@code watcher} and runs {@code seed} on a view that sees every add made before it,
   * under the write lock: no add falls between the two, so none is missed.
   */
  void watch(Watcher watcher, Seed seed) throws IOException {
    lock.lock();
    try {
      if (writer != null && dirty) {
        refresh();
      }
      watchers.add(watcher);
      View v = acquire();
      try {
        seed.read(new Reads(v.searcher(), v.redirects(), analyzer));
      } finally {
        v.searcher().getIndexReader().decRef();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the version of the view reads are handed now, without refreshing it (unlike {@link
   * #generation}); a {@link Watcher} calls it to learn that later views hold the add it is told of.
   * {@code Long.MIN_VALUE} when closed or not known.
   */
  long publishedVersion() {
    View v = view;
    return v != null && v.searcher().getIndexReader() instanceof DirectoryReader d
        ? d.getVersion()
        : Long.MIN_VALUE;
  }

  /**
   * Lists the stories of {@code storyIds} as {@link Reads#storiesOf} does, their states taken from
   * {@code states} where it holds them.
   */
  List<Story> storiesOf(
      java.util.Collection<Long> storyIds, StoryStates states, Instant since, int limit)
      throws IOException {
    return read(s -> s.reads().storiesOf(storyIds, states, null, since, limit));
  }

  /** Is one read's view with the analyzer queries are parsed with. */
  private record ReadView(
      IndexSearcher searcher,
      Redirects redirects,
      Analyzer analyzer,
      HeapCopies copies,
      NewestStories newest) {
    Reads reads() {
      return new Reads(searcher, redirects, analyzer, copies, newest);
    }
  }

  /** The newest stories listed last, to list the next view's from (issue 11, first page). */
  private final NewestStories newest = new NewestStories();

  /**
   * Lists the stamps of the {@code limit} newest stories anew, as {@link #stamps} would without the
   * listing kept by {@link NewestStories}; for tests.
   */
  List<StoryStamp> stampsListedAnew(int limit) throws IOException {
    return read(
        s -> new Reads(s.searcher(), s.redirects(), s.analyzer()).stamps(null, null, null, limit));
  }

  /**
   * Returns the newest first-seen time of the stories as {@link #storyFirstSeen} does for the
   * latest instant, searched anew (without {@link NewestStories}); for tests.
   */
  OptionalLong newestFirstSeenAnew() throws IOException {
    return read(
        s ->
            new Reads(s.searcher(), s.redirects(), s.analyzer())
                .storyFirstSeen(Long.MAX_VALUE, true));
  }

  /** Returns how many newest-story listings were made anew and from a kept one; for tests. */
  long[] newestListings() {
    return newest.counts();
  }

  private interface ReadAction<T> {
    T apply(ReadView s) throws IOException;
  }

  /**
   * Runs a read on the last refreshed view without taking the write lock; refreshes first only if
   * writes were staged and no write is running, so the read never waits for one.
   */
  private <T> T read(ReadAction<T> action) throws IOException {
    if (dirty && lock.tryLock()) {
      try {
        if (dirty && view != null) {
          refresh();
        }
      } finally {
        lock.unlock();
      }
    }
    View v = acquire();
    try {
      return action.apply(new ReadView(v.searcher(), v.redirects(), analyzer, copies, newest));
    } finally {
      v.searcher().getIndexReader().decRef();
    }
  }

  /** Takes a reference to the current view; a view released meanwhile is skipped. */
  private View acquire() {
    while (true) {
      View v = view;
      if (v == null) {
        throw new AlreadyClosedException("index " + path + " is closed");
      }
      if (v.searcher().getIndexReader().tryIncRef()) {
        return v;
      }
      Thread.onSpinWait();
    }
  }

  /** Refreshes the searcher and hands it to reads; call with the write lock held. */
  private void refresh() throws IOException {
    if (writer != null) {
      stories.flush(writer);
    }
    searchers.maybeRefreshBlocking();
    pending.clear();
    dirty = false;
    publish();
    stagedFeeds.clear();
  }

  /** Hands reads the current searcher and redirects; call with the write lock held. */
  private void publish() throws IOException {
    IndexSearcher s = searchers.acquire();
    Redirects r = stories.snapshot();
    View old = view;
    if (old != null && old.searcher() == s && old.redirects() == r) {
      searchers.release(s);
      return;
    }
    view = new View(s, r);
    if (old != null) {
      old.searcher().getIndexReader().decRef();
    }
    for (Runnable listener : generationListeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        log().warn("a generation listener of {} failed", path, e);
      }
    }
  }

  private static StoryState state(String id, ReadView s) throws IOException {
    OptionalLong n = Fields.parseStoryId(id);
    return n.isEmpty() ? null : Stories.stored(s.redirects().resolve(n.getAsLong()), s.searcher());
  }

  private IndexWriter writable() throws IOException {
    if (writer == null) {
      throw new IllegalStateException("index " + path + " is open read-only");
    }
    if (broken != null) {
      try {
        reopen();
      } catch (IOException | RuntimeException e) {
        throw new IOException(
            broken.getMessage() + "; the index could not be reopened: " + e.getMessage(), e);
      }
    }
    return writer;
  }

  /**
   * Says whether {@code a} changes an article staged since the last refresh (by id, or by canonical
   * key with the same link or text): its stored fields are not readable until a refresh.
   */
  private boolean stagedChange(ArticleInput a, long hash) {
    ArticleEntry e = pending.byId(a.id());
    if (e != null) {
      return e.contentHash() != hash;
    }
    Pending.Claim c = pending.byCanonical(Fields.canonicalKey(a));
    return c != null
        && pending.byId(c.id()) != null
        && ((a.url() != null && a.url().equals(c.url()))
            || Claimant.textHash(a.text()) == c.textHash());
  }

  /**
   * Returns this class's logger, looked up only to log: a static field would start Logback in every
   * command that opens the index, though most log nothing (issue 11, start time).
   */
  private static Logger log() {
    return LoggerFactory.getLogger(ArticleIndex.class);
  }
}
