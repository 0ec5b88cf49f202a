package org.feedfold.solr;

import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.response.TermsResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;
import org.feedfold.cluster.ArticleEntry;
import org.feedfold.cluster.ArticleHistory;
import org.feedfold.cluster.Claimant;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.cluster.Explainer;
import org.feedfold.cluster.Fingerprint;
import org.feedfold.cluster.Fingerprinter;
import org.feedfold.cluster.StoryAssigner;
import org.feedfold.cluster.StoryState;
import org.feedfold.cluster.StoryStore;
import org.feedfold.index.Assignment;
import org.feedfold.index.StoreQueries;
import org.feedfold.model.ArticleInput;
import org.feedfold.store.Store;

/**
 * Assigns articles to stories in the collection with {@link StoryAssigner}, the same logic the
 * Lucene store runs, and keeps concurrent instances from splitting or corrupting a story.
 *
 * <p>How (issue 13; the argument is in docs/SCALING.md):
 *
 * <ul>
 *   <li>Every story record is written with optimistic concurrency: created with {@code
 *       _version_=-1} (must not exist), updated with the {@code _version_} read by real-time get in
 *       the same attempt. A 409 discards the attempt and assigns again from fresh reads.
 *   <li>Searches see another instance's articles only after a commit, so a new story first
 *       <em>claims</em> its {@value #CLAIMS} lowest sampled shingles: one small document per
 *       shingle, id {@code claim!c:HASH}, created with {@code _version_=-1}, in ascending order (in
 *       one request to the one shard that holds every claim, whose leader applies them in order and
 *       stops at the first conflict). Two copies of one story share their lowest shingles, so of
 *       two instances founding a story for them at once exactly one wins the first shared claim;
 *       the other gets 409, assigns again, finds the claimant among its candidates by real-time
 *       get, and joins its story.
 *   <li>Candidate lookup asks the engine for the articles within the window sharing the most of the
 *       article's rarest non-boilerplate shingles (the {@code shingles} field, analysed by the
 *       engine with our filter), plus the claims of its lowest shingles and this instance's own
 *       adds since its last commit. Each claim id is routed to one shard by the compositeId hash,
 *       so the claim lookup is one request per shard that holds one, not a broadcast.
 *   <li>The article's canonical and page keys are looked up by real-time get of key documents
 *       ({@code k:c:} and {@code k:p:}, naming the article last written under the key, written in
 *       the article's update request after it), read with the article and its claims: one request,
 *       which sees other instances' uncommitted articles, where a search saw only committed ones. A
 *       hit is checked against the article it names (its key may have changed since); a collection
 *       written before key documents (no {@link SolrDocs#KEYS_MARKER}) searches when one is
 *       missing.
 * </ul>
 *
 * <p>Not thread-safe: {@link SolrStore} calls {@link #add} under its write lock.
 */
final class SolrStories {
  /** A new story claims this many of its lowest sampled shingles. */
  static final int CLAIMS = 8;

  /** Query at most this many shingles per article, the rarest first (as the Lucene store). */
  static final int QUERY_SHINGLES = 16;

  /** A boilerplate shingle held by at most this many articles may still name a copy. */
  static final int RARE_DF = 16;

  /** Order shingles by frequency up to this many holders, as the Lucene store counts them. */
  static final int MAX_DF = 64;

  /** Gives up an add after this many conflicting attempts. */
  static final int MAX_ATTEMPTS = 40;

  /** After this many attempts, a claim whose story never appeared is taken as abandoned. */
  static final int ORPHAN_AFTER = 20;

  private final CloudSolrClient client;

  /** Sends every request of this class, counting them ({@link #requests()}). */
  private final CountingSolrClient solr;

  private final SolrLayout layout;
  private final ClusterSettings settings;
  private final InstantSource clock;
  private final StoryAssigner assigner;

  /** Fingerprints an added article before its attempt, to read its claims with the article. */
  private final Fingerprinter fingerprinter;

  /** This instance's articles since its last commit: searches do not see them yet. */
  private final Map<String, ArticleEntry> pending = new LinkedHashMap<>();

  private final Map<String, Claimant> pendingCanonical = new HashMap<>();

  /** This instance's pending articles by {@code StoreQueries.pageKey}, the first of each. */
  private final Map<String, ArticleEntry> pendingPage = new HashMap<>();

  /**
   * Committed document frequencies of shingles as the terms dictionaries gave them, kept while the
   * searchers that gave them stay (issue 13: a {@code /terms} request per lookup was a tenth of the
   * engine's CPU). Searchers change only at a commit (the configset has no soft auto-commit): this
   * instance's own clears the cache ({@link #committed}); another's is seen by {@link
   * #dfGeneration}, the number of article documents the terms dictionaries count, read with every
   * {@code /terms} request and at least once per lookup, which any commit of an added or updated
   * article changes. (A merge that purges exactly as many deleted articles as another instance
   * committed between two lookups would hide that commit until this instance's own next commit.)
   */
  private final Map<Integer, Long> committedDfs = new HashMap<>();

  /** The article count of the generation {@link #committedDfs} holds, or -1. */
  private long dfGeneration = -1;

  /** Clears {@link #committedDfs} beyond this many shingles (a generation's worth, normally). */
  static final int MAX_CACHED_DFS = 200_000;

  /**
   * Whether every article in the collection has its key documents ({@link SolrDocs#KEYS_MARKER}):
   * then a key without a key document has no article, and no search is asked. False for a
   * collection an older version wrote articles to without them ({@link #openKeys}), where a missing
   * key document falls back to the search.
   */
  private boolean keyed;

  /** How many attempts conflicted (409 or a story not yet written), for tests and benchmarks. */
  long conflicts;

  /**
   * Of {@link #conflicts}, how many were a new story losing a shingle claim to another instance's
   * story it had not looked at, for tests and benchmarks.
   */
  long claimLosses;

  /**
   * Shingles whose story spread was asked of the engine by facet, and shingles whose spread was
   * counted from the articles a lookup had already read, for tests and benchmarks.
   */
  long facetShingles;

  long localShingles;

  /** Runs before an add's writes (for tests: another instance's write between reads and writes). */
  Runnable beforeWrites = () -> {};

  /**
   * Runs in {@link #backfillKeys} between reading a batch's key documents and writing them (for
   * tests: an instance writing a key meanwhile).
   */
  Runnable beforeKeyWrites = () -> {};

  /** False to ask every spread by facet, as before spreads were counted locally (for tests). */
  boolean countSpreads = true;

  /** The spreads the last lookup measured, by shingle (for tests). */
  Map<Integer, Long> lastSpreads = Map.of();

  SolrStories(
      CloudSolrClient client, SolrLayout layout, ClusterSettings settings, InstantSource clock) {
    this.client = client;
    this.solr = new CountingSolrClient(client);
    this.layout = layout;
    this.settings = settings;
    this.clock = clock;
    this.assigner = new StoryAssigner(settings);
    this.fingerprinter = new Fingerprinter(settings);
  }

  /** Thrown inside an attempt that must start again from fresh reads. */
  private static final class Conflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Conflict(String why) {
      super(why, null, false, false);
    }
  }

  Assignment add(ArticleInput article) throws IOException {
    // The claims a lookup reads are those of the article's lowest shingles: known from its text,
    // so they are read with the article in one real-time get. The assigner fingerprints it again
    // (after its dedup); that costs far less than a request.
    int[] shingles = fingerprinter.of(article.title(), article.text()).shingles();
    int[] lowest = Arrays.copyOf(shingles, Math.min(CLAIMS, shingles.length));
    for (int attempt = 0; ; attempt++) {
      long now = clock.millis();
      Attempt t = new Attempt(attempt, now, lowest, article);
      try {
        StoryAssigner.Assigned r = assigner.assign(article, now, t);
        if (r.wrote()) {
          t.apply(r);
        }
        return new Assignment(
            r.articleId(), SolrDocs.storyId(r.story()), r.created(), r.changed(), r.newStory());
      } catch (Conflict c) {
        conflicts++;
        if (attempt + 1 >= MAX_ATTEMPTS) {
          throw new IOException(
              "SolrCloud: story assignment of "
                  + article.id()
                  + " kept conflicting: "
                  + c.getMessage());
        }
        // Another instance is between its writes: give it a moment, growing, at most 50 ms.
        LockSupport.parkNanos(
            TimeUnit.MILLISECONDS.toNanos(Math.min(50, 1L << Math.min(attempt, 5))));
      }
    }
  }

  /**
   * Returns how many requests this instance's story assignment, lookups and reads through it have
   * sent to the engine so far (tests and benchmarks count the requests of an add with it).
   */
  long requests() {
    return solr.requests();
  }

  /** Of {@link #requests()}, those to handler {@code path} ({@code /get}, {@code /update}...). */
  long requests(String path) {
    return solr.requests(path);
  }

  /** Forgets this instance's pending adds: a commit made them visible to searches. */
  void committed() {
    pending.clear();
    pendingCanonical.clear();
    pendingPage.clear();
    committedDfs.clear();
    dfGeneration = -1;
  }

  /**
   * Finds whether the collection keeps key documents for every article ({@link #keyed}): it does
   * when it holds the marker, or when it holds no article yet, in which case a writable store
   * creates the marker. Called once, when the store opens. Every instance sharing a collection must
   * write key documents (this version or later): an older one's articles are found by key only
   * after a commit, by the search this replaces.
   */
  void openKeys(boolean writable) throws IOException {
    if (get(SolrDocs.KEYS_MARKER) != null) {
      keyed = true;
      return;
    }
    SolrQuery q = new SolrQuery("*:*").addFilterQuery("type:" + SolrDocs.ARTICLE).setRows(0);
    if (!writable || query(q).getResults().getNumFound() > 0) {
      return;
    }
    SolrInputDocument m = new SolrInputDocument();
    m.setField(SolrDocs.ID, SolrDocs.KEYS_MARKER);
    m.setField(SolrDocs.TYPE, "meta");
    m.setField(SolrDocs.VERSION, -1L);
    try {
      new UpdateRequest().add(m).process(solr, layout.stories());
    } catch (SolrServerException | SolrException e) {
      if (!conflict(e)) { // 409: another instance made it first
        throw new IOException("SolrCloud: " + e.getMessage(), e);
      }
    }
    keyed = true;
  }

  /**
   * Writes the key documents missing in a collection written before them, then the marker {@link
   * SolrDocs#KEYS_MARKER}, so that lookups stop falling back to searches (issue 13). Walks every
   * committed article ({@code cursorMark}, {@code batch} at a time); for each of its keys, writes a
   * key document naming it unless one names an article written later. "Later" is the engine's write
   * order, {@code _version_}: a key document this walk writes records its article's ({@link
   * SolrDocs#KEY_ARTICLE_VERSION}); one an add wrote has none, but it was written right after its
   * article, so its own {@code _version_} stands for it. Several articles under one key (possible
   * in a collection written before page keys) thus end with the last written named, as the search
   * the lookups fall back to (newest {@code _version_} first) picks. Every write is conditional: a
   * create with {@code _version_=-1}, an overwrite at the version read; a 409 means an instance
   * wrote the key meanwhile, after its article, so its document is the newer and is kept. The
   * caller commits first, so the walk sees every acknowledged article.
   *
   * @return articles walked, key documents written, and key documents kept as they were
   */
  long[] backfillKeys(int batch) throws IOException {
    long articles = 0;
    long written = 0;
    long kept = 0;
    SolrQuery q =
        new SolrQuery("*:*")
            .addFilterQuery("type:" + SolrDocs.ARTICLE)
            .setFields(
                SolrDocs.ID,
                SolrDocs.ARTICLE_ID,
                SolrDocs.URL,
                "canonical_s",
                SolrDocs.TITLE,
                SolrDocs.PUBLISHED,
                SolrDocs.SEEN,
                SolrDocs.SOURCE,
                "feed_url_s",
                SolrDocs.VERSION)
            .setSort(SolrDocs.ID, SolrQuery.ORDER.asc)
            .setRows(batch);
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    while (true) {
      q.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      QueryResponse r = query(q);
      // Per key document: the last written article of this batch under its key.
      Map<String, SolrInputDocument> best = new LinkedHashMap<>();
      for (SolrDocument d : r.getResults()) {
        articles++;
        String id = SolrDocs.string(d, SolrDocs.ARTICLE_ID);
        long v = SolrDocs.version(d);
        String canonical = SolrDocs.canonicalKey(d);
        if (canonical != null) {
          offer(best, SolrDocs.keyDoc(SolrDocs.canonicalDoc(canonical), canonical, id, v));
        }
        String page = SolrDocs.pageKey(d);
        if (page != null) {
          offer(best, SolrDocs.keyDoc(SolrDocs.pageDoc(page), page, id, v));
        }
      }
      if (!best.isEmpty()) {
        long[] wk = writeKeys(best);
        written += wk[0];
        kept += wk[1];
      }
      String next = r.getNextCursorMark();
      if (next == null || next.equals(cursor)) {
        break;
      }
      cursor = next;
    }
    SolrInputDocument m = new SolrInputDocument();
    m.setField(SolrDocs.ID, SolrDocs.KEYS_MARKER);
    m.setField(SolrDocs.TYPE, "meta");
    m.setField(SolrDocs.VERSION, -1L);
    sendConditional(List.of(m)); // false (409): there already, from another backfill
    keyed = true;
    return new long[] {articles, written, kept};
  }

  private static void offer(Map<String, SolrInputDocument> best, SolrInputDocument d) {
    String id = (String) d.getFieldValue(SolrDocs.ID);
    SolrInputDocument had = best.get(id);
    if (had == null || articleVersion(d) > articleVersion(had)) {
      best.put(id, d);
    }
  }

  private static long articleVersion(SolrInputDocument d) {
    return (Long) d.getFieldValue(SolrDocs.KEY_ARTICLE_VERSION);
  }

  /**
   * Writes the key documents {@code docs} (by id) where no newer one is stored: reads the stored
   * ones (one real-time get), then writes the rest conditionally, in one request, or one by one
   * after a conflict.
   *
   * @return key documents written and kept
   */
  private long[] writeKeys(Map<String, SolrInputDocument> docs) throws IOException {
    Map<String, SolrDocument> stored = new HashMap<>();
    readAll(layout.stories(), docs.keySet(), "*," + SolrDocs.VERSION, stored);
    beforeKeyWrites.run();
    List<SolrInputDocument> writes = new ArrayList<>();
    long kept = 0;
    for (Map.Entry<String, SolrInputDocument> e : docs.entrySet()) {
      SolrInputDocument d = e.getValue();
      SolrDocument had = stored.get(e.getKey());
      if (had == null) {
        d.setField(SolrDocs.VERSION, -1L);
        writes.add(d);
        continue;
      }
      long hadVersion =
          had.getFirstValue(SolrDocs.KEY_ARTICLE_VERSION) != null
              ? SolrDocs.num(had, SolrDocs.KEY_ARTICLE_VERSION)
              : SolrDocs.version(had);
      if (articleVersion(d) > hadVersion
          && !d.getFieldValue(SolrDocs.ARTICLE_ID)
              .equals(SolrDocs.string(had, SolrDocs.ARTICLE_ID))) {
        d.setField(SolrDocs.VERSION, SolrDocs.version(had));
        writes.add(d);
      } else {
        kept++;
      }
    }
    if (writes.isEmpty() || sendConditional(writes)) {
      return new long[] {writes.size(), kept};
    }
    // A conflict stopped the request somewhere: again one by one, each 409 a newer document (or
    // this request's own write of it) that stays.
    long written = 0;
    for (SolrInputDocument d : writes) {
      if (sendConditional(List.of(d))) {
        written++;
      } else {
        kept++;
      }
    }
    return new long[] {written, kept};
  }

  /** Sends versioned documents to the stories collection; false on a 409. */
  private boolean sendConditional(List<SolrInputDocument> docs) throws IOException {
    UpdateRequest u = new UpdateRequest();
    docs.forEach(u::add);
    try {
      u.process(solr, layout.stories());
      return true;
    } catch (SolrServerException | SolrException e) {
      if (!conflict(e)) {
        throw new IOException("SolrCloud: " + e.getMessage(), e);
      }
      return false;
    }
  }

  /**
   * Deletes the claims the engine wrote before {@code beforeMillis} (the clock of the shard leader
   * that wrote them: {@code _version_} is its milliseconds shifted left by 20 bits, and a claim is
   * written once, so its {@code _version_} is when it was made). One delete-by-query, which also
   * reaches claims not yet committed; with {@code everyShard} false it goes to the claims' shard
   * only ({@code _route_=claim!}), else to every shard (claims of versions before the route key).
   *
   * @return how many such claims a search counted just before (committed ones only)
   */
  long deleteClaims(long beforeMillis, boolean everyShard) throws IOException {
    String q =
        "type:"
            + SolrDocs.CLAIM
            + " AND "
            + SolrDocs.VERSION
            + ":{* TO "
            + (beforeMillis << 20)
            + "}";
    SolrQuery count = new SolrQuery(q).setRows(0);
    UpdateRequest delete = new UpdateRequest();
    delete.deleteByQuery(q);
    if (!everyShard) {
      count.set("_route_", SolrDocs.CLAIM_ROUTE);
      delete.setParam("_route_", SolrDocs.CLAIM_ROUTE);
    }
    long n = query(count, "/select", layout.stories()).getResults().getNumFound();
    try {
      delete.process(solr, layout.stories());
    } catch (SolrServerException | SolrException e) {
      throw new IOException("SolrCloud: " + e.getMessage(), e);
    }
    return n;
  }

  /**
   * Returns a stored article with this page key ({@code StoreQueries.pageKey}), this instance's
   * pending ones first, or {@code null} (also for a null key).
   */
  ArticleEntry byPage(String key) throws IOException {
    if (key == null) {
      return null;
    }
    ArticleEntry own = pendingPage.get(key);
    if (own != null) {
      return own;
    }
    Optional<SolrDocument> held =
        holder(get(SolrDocs.pageDoc(key)), null, d -> key.equals(SolrDocs.pageKey(d)), null);
    return held != null ? held.map(SolrDocs::entry).orElse(null) : searchPage(key);
  }

  /** The fields {@link #known} reads: the entry (its hash), the page key, a key's article. */
  private static final String KNOWN_FIELDS =
      String.join(
          ",", SolrDocs.ID, SolrDocs.ENTRY, SolrDocs.URL, SolrDocs.TITLE, SolrDocs.ARTICLE_ID);

  /** Reads at most this many articles by month in one {@link #getAll} (its gets are URLs). */
  private static final int KNOWN_CHUNK = 100;

  /**
   * Answers {@link Store#known} as {@link SolrStore#contains} and {@link #byPage} answer each
   * entry, in one real-time get: every entry's article document and the key document of its page
   * (by month, the articles as {@link #getAll} reads them, and the key documents in one get). The
   * key documents are hints, as in {@link #holder}: the articles they name that were not read with
   * them are checked in one more get; where that cannot tell (no key document in a collection not
   * {@link #keyed}, a holder that no longer holds the key) the page is searched, as before. The
   * stored articles' content hashes come with the answer, from their entries.
   */
  Store.Known known(List<Store.EntryKey> entries) throws IOException {
    Set<String> articleDocs = new LinkedHashSet<>();
    Map<Store.EntryKey, String> pages = new LinkedHashMap<>();
    Set<String> keyDocs = new LinkedHashSet<>();
    for (Store.EntryKey e : entries) {
      articleDocs.add(SolrDocs.articleKey(e.articleId()));
      String key = e.link() == null ? null : StoreQueries.pageKey(e.link(), e.title());
      if (key != null) {
        pages.put(e, key);
        if (!pendingPage.containsKey(key)) {
          keyDocs.add(SolrDocs.pageDoc(key));
        }
      }
    }
    Map<String, SolrDocument> read = new HashMap<>();
    if (layout.byMonth()) {
      readArticles(articleDocs, read);
      readAll(layout.stories(), keyDocs, KNOWN_FIELDS, read);
    } else {
      Set<String> all = new LinkedHashSet<>(articleDocs);
      all.addAll(keyDocs);
      readAll(layout.stories(), all, KNOWN_FIELDS, read);
    }
    Set<String> ids = new HashSet<>();
    Map<String, Long> hashes = new HashMap<>();
    for (Store.EntryKey e : entries) {
      SolrDocument a = read.get(SolrDocs.articleKey(e.articleId()));
      if (a != null) {
        ids.add(e.articleId());
        ArticleEntry entry = SolrDocs.entry(a);
        if (entry != null) {
          hashes.put(e.articleId(), entry.contentHash());
        }
      }
    }
    Set<String> named = new LinkedHashSet<>();
    for (Map.Entry<Store.EntryKey, String> p : pages.entrySet()) {
      SolrDocument keyDoc = read.get(SolrDocs.pageDoc(p.getValue()));
      String id = keyDoc == null ? null : SolrDocs.string(keyDoc, SolrDocs.ARTICLE_ID);
      if (!ids.contains(p.getKey().articleId())
          && id != null
          && !read.containsKey(SolrDocs.articleKey(id))) {
        named.add(SolrDocs.articleKey(id));
      }
    }
    if (layout.byMonth()) {
      readArticles(named, read);
    } else {
      readAll(layout.stories(), named, KNOWN_FIELDS, read);
    }
    Set<Store.EntryKey> carried = new HashSet<>();
    Map<String, Boolean> searched = new HashMap<>();
    for (Map.Entry<Store.EntryKey, String> p : pages.entrySet()) {
      String key = p.getValue();
      if (ids.contains(p.getKey().articleId())) {
        continue;
      }
      boolean held;
      SolrDocument keyDoc = read.get(SolrDocs.pageDoc(key));
      String id = keyDoc == null ? null : SolrDocs.string(keyDoc, SolrDocs.ARTICLE_ID);
      SolrDocument a = id == null ? null : read.get(SolrDocs.articleKey(id));
      if (pendingPage.containsKey(key)) {
        held = true;
      } else if (a != null && key.equals(SolrDocs.pageKey(a))) {
        held = true;
      } else if (keyDoc == null && keyed) {
        held = false;
      } else {
        Boolean found = searched.get(key);
        if (found == null) {
          found = searchPage(key) != null;
          searched.put(key, found);
        }
        held = found;
      }
      if (held) {
        carried.add(p.getKey());
      }
    }
    return new Store.Known(ids, carried, hashes);
  }

  /** Reads article documents by month ({@link #getAll}), a chunk at a time, into {@code read}. */
  private void readArticles(Collection<String> docs, Map<String, SolrDocument> read)
      throws IOException {
    List<String> all = new ArrayList<>(docs);
    for (int i = 0; i < all.size(); i += KNOWN_CHUNK) {
      for (SolrDocument d : getAll(all.subList(i, Math.min(all.size(), i + KNOWN_CHUNK)))) {
        read.put(SolrDocs.string(d, SolrDocs.ID), d);
      }
    }
  }

  /**
   * Reads documents by real-time get in one request, sent as a POST (a document's worth of ids
   * outgrows a URL), with the fields {@code fl}, into {@code read} by id.
   */
  private void readAll(
      String collection, Collection<String> docs, String fl, Map<String, SolrDocument> read)
      throws IOException {
    if (docs.isEmpty()) {
      return;
    }
    ModifiableSolrParams p = new ModifiableSolrParams();
    for (String id : docs) {
      p.add("ids", id);
    }
    p.set("fl", fl);
    QueryRequest request = new QueryRequest(p, SolrRequest.METHOD.POST);
    request.setPath("/get");
    try {
      for (SolrDocument d : request.process(solr, collection).getResults()) {
        read.put(SolrDocs.string(d, SolrDocs.ID), d);
      }
    } catch (SolrServerException | SolrException e) {
      throw new IOException("SolrCloud: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the article key document {@code keyDoc} names if it still holds the key ({@code
   * holds}), read by real-time get (or taken from {@code read}, by article id, where the caller has
   * it; what is read is added there); empty when no article holds the key; {@code null} when only a
   * search can tell: a collection not {@link #keyed}, a key document naming {@code selfId} (the
   * article being added, so not stored: its write failed after the key document's), or a holder
   * that no longer holds the key (its update changed its link or headline).
   */
  private Optional<SolrDocument> holder(
      SolrDocument keyDoc,
      String selfId,
      java.util.function.Predicate<SolrDocument> holds,
      Map<String, SolrDocument> read)
      throws IOException {
    if (keyDoc == null) {
      return keyed ? Optional.empty() : null;
    }
    String id = SolrDocs.string(keyDoc, SolrDocs.ARTICLE_ID);
    if (id == null || id.equals(selfId)) {
      return null;
    }
    SolrDocument a =
        read != null && read.containsKey(id) ? read.get(id) : get(SolrDocs.articleKey(id));
    if (a == null || !holds.test(a)) {
      return null;
    }
    if (read != null) {
      read.put(id, a);
    }
    return Optional.of(a);
  }

  /** Searches for a committed article with this page key: what {@link #byPage} did before keys. */
  private ArticleEntry searchPage(String key) throws IOException {
    SolrQuery q =
        new SolrQuery("*:*")
            .addFilterQuery("type:article")
            .addFilterQuery(SolrDocs.PAGE_KEY + ":" + SolrDocs.quote(key))
            .setFields(SolrDocs.ENTRY)
            .setRows(1);
    SolrDocumentList l = query(q).getResults();
    return l.isEmpty() ? null : SolrDocs.entry(l.get(0));
  }

  /**
   * Settles one stored article ({@link StoryAssigner#settle}): merges the stories it matches now
   * that other instances' adds are visible, with the same conditional writes as an add.
   *
   * @return how many stories were merged into the article's story
   */
  int settle(ArticleEntry entry) throws IOException {
    for (int attempt = 0; ; attempt++) {
      long now = clock.millis();
      Attempt t = new Attempt(attempt, now, null, null);
      try {
        StoryAssigner.Settled r = assigner.settle(entry, now, t);
        if (r.merged() > 0) {
          t.writeStories(null);
        }
        return r.merged();
      } catch (Conflict c) {
        conflicts++;
        if (attempt + 1 >= MAX_ATTEMPTS) {
          throw new IOException(
              "SolrCloud: settling " + entry.id() + " kept conflicting: " + c.getMessage());
        }
        LockSupport.parkNanos(
            TimeUnit.MILLISECONDS.toNanos(Math.min(50, 1L << Math.min(attempt, 5))));
      }
    }
  }

  /** Sends one document without a version constraint. */
  void send(SolrInputDocument d) throws IOException {
    try {
      new UpdateRequest().add(d).process(solr, layout.of(d));
    } catch (SolrServerException | SolrException e) {
      throw new IOException("SolrCloud: " + e.getMessage(), e);
    }
  }

  /**
   * Sends documents without a version constraint, in order: one request per collection they go to
   * ({@link SolrLayout#of(SolrInputDocument)}), so one request in the single layout.
   */
  void sendAll(List<SolrInputDocument> docs) throws IOException {
    Map<String, UpdateRequest> byCollection = new LinkedHashMap<>();
    for (SolrInputDocument d : docs) {
      byCollection.computeIfAbsent(layout.of(d), c -> new UpdateRequest()).add(d);
    }
    try {
      for (Map.Entry<String, UpdateRequest> e : byCollection.entrySet()) {
        e.getValue().process(solr, e.getKey());
      }
    } catch (SolrServerException | SolrException e) {
      throw new IOException("SolrCloud: " + e.getMessage(), e);
    }
  }

  /** Real-time get of one document (sees every acknowledged write), or {@code null}. */
  SolrDocument get(String id) throws IOException {
    List<SolrDocument> l = getAll(List.of(id));
    return l.isEmpty() ? null : l.get(0);
  }

  /**
   * Real-time gets {@code ids}, all articles or all not. By month ({@link SolrLayout}), articles
   * are read by real-time get in the alias's two newest collections, which hold every article not
   * yet committed (an article is routed on the time it was first stored), and the rest by a search
   * of the alias, which sees every committed one.
   */
  private List<SolrDocument> getAll(List<String> ids) throws IOException {
    if (ids.isEmpty()) {
      return List.of(); // an article too short to have sampled shingles claims none
    }
    boolean articles = SolrLayout.isArticle(ids.get(0));
    if (!articles || !layout.byMonth()) {
      return getById(articles ? layout.articles() : layout.stories(), ids);
    }
    List<SolrDocument> out = new ArrayList<>();
    List<String> left = new ArrayList<>(ids);
    for (String c : layout.recentArticleCollections(client)) {
      for (SolrDocument d : getById(c, left)) {
        out.add(d);
        left.remove(SolrDocs.string(d, SolrDocs.ID));
      }
      if (left.isEmpty()) {
        return out;
      }
    }
    List<String> quoted = new ArrayList<>();
    left.forEach(id -> quoted.add(SolrDocs.quote(id)));
    SolrQuery q =
        new SolrQuery("*:*")
            .addFilterQuery("type:" + SolrDocs.ARTICLE)
            .addFilterQuery(SolrDocs.ID + ":(" + String.join(" OR ", quoted) + ")")
            .setFields("*", SolrDocs.VERSION)
            .setRows(left.size());
    out.addAll(query(q).getResults());
    return out;
  }

  private SolrDocumentList getById(String collection, List<String> ids) throws IOException {
    try {
      ModifiableSolrParams p = new ModifiableSolrParams();
      p.set("fl", "*," + SolrDocs.VERSION);
      return solr.getById(collection, ids, p);
    } catch (SolrServerException | SolrException e) {
      throw new IOException("SolrCloud: " + e.getMessage(), e);
    }
  }

  QueryResponse query(SolrQuery q) throws IOException {
    return query(q, "/select");
  }

  /** Runs {@code q} with the request handler at {@code path} where {@link SolrLayout} sends it. */
  QueryResponse query(SolrQuery q, String path) throws IOException {
    return query(q, path, layout.of(q, path));
  }

  /** Runs {@code q} with the request handler at {@code path} of {@code collection}. */
  QueryResponse query(SolrQuery q, String path, String collection) throws IOException {
    try {
      // POST: a candidate lookup's terms and facets outgrow a URL.
      QueryRequest request = new QueryRequest(q, SolrRequest.METHOD.POST);
      request.setPath(path);
      return request.process(solr, collection);
    } catch (SolrServerException | SolrException e) {
      throw new IOException("SolrCloud query: " + e.getMessage(), e);
    }
  }

  /** Follows merge redirects by real-time get. */
  long resolveCommitted(long story) throws IOException {
    long s = story;
    for (int i = 0; i < 64; i++) {
      SolrDocument r = get(SolrDocs.redirectKey(s));
      if (r == null) {
        return s;
      }
      s = SolrDocs.parseStoryId(SolrDocs.string(r, SolrDocs.TO_STORY)).orElseThrow();
    }
    return s;
  }

  /** Returns a story's stored state, or {@code null}. */
  StoryState stored(long story) throws IOException {
    SolrDocument d = get(SolrDocs.storyKey(story));
    return d == null ? null : SolrDocs.story(d);
  }

  /** Returns {@code story} and every story merged into it, directly or not. */
  List<Long> aliases(long story) throws IOException {
    List<Long> out = new ArrayList<>();
    out.add(story);
    for (int i = 0; i < out.size() && out.size() < 10_000; i++) {
      SolrQuery q =
          new SolrQuery("*:*")
              .addFilterQuery("type:redirect")
              .addFilterQuery(SolrDocs.TO_STORY + ":" + SolrDocs.storyId(out.get(i)))
              .setFields(SolrDocs.SID)
              .setRows(10_000);
      for (SolrDocument d : query(q).getResults()) {
        long from = SolrDocs.parseStoryId(SolrDocs.string(d, SolrDocs.SID)).orElseThrow();
        if (!out.contains(from)) {
          out.add(from);
        }
      }
    }
    return out;
  }

  private static boolean conflict(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SolrException s && s.code() == 409) {
        return true;
      }
    }
    return false;
  }

  /** One attempt to assign one article: reads from the engine, writes buffered until apply. */
  private final class Attempt implements StoryStore {
    private final int number;
    private final long now;
    private final Map<Long, Long> versions = new HashMap<>();
    private final Set<Long> missing = new HashSet<>();
    private final Map<String, SolrDocument> articles = new HashMap<>();
    private final Map<Long, Long> resolved = new HashMap<>();

    /** Story records read by {@link #resolve} (empty: none stored), for {@link #story} to use. */
    private final Map<Long, Optional<SolrDocument>> records = new HashMap<>();

    /** Articles this attempt's lookup saw: candidates and the holders of its claims. */
    private final Set<String> lookedAt = new HashSet<>();

    private final List<long[]> redirects = new ArrayList<>();
    private final List<String> vias = new ArrayList<>();
    private final List<StoryState> storyWrites = new ArrayList<>();
    private final List<Boolean> storyNew = new ArrayList<>();
    private SolrInputDocument articleDoc;
    private ArticleEntry articleEntry;
    private ArticleInput articleInput;
    private int[] shingles = new int[0];

    /** The lowest shingles of the article added, whose claims {@link #byId} reads, or null. */
    private final int[] lowest;

    /** The claims of {@link #lowest} as read with the article (absent: none), or null. */
    private Map<String, SolrDocument> claims;

    /** The article being added (null when settling), whose key documents {@link #byId} reads. */
    private final ArticleInput adding;

    /** The ids of the key documents read with the article, and those of them found. */
    private final Set<String> keysAsked = new HashSet<>();

    private final Map<String, SolrDocument> keyDocs = new HashMap<>();

    Attempt(int number, long now, int[] lowest, ArticleInput adding) {
      this.number = number;
      this.now = now;
      this.lowest = lowest;
      this.adding = adding;
    }

    /** Returns key document {@code id}: as read with the article if it was, else read now. */
    private SolrDocument keyDoc(String id) throws IOException {
      return keysAsked.contains(id) ? keyDocs.get(id) : get(id);
    }

    /**
     * Reads the article by real-time get, and in the same request the claims of its lowest
     * shingles, which its candidate lookup reads next, and the key documents of its canonical and
     * page keys, which {@link #byCanonical} and {@link #byPage} read next (by month, where articles
     * are in other collections, the claims and keys in a second one).
     */
    @Override
    public ArticleEntry byId(String id) throws IOException {
      SolrDocument d = null;
      if (lowest != null) {
        List<String> ids = new ArrayList<>();
        for (int h : lowest) {
          ids.add(SolrDocs.claimKey(h));
        }
        String canonical = StoreQueries.canonicalKey(adding);
        String page = StoreQueries.pageKey(adding.url(), adding.title());
        if (canonical != null && !pendingCanonical.containsKey(canonical)) {
          ids.add(SolrDocs.canonicalDoc(canonical));
        }
        if (page != null && !pendingPage.containsKey(page)) {
          ids.add(SolrDocs.pageDoc(page));
        }
        keysAsked.addAll(ids.subList(lowest.length, ids.size()));
        if (layout.byMonth()) {
          d = get(SolrDocs.articleKey(id));
        } else {
          ids.add(0, SolrDocs.articleKey(id));
        }
        claims = new HashMap<>();
        for (SolrDocument x :
            ids.isEmpty() ? List.<SolrDocument>of() : getById(layout.stories(), ids)) {
          String key = SolrDocs.string(x, SolrDocs.ID);
          if (SolrLayout.isArticle(key)) {
            d = x;
          } else if (keysAsked.contains(key)) {
            keyDocs.put(key, x);
          } else {
            claims.put(key, x);
          }
        }
      } else {
        d = get(SolrDocs.articleKey(id));
      }
      if (d == null) {
        return null;
      }
      articles.put(id, d);
      return SolrDocs.entry(d);
    }

    @Override
    public Claimant byCanonical(ArticleInput article) throws IOException {
      String key = StoreQueries.canonicalKey(article);
      if (key == null) {
        return null;
      }
      Claimant own = pendingCanonical.get(key);
      if (own != null) {
        return own;
      }
      Optional<SolrDocument> held =
          holder(
              keyDoc(SolrDocs.canonicalDoc(key)),
              article.id(),
              d -> key.equals(SolrDocs.canonicalKey(d)),
              articles);
      if (held != null) {
        return held.map(
                d ->
                    new Claimant(
                        SolrDocs.entry(d),
                        SolrDocs.string(d, SolrDocs.URL),
                        SolrDocs.num(d, SolrDocs.TEXT_HASH)))
            .orElse(null);
      }
      SolrQuery q =
          new SolrQuery("*:*")
              .addFilterQuery("type:article")
              .addFilterQuery(SolrDocs.CANONICAL_KEY + ":" + SolrDocs.quote(key))
              .setFields(SolrDocs.ENTRY, SolrDocs.URL, SolrDocs.TEXT_HASH)
              .setSort(SolrDocs.VERSION, SolrQuery.ORDER.desc)
              .setRows(1);
      SolrDocumentList l = query(q).getResults();
      if (l.isEmpty()) {
        return null;
      }
      SolrDocument d = l.get(0);
      return new Claimant(
          SolrDocs.entry(d), SolrDocs.string(d, SolrDocs.URL), SolrDocs.num(d, SolrDocs.TEXT_HASH));
    }

    @Override
    public ArticleEntry byPage(ArticleInput article) throws IOException {
      String key = StoreQueries.pageKey(article.url(), article.title());
      if (key == null) {
        return null;
      }
      ArticleEntry own = pendingPage.get(key);
      if (own != null) {
        return own;
      }
      Optional<SolrDocument> held =
          holder(
              keyDoc(SolrDocs.pageDoc(key)),
              article.id(),
              d -> key.equals(SolrDocs.pageKey(d)),
              articles);
      return held != null ? held.map(SolrDocs::entry).orElse(null) : searchPage(key);
    }

    @Override
    public Candidates candidates(int[] shingles, long time) throws IOException {
      this.shingles = shingles;
      return new Lookup(shingles, time, this);
    }

    /**
     * Follows redirects once per story and attempt: the matches of one article are mostly members
     * of one story, and a merge another instance makes meanwhile fails this attempt's versioned
     * writes anyway.
     */
    @Override
    public long resolve(long story) throws IOException {
      Long r = resolved.get(story);
      if (r != null) {
        return r;
      }
      // The redirect and the story record in one read: story() asks for the record next.
      long s = story;
      for (int i = 0; i < 64; i++) {
        SolrDocument redirect = null;
        SolrDocument record = null;
        for (SolrDocument d : getAll(List.of(SolrDocs.redirectKey(s), SolrDocs.storyKey(s)))) {
          if (SolrDocs.redirectKey(s).equals(SolrDocs.string(d, SolrDocs.ID))) {
            redirect = d;
          } else {
            record = d;
          }
        }
        if (redirect == null) {
          records.put(s, Optional.ofNullable(record));
          break;
        }
        s = SolrDocs.parseStoryId(SolrDocs.string(redirect, SolrDocs.TO_STORY)).orElseThrow();
      }
      resolved.put(story, s);
      return s;
    }

    @Override
    public StoryState story(long id) throws IOException {
      Optional<SolrDocument> read = records.remove(id);
      SolrDocument d = read != null ? read.orElse(null) : get(SolrDocs.storyKey(id));
      if (d == null) {
        missing.add(id);
        return null;
      }
      versions.put(id, SolrDocs.version(d));
      return SolrDocs.story(d);
    }

    @Override
    public void redirect(long from, long to, String via) {
      redirects.add(new long[] {from, to});
      vias.add(via);
    }

    /**
     * Stages the article's document; an update keeps the stored article's earlier versions, as the
     * Lucene store does ({@link ArticleHistory}).
     */
    @Override
    public boolean putArticle(ArticleWrite w) throws IOException {
      ArticleInput a = w.article();
      articleInput = a;
      articleEntry = w.entry();
      SolrDocument old = null;
      if (w.update()) {
        // Read by id when the assigner found it by canonical key rather than by this id.
        old =
            articles.containsKey(a.id()) ? articles.get(a.id()) : get(SolrDocs.articleKey(a.id()));
      }
      ArticleHistory.History history = ArticleHistory.History.NONE;
      if (old != null) {
        ArticleHistory.History h = SolrDocs.history(old);
        history = ArticleHistory.next(h, SolrDocs.current(old, h), a, now);
      }
      articleDoc =
          SolrDocs.article(
              a,
              w.entry(),
              w.matched(),
              w.evidence() == null ? null : Explainer.encode(w.evidence()),
              history);
      if (layout.byMonth()) {
        // Routed on when first stored, kept on updates: a new time would route a second copy.
        Object first = old == null ? null : old.getFirstValue(SolrLayout.ROUTED);
        articleDoc.setField(
            SolrLayout.ROUTED, first != null ? first : Instant.ofEpochMilli(now).toString());
      }
      return old == null
          || ArticleHistory.changed(
              SolrDocs.string(old, SolrDocs.TITLE), SolrDocs.string(old, SolrDocs.TEXT), a);
    }

    @Override
    public void putStory(StoryState state, boolean isNew) {
      storyWrites.add(state);
      storyNew.add(isNew);
    }

    void noteLookedAt(String id) {
      lookedAt.add(id);
    }

    /** Returns the claims {@code ids}: as read with the article if they were, else read now. */
    List<SolrDocument> claims(List<String> ids) throws IOException {
      if (claims == null || lowest.length != ids.size()) {
        return getAll(ids);
      }
      List<SolrDocument> out = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        if (!ids.get(i).equals(SolrDocs.claimKey(lowest[i]))) {
          return getAll(ids); // another article's shingles (not expected)
        }
        SolrDocument c = claims.get(ids.get(i));
        if (c != null) {
          out.add(c);
        }
      }
      return out;
    }

    /** Writes what the attempt staged, claims first; throws {@link Conflict} to start again. */
    void apply(StoryAssigner.Assigned r) throws IOException {
      beforeWrites.run();
      boolean together = joinsOnly(r);
      if (!together) {
        writeStories(r.newStory() ? r.story() : null);
      }
      String page = StoreQueries.pageKey(articleInput.url(), articleInput.title());
      String key = StoreQueries.canonicalKey(articleInput);
      // The key documents after the article, in its request: one naming an article not written
      // is taken for none ({@link #holder}) if its write failed.
      List<SolrInputDocument> docs = new ArrayList<>();
      docs.add(articleDoc);
      if (key != null) {
        docs.add(SolrDocs.keyDoc(SolrDocs.canonicalDoc(key), key, articleEntry.id()));
      }
      if (page != null) {
        docs.add(SolrDocs.keyDoc(SolrDocs.pageDoc(page), page, articleEntry.id()));
      }
      if (together) {
        writeJoining(docs);
      } else {
        sendAll(docs);
      }
      pending.remove(articleEntry.id()); // kept in add order, newest last: see Lookup.lookUp
      pending.put(articleEntry.id(), articleEntry);
      if (page != null) {
        pendingPage.putIfAbsent(page, articleEntry);
      }
      if (key != null) {
        pendingCanonical.put(
            key,
            new Claimant(
                articleEntry,
                articleInput.url(),
                Claimant.textHash(articleInput.text() == null ? "" : articleInput.text())));
      }
    }

    /**
     * Returns true if assignment {@code r} adds a new article to one story it read, and nothing
     * else (no claim, redirect or merge), in the single layout: its story record and article then
     * go in one request ({@link #writeJoining}).
     */
    private boolean joinsOnly(StoryAssigner.Assigned r) {
      return r.created()
          && !r.newStory()
          && redirects.isEmpty()
          && missing.isEmpty()
          && storyWrites.size() == 1
          && !storyNew.get(0)
          && versions.containsKey(storyWrites.get(0).id())
          && !layout.byMonth();
    }

    /**
     * Writes the story record of a joining article at the version read, then the article and its
     * key documents {@code docs}, in one request (issue 13: a request fewer per joining copy). The
     * story comes first: on its shard a 409 stops the request, but the article may live on another
     * shard, where it is written anyway; so on a conflict the article is deleted before the attempt
     * starts again, which would otherwise find it stored with the same content (an identical
     * re-fetch, nothing to write) and never count it in its story. Its key documents then name an
     * article not stored, which {@link #holder} takes for none.
     */
    private void writeJoining(List<SolrInputDocument> docs) throws IOException {
      StoryState s = storyWrites.get(0);
      SolrInputDocument story = SolrDocs.story(s);
      story.setField(SolrDocs.VERSION, versions.get(s.id()));
      UpdateRequest u = new UpdateRequest();
      u.add(story);
      docs.forEach(u::add);
      try {
        u.process(solr, layout.stories());
      } catch (SolrServerException | SolrException e) {
        if (!conflict(e)) {
          throw new IOException("SolrCloud: " + e.getMessage(), e);
        }
        try {
          solr.deleteById(layout.articles(), SolrDocs.articleKey(articleEntry.id()));
        } catch (SolrServerException | SolrException d) {
          throw new IOException("SolrCloud: " + d.getMessage(), d);
        }
        throw new Conflict("version conflict on " + story.getFieldValue(SolrDocs.ID));
      }
    }

    /**
     * Writes the staged redirects and story states, after claiming the shingles of new story {@code
     * founded} if not {@code null}; throws {@link Conflict} to start again.
     */
    void writeStories(Long founded) throws IOException {
      if (!missing.isEmpty() && number < ORPHAN_AFTER) {
        // It matched an article whose story another instance is still writing (its claim and
        // article are there, its story record not yet): wait for it rather than found a second.
        throw new Conflict(
            "story " + SolrDocs.storyId(missing.iterator().next()) + " not written yet");
      }
      List<SolrInputDocument> undo = new ArrayList<>();
      List<String> undoDelete = new ArrayList<>();
      try {
        if (founded != null) {
          claim(founded, undoDelete);
        }
        for (int i = 0; i < redirects.size(); i++) {
          long[] rd = redirects.get(i);
          SolrInputDocument d = SolrDocs.redirect(rd[0], rd[1], vias.get(i));
          versioned(d, -1L);
          undoDelete.add(SolrDocs.redirectKey(rd[0]));
          Long v = versions.get(rd[0]);
          if (v != null) {
            StoryState old = stored(rd[0]);
            deleteVersioned(SolrDocs.storyKey(rd[0]), v);
            if (old != null) {
              undo.add(SolrDocs.story(old));
            }
          }
        }
        for (int i = 0; i < storyWrites.size(); i++) {
          StoryState s = storyWrites.get(i);
          Long v = versions.get(s.id());
          versioned(SolrDocs.story(s), storyNew.get(i) || v == null ? -1L : v);
        }
      } catch (Conflict c) {
        rollBack(undo, undoDelete);
        throw c;
      }
    }

    /**
     * Claims the lowest shingles for new story {@code story}, ascending; see the class doc. The
     * claims go in one update request: they share a shard ({@link SolrDocs#claimKey}), whose leader
     * applies them in order and stops at the first that exists (409), exactly as sending them one
     * by one and stopping at the first conflict would. After a conflict the claims are read again
     * (one real-time get) to find the first not held by this article; that one is judged as before
     * (skipped, or the attempt starts again), and the claims after it go in the next request.
     * Claims held by this article are listed in {@code made}, for the caller to remove if the
     * attempt fails.
     */
    private void claim(long story, List<String> made) throws IOException {
      int n = Math.min(CLAIMS, shingles.length);
      int from = 0;
      while (from < n) {
        UpdateRequest batch = new UpdateRequest();
        for (int i = from; i < n; i++) {
          SolrInputDocument d = SolrDocs.claim(shingles[i], articleEntry);
          d.setField(SolrDocs.VERSION, -1L);
          batch.add(d);
        }
        try {
          batch.process(solr, layout.stories());
          for (int i = from; i < n; i++) {
            made.add(SolrDocs.claimKey(shingles[i]));
          }
          return;
        } catch (SolrServerException | SolrException e) {
          if (!conflict(e)) {
            throw new IOException("SolrCloud: " + e.getMessage(), e);
          }
        }
        List<String> ids = new ArrayList<>();
        for (int i = from; i < n; i++) {
          ids.add(SolrDocs.claimKey(shingles[i]));
        }
        Map<String, SolrDocument> held = new HashMap<>();
        for (SolrDocument d : getAll(ids)) {
          held.put(SolrDocs.string(d, SolrDocs.ID), d);
        }
        int i = from;
        while (i < n && isOurs(held.get(SolrDocs.claimKey(shingles[i])))) {
          made.add(SolrDocs.claimKey(shingles[i])); // made by the request, or an earlier attempt
          i++;
        }
        if (i < n) {
          judge(shingles[i], held.get(SolrDocs.claimKey(shingles[i])));
        }
        from = i + 1;
      }
    }

    private boolean isOurs(SolrDocument claim) {
      return claim != null && articleEntry.id().equals(SolrDocs.string(claim, SolrDocs.ARTICLE_ID));
    }

    /**
     * Judges claim {@code held} of shingle {@code h}, which another article holds: returns if this
     * story may go on without it, throws {@link Conflict} if the attempt must start again.
     */
    private void judge(int h, SolrDocument held) throws IOException {
      if (held == null) {
        throw new Conflict("claim of shingle " + h + " released meanwhile");
      }
      String holder = SolrDocs.string(held, SolrDocs.ARTICLE_ID);
      SolrDocument article = get(SolrDocs.articleKey(holder));
      String heldStory = SolrDocs.string(article != null ? article : held, SolrDocs.STORY_FIELD);
      boolean exists =
          stored(resolveCommitted(SolrDocs.parseStoryId(heldStory).orElseThrow())) != null;
      if (exists && lookedAt.contains(holder)) {
        return; // its holder was a candidate here and did not match
      }
      if (!exists && number >= ORPHAN_AFTER) {
        return; // its holder never finished: crashed between claim and story
      }
      claimLosses++;
      throw new Conflict("shingle " + h + " claimed by " + holder);
    }

    private void rollBack(List<SolrInputDocument> restore, List<String> delete) {
      try {
        if (!delete.isEmpty()) {
          solr.deleteById(layout.stories(), delete);
        }
        for (SolrInputDocument d : restore) {
          send(d);
        }
      } catch (IOException | SolrServerException | RuntimeException e) {
        // Best effort: a merge undone half-way leaves a redirect without its story, which
        // reads resolve to the surviving story anyway.
      }
    }

    private void versioned(SolrInputDocument d, long version) throws IOException {
      d.setField(SolrDocs.VERSION, version);
      try {
        new UpdateRequest().add(d).process(solr, layout.of(d));
      } catch (SolrServerException | SolrException e) {
        if (conflict(e)) {
          throw new Conflict("version conflict on " + d.getFieldValue(SolrDocs.ID));
        }
        throw new IOException("SolrCloud: " + e.getMessage(), e);
      }
    }

    private void deleteVersioned(String id, long version) throws IOException {
      try {
        new UpdateRequest().deleteById(id, version).process(solr, layout.stories());
      } catch (SolrServerException | SolrException e) {
        if (conflict(e)) {
          throw new Conflict("version conflict deleting " + id);
        }
        throw new IOException("SolrCloud: " + e.getMessage(), e);
      }
    }
  }

  /**
   * The candidate lookup of one attempt; see {@link StoryStore.Candidates}.
   *
   * <p>A shingle's document frequency comes from the terms dictionaries ({@code /terms}) plus this
   * instance's pending adds. Its story spread (the distinct {@code story} values, as first
   * assigned, of the committed articles holding it, plus those of the pending adds holding it) is
   * needed only where the frequency reaches {@link ClusterSettings#boilerplateStories()}, and is
   * counted here without asking the engine where the holders are already known ({@link
   * #localSpread}); the rest is one {@code json.facet} request per 200 shingles. Spreads are
   * measured for the article's own shingles and for the shingles of the candidates that share
   * enough shingles with it for {@link org.feedfold.cluster.StoryMatcher} to be asked about them;
   * any other shingle is measured when {@link #boilerplate} is asked.
   */
  private final class Lookup implements StoryStore.Candidates {
    private final int[] shingles;
    private final long time;
    private final Attempt attempt;

    /** Document frequency of each shingle measured: committed (terms) plus pending holders. */
    private final Map<Integer, Long> dfs = new HashMap<>();

    /**
     * Story spread of shingles whose frequency reaches the threshold; a value at or above the
     * threshold may be a lower bound (enough to know it is boilerplate).
     */
    private final Map<Integer, Long> spreads = new HashMap<>();

    /** Committed articles this lookup's candidate searches returned, by id. */
    private final Map<String, ArticleEntry> seen = new HashMap<>();

    /** The {@code _version_} of each article in {@link #seen}: the order they were added in. */
    private final Map<String, Long> added = new HashMap<>();

    private List<ArticleEntry> found;

    /** Whether this lookup has asked the terms dictionaries whether the generation changed. */
    private boolean generationChecked;

    Lookup(int[] shingles, long time, Attempt attempt) throws IOException {
      this.shingles = shingles;
      this.time = time;
      this.attempt = attempt;
      lastSpreads = spreads;
      measureDf(shingles);
    }

    /**
     * Fetches the document frequency of shingles not yet measured: the committed part from {@link
     * #committedDfs} where this searcher generation already gave it, from the terms dictionaries
     * otherwise, plus this instance's pending holders.
     */
    private void measureDf(int[] hs) throws IOException {
      List<Integer> todo = new ArrayList<>();
      for (int h : hs) {
        if (!dfs.containsKey(h)) {
          todo.add(h);
          dfs.put(h, 0L);
        }
      }
      if (todo.isEmpty()) {
        return;
      }
      List<Integer> ask = new ArrayList<>();
      for (int h : todo) {
        Long cached = committedDfs.get(h);
        if (cached != null) {
          dfs.put(h, cached);
        } else {
          ask.add(h);
        }
      }
      if (!ask.isEmpty() || !generationChecked) {
        long articles = fetchDfs(ask);
        generationChecked = true;
        if (articles != dfGeneration) {
          // Another instance committed articles since the cached frequencies were read (or none
          // were): read the cached ones again, and keep only what this generation gives.
          List<Integer> stale = new ArrayList<>(todo);
          stale.removeAll(new HashSet<>(ask));
          Map<Integer, Long> fresh = new HashMap<>();
          for (int h : ask) {
            fresh.put(h, committedDfs.get(h));
          }
          committedDfs.clear();
          committedDfs.putAll(fresh);
          dfGeneration = articles;
          if (!stale.isEmpty()) {
            fetchDfs(stale);
          }
        }
      }
      for (ArticleEntry e : pending.values()) {
        for (int h : todo) {
          if (holds(e, h)) {
            dfs.merge(h, 1L, Long::sum);
          }
        }
      }
    }

    /**
     * Reads the committed document frequencies of {@code hs} from the terms dictionaries into this
     * lookup and {@link #committedDfs}: cheap, no documents read. With them, in the same request,
     * the number of article documents the terms dictionaries count, which is returned: it changes
     * when anyone commits an added or updated article.
     */
    private long fetchDfs(List<Integer> hs) throws IOException {
      if (committedDfs.size() > MAX_CACHED_DFS) {
        committedDfs.clear();
      }
      long articles = -1;
      for (int from = 0; from == 0 || from < hs.size(); from += 512) {
        List<Integer> part = hs.subList(from, Math.min(hs.size(), from + 512));
        Map<String, Integer> byTerm = new HashMap<>();
        StringBuilder list = new StringBuilder(SolrDocs.ARTICLE);
        for (int h : part) {
          byTerm.put(hex(h), h);
          list.append(',').append(hex(h));
          dfs.put(h, 0L);
          committedDfs.put(h, 0L);
        }
        SolrQuery q = new SolrQuery();
        q.setTerms(true)
            .addTermsField("shingles")
            .addTermsField(SolrDocs.TYPE)
            .setTermsLimit(-1)
            .setTermsMinCount(1);
        q.set("terms.list", list.toString());
        q.set("terms.ttf", false);
        TermsResponse tr = query(q, "/terms").getTermsResponse();
        if (tr != null && tr.getTerms("shingles") != null) {
          for (TermsResponse.Term t : tr.getTerms("shingles")) {
            Integer h = byTerm.get(t.getTerm());
            if (h != null) {
              dfs.put(h, t.getFrequency());
              committedDfs.put(h, t.getFrequency());
            }
          }
        }
        if (from == 0) {
          articles = 0;
          if (tr != null && tr.getTerms(SolrDocs.TYPE) != null) {
            for (TermsResponse.Term t : tr.getTerms(SolrDocs.TYPE)) {
              if (SolrDocs.ARTICLE.equals(t.getTerm())) {
                articles = t.getFrequency();
              }
            }
          }
        }
      }
      return articles;
    }

    /**
     * Measures the story spread of those of {@code hs} whose frequency reaches the threshold and
     * whose spread is not known yet: counted locally where it can be, by facets otherwise.
     */
    private void measureSpreads(Iterable<Integer> hs) throws IOException {
      int limit = settings.boilerplateStories();
      List<Integer> wide = new ArrayList<>();
      for (int h : hs) {
        if (df(h) >= limit && !spreads.containsKey(h)) {
          Long local = countSpreads ? localSpread(h) : null;
          if (local != null) {
            spreads.put(h, local);
            localShingles++;
          } else {
            spreads.put(h, 0L);
            wide.add(h);
          }
        }
      }
      facetShingles += wide.size();
      for (int from = 0; from < wide.size(); from += 200) {
        List<Integer> part = wide.subList(from, Math.min(wide.size(), from + 200));
        StringBuilder json = new StringBuilder("{");
        for (int h : part) {
          json.append(json.length() == 1 ? "" : ",")
              .append("f")
              .append(hex(h))
              .append(":{type:query,q:\"")
              .append(shingleTerm(h))
              .append("\",facet:{s:\"unique(story)\"");
          Set<Long> own = pendingStories(h);
          if (!own.isEmpty()) {
            // The pending adds' stories that committed holders have too, so as to count them once.
            List<String> ids = new ArrayList<>();
            own.forEach(x -> ids.add(SolrDocs.storyId(x)));
            json.append(",p:{type:query,q:\"{!terms f=")
                .append(SolrDocs.STORY_FIELD)
                .append("}")
                .append(String.join(",", ids))
                .append("\",facet:{u:\"unique(story)\"}}");
          }
          json.append("}}");
        }
        json.append('}');
        SolrQuery q = new SolrQuery("*:*").addFilterQuery("type:article").setRows(0);
        q.set("json.facet", json.toString());
        NamedList<?> facets = (NamedList<?>) query(q).getResponse().get("facets");
        for (int h : part) {
          NamedList<?> f = facets == null ? null : (NamedList<?>) facets.get("f" + hex(h));
          NamedList<?> p = f == null ? null : (NamedList<?>) f.get("p");
          spreads.put(
              h, count(f, "s") + pendingStories(h).size() - (p == null ? 0 : count(p, "u")));
        }
      }
    }

    /**
     * Returns the story spread of shingle {@code h} as the facet would count it (distinct {@code
     * story} values of the committed articles holding it, plus those of the pending adds holding
     * it) when the articles this lookup has seen tell: when the committed holders it has seen are
     * as many as the terms dictionaries count (so they are all of them), or when the stories seen
     * already reach the threshold (the spread can only be larger). Returns {@code null} otherwise.
     */
    private Long localSpread(int h) {
      Set<Long> own = pendingStories(h);
      long committedDf = df(h) - pendingHolders(h);
      Set<Long> stories = new HashSet<>();
      long holders = 0;
      for (ArticleEntry e : seen.values()) {
        if (holds(e, h)) {
          holders++;
          stories.add(e.story());
        }
      }
      // "Plus" is a union: a story with committed and pending holders counts once, as in the Lucene
      // store (issue 13: counted twice, a template in two stories read as boilerplate).
      stories.addAll(own);
      long spread = stories.size();
      return holders == committedDf || spread >= settings.boilerplateStories() ? spread : null;
    }

    /** Returns the number {@code facet} holds under {@code name}, 0 if none (no document). */
    private static long count(NamedList<?> facet, String name) {
      Object n = facet == null ? null : facet.get(name);
      return n == null ? 0 : ((Number) n).longValue();
    }

    private long pendingHolders(int h) {
      long n = 0;
      for (ArticleEntry e : pending.values()) {
        n += holds(e, h) ? 1 : 0;
      }
      return n;
    }

    private Set<Long> pendingStories(int h) {
      Set<Long> out = new HashSet<>();
      for (ArticleEntry e : pending.values()) {
        if (holds(e, h)) {
          out.add(e.story());
        }
      }
      return out;
    }

    private long df(int h) {
      Long d = dfs.get(h);
      return d == null ? 0 : d;
    }

    @Override
    public boolean boilerplate(int h) {
      try {
        if (!dfs.containsKey(h)) {
          measureDf(new int[] {h}); // not expected: the matcher asks about measured shingles
        }
        if (df(h) < settings.boilerplateStories()) {
          return false;
        }
        if (!spreads.containsKey(h)) {
          measureSpreads(List.of(h));
        }
        return spreads.get(h) >= settings.boilerplateStories();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** Returns true if {@code h} is boilerplate as far as the spreads measured so far tell. */
    private boolean knownBoilerplate(int h) {
      Long s = spreads.get(h);
      return df(h) >= settings.boilerplateStories()
          && s != null
          && s >= settings.boilerplateStories();
    }

    @Override
    public List<ArticleEntry> candidates(String selfId) {
      if (found != null) {
        return found;
      }
      try {
        found = lookUp(selfId);
        for (ArticleEntry e : found) {
          attempt.noteLookedAt(e.id());
        }
        // Measure the shingles of the candidates the matcher will be asked about (those sharing
        // enough shingles with the article, and so every pair it bridges), so that boilerplate()
        // answers for each shingle it asks about without a request of its own.
        Set<Integer> others = new LinkedHashSet<>();
        for (ArticleEntry e : found) {
          int[] x = e.fingerprint().shingles();
          if (Fingerprint.countShared(shingles, x) >= settings.minSharedShingles()) {
            for (int h : x) {
              others.add(h);
            }
          }
        }
        if (!others.isEmpty()) {
          measureDf(others.stream().mapToInt(Integer::intValue).toArray());
          List<Integer> all = new ArrayList<>(others);
          for (int h : shingles) {
            all.add(h);
          }
          measureSpreads(all);
        }
        return found;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /**
     * Chooses the shingles to query: up to {@link #QUERY_SHINGLES} of the rarest held ones that are
     * not boilerplate, then, if fewer, the rarest boilerplate ones held by at most {@link #RARE_DF}
     * articles. Shingles whose spread is not measured count as not boilerplate.
     */
    private List<Integer> choose(Integer[] order) {
      List<Integer> queried = new ArrayList<>();
      for (int i : order) {
        if (queried.size() == QUERY_SHINGLES) {
          break;
        }
        if (df(shingles[i]) > 0 && !knownBoilerplate(shingles[i])) {
          queried.add(shingles[i]);
        }
      }
      if (queried.size() < QUERY_SHINGLES) {
        int budget = QUERY_SHINGLES - queried.size();
        for (int i : order) {
          if (budget == 0 || df(shingles[i]) > RARE_DF) {
            break;
          }
          if (df(shingles[i]) > 0 && knownBoilerplate(shingles[i])) {
            queried.add(shingles[i]);
            budget--;
          }
        }
      }
      return queried;
    }

    /**
     * Returns the committed articles within the window holding the most of {@code queried}, with
     * how many of them each holds, most first; remembers them in {@link #seen}.
     */
    private Map<String, Integer> search(List<Integer> queried, String selfId) throws IOException {
      Map<String, Integer> hits = new LinkedHashMap<>();
      if (queried.isEmpty()) {
        return hits;
      }
      long window = settings.window().toMillis();
      // One constant-score clause per shingle: the score counts the shingles an article holds.
      StringBuilder q = new StringBuilder();
      for (int i = 0; i < queried.size(); i++) {
        q.append(i == 0 ? "" : " OR ")
            .append("_query_:\"")
            .append(shingleTerm(queried.get(i)))
            .append("\"^=1");
      }
      SolrQuery s =
          new SolrQuery(q.toString())
              .addFilterQuery("type:article")
              .addFilterQuery("time:[" + (time - window) + " TO " + (time + window) + "]")
              .addFilterQuery("-id:" + SolrDocs.quote(SolrDocs.articleKey(selfId)))
              .setFields(SolrDocs.ENTRY, SolrDocs.VERSION, "score")
              .setSort("score", SolrQuery.ORDER.desc)
              .addSort(SolrDocs.VERSION, SolrQuery.ORDER.desc) // newest first, see lookUp
              .setRows(settings.maxCandidates() * 2);
      // The shards return the entries with the ids: no second round to fetch the fields.
      s.set("distrib.singlePass", true);
      for (SolrDocument d : query(s).getResults()) {
        ArticleEntry e = SolrDocs.entry(d);
        seen.put(e.id(), e);
        added.put(e.id(), SolrDocs.version(d));
        hits.put(e.id(), ((Number) d.getFirstValue("score")).intValue());
      }
      return hits;
    }

    private List<ArticleEntry> lookUp(String selfId) throws IOException {
      Integer[] order = new Integer[shingles.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(
          order,
          (x, y) -> {
            // Frequencies counted to MAX_DF, as the Lucene store's: beyond, ties in hash order.
            int c =
                Long.compare(Math.min(MAX_DF, df(shingles[x])), Math.min(MAX_DF, df(shingles[y])));
            return c != 0 ? c : Integer.compare(x, y);
          });
      // Search first with the shingles chosen as if none were boilerplate: the articles found are
      // usually every holder of the article's shingles, so their spreads need no facet. If the
      // spreads then change the choice, search again with the right shingles.
      List<Integer> guessed = choose(order);
      Map<String, Integer> results = search(guessed, selfId);
      List<Integer> own = new ArrayList<>();
      for (int h : shingles) {
        own.add(h);
      }
      measureSpreads(own);
      List<Integer> queried = choose(order);
      if (!new HashSet<>(queried).equals(new HashSet<>(guessed))) {
        results = search(queried, selfId);
      }
      Map<String, ArticleEntry> entries = new LinkedHashMap<>();
      Map<String, Integer> hits = new HashMap<>();
      long window = settings.window().toMillis();
      results.forEach(
          (id, n) -> {
            entries.put(id, seen.get(id));
            hits.put(id, n);
          });
      // This instance's adds since its commit, and the founders of claimed shingles: neither is
      // visible to searches yet.
      List<ArticleEntry> unseen = new ArrayList<>(pending.values());
      List<String> claimIds = new ArrayList<>();
      for (int i = 0; i < Math.min(CLAIMS, shingles.length); i++) {
        claimIds.add(SolrDocs.claimKey(shingles[i]));
      }
      List<String> founders = new ArrayList<>();
      Map<String, ArticleEntry> claimed = new HashMap<>();
      for (SolrDocument c : attempt.claims(claimIds)) {
        ArticleEntry e = SolrDocs.entry(c);
        if (e != null && !e.id().equals(selfId)) {
          attempt.noteLookedAt(e.id());
        }
        if (e != null && !e.id().equals(selfId) && !entries.containsKey(e.id())) {
          founders.add(SolrDocs.articleKey(e.id()));
          claimed.put(e.id(), e);
        }
      }
      if (!founders.isEmpty()) {
        for (SolrDocument a : getAll(founders)) {
          ArticleEntry e = SolrDocs.entry(a);
          claimed.put(e.id(), e); // as stored now, with the story it joined
          added.put(e.id(), SolrDocs.version(a));
        }
        unseen.addAll(claimed.values());
      }
      for (ArticleEntry e : unseen) {
        if (e.id().equals(selfId) || Math.abs(e.time() - time) > window) {
          continue;
        }
        int n = 0;
        for (int h : queried) {
          if (Arrays.binarySearch(e.fingerprint().shingles(), h) >= 0) {
            n++;
          }
        }
        if (n > 0 || claimed.containsKey(e.id())) {
          entries.put(e.id(), e);
          hits.merge(e.id(), Math.max(n, 1), Math::max);
        }
      }
      // This instance's pending adds are newer than anything committed, the last the newest.
      long next = Long.MAX_VALUE - pending.size();
      for (String id : pending.keySet()) {
        added.put(id, ++next);
      }
      // Most shared first; ties in the Lucene store's order (ShingleWindow.Lookup.candidates): by
      // the first queried shingle held, then the newest add first. The best of equal matches is
      // the first, and names the member an article matched (issue 13: explanations differed).
      List<ArticleEntry> out = new ArrayList<>(entries.values());
      Map<String, Integer> first = new HashMap<>();
      for (ArticleEntry e : out) {
        int i = 0;
        while (i < queried.size() && !holds(e, queried.get(i))) {
          i++;
        }
        first.put(e.id(), i);
      }
      out.sort(
          (x, y) -> {
            int c = Integer.compare(hits.get(y.id()), hits.get(x.id()));
            c = c != 0 ? c : Integer.compare(first.get(x.id()), first.get(y.id()));
            return c != 0
                ? c
                : Long.compare(added.getOrDefault(y.id(), 0L), added.getOrDefault(x.id(), 0L));
          });
      return out.size() > settings.maxCandidates() ? out.subList(0, settings.maxCandidates()) : out;
    }
  }

  /**
   * Returns a query for the articles holding sampled shingle {@code h}, by its term: {@code
   * shingles:HEX} would run the field's analyzer over the hex digits as if they were text, which
   * yields no 5-word shingle, so it matched nothing and candidate lookup and the boilerplate spread
   * saw no committed article (issue 13).
   */
  static String shingleTerm(int h) {
    return "{!term f=shingles}" + hex(h);
  }

  private static boolean holds(ArticleEntry e, int h) {
    return Arrays.binarySearch(e.fingerprint().shingles(), h) >= 0;
  }

  private static String hex(int h) {
    return String.format(Locale.ROOT, "%08x", h);
  }
}
