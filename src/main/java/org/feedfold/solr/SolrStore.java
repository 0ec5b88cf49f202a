package org.feedfold.solr;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CoreAdminRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
import org.apache.solr.common.params.CoreAdminParams;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.util.NamedList;
import org.feedfold.cluster.ArticleEntry;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.cluster.Explainer;
import org.feedfold.cluster.StoryState;
import org.feedfold.cluster.StoryText;
import org.feedfold.index.Assignment;
import org.feedfold.index.ExportedArticle;
import org.feedfold.index.IndexStats;
import org.feedfold.index.MemberExplanation;
import org.feedfold.index.SearchRequest;
import org.feedfold.index.StoreQueries;
import org.feedfold.index.StoryExplanation;
import org.feedfold.index.StoryHit;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.ArticleVersion;
import org.feedfold.model.FeedState;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.feedfold.model.StoryStamp;
import org.feedfold.sanitize.Sanitizer;
import org.feedfold.store.SavedStories;
import org.feedfold.store.Store;

/**
 * Stores articles, stories and feed state in a SolrCloud collection, so that several Feedfold
 * instances on several machines share them (issue 13); {@code store.type=solr}.
 *
 * <p>Thread-safe. Adds of one instance run one at a time; adds of different instances are made
 * consistent by the engine: every story record is written with optimistic concurrency on its {@code
 * _version_} and a new story first claims its rarest shingles ({@link SolrStories}); a conflict
 * (HTTP 409) re-reads and assigns again.
 *
 * <p>Consistency: a write is durable in the engine's update log once acknowledged; {@link #commit}
 * makes everything written so far visible to searches (a soft commit), and the engine's own hard
 * commits (every 60 s, configset) flush it. Writes are sent in the order they are made, so a feed
 * state put after its articles is never stored without them. Reads by id ({@link #contains}, {@link
 * #feedState}) use real-time get and see every acknowledged write; searches and listings see what
 * the last commit (of any instance) made visible.
 *
 * <p>Layout: one collection, or by month ({@code solr init --by-month}) articles in a time routed
 * alias and everything read by id in {@code NAME_stories}; {@link SolrLayout} names the collection
 * of every request, and {@link #open} finds which layout is there.
 *
 * <p>Answers as the Lucene store does for the same articles ({@code SolrParityIT}): article
 * versions and explanations come from the same {@code cluster} logic ({@link
 * org.feedfold.cluster.ArticleHistory}, {@link Explainer}). Where it differs (docs/SCALING.md,
 * "What works on SolrCloud"): {@code stats().bytes()} is one copy of the collection (the shard
 * leaders' indexes), search scores differ in value though not in order on our fixtures, saved feeds
 * are answered once per {@link #generation()} ({@link SolrSavedStories}) rather than matched as
 * articles are added, and stamps carry no version.
 */
public final class SolrStore implements Store {
  /** Reads at most this many members of one story, as the Lucene store does. */
  static final int MAX_MEMBERS = 10_000;

  /** Looks at most at this many matching articles to list the stories of a query. */
  static final int MAX_QUERY_ARTICLES = 2_000;

  private final CloudSolrClient client;
  private final SolrLayout layout;
  private final boolean readOnly;
  private final SolrStories stories;
  private final Object writeLock = new Object();
  private volatile long generationCheckedAt;
  private volatile long generation;
  private final InstantSource clock;

  private SolrStore(
      CloudSolrClient client,
      SolrLayout layout,
      ClusterSettings cluster,
      InstantSource clock,
      boolean readOnly) {
    this.client = client;
    this.layout = layout;
    this.clock = clock;
    this.readOnly = readOnly;
    this.stories = new SolrStories(client, layout, cluster, clock);
  }

  /**
   * Opens the store {@code feedfold solr init} made under the name {@code solr} gives: one
   * collection, or by month ({@code --by-month}) a time routed alias of articles and the collection
   * {@code NAME_stories} ({@link SolrLayout}), whichever it finds.
   *
   * @throws IOException if the cluster cannot be reached or has neither
   */
  public static SolrStore open(
      SolrSettings solr, ClusterSettings cluster, InstantSource clock, boolean readOnly)
      throws IOException {
    CloudSolrClient client = SolrSetup.open(solr);
    SolrLayout layout;
    try {
      layout = SolrLayout.detect(client, solr.collection(), solr.connectString());
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e instanceof IOException io
          ? io
          : new IOException("SolrCloud at " + solr.connectString() + ": " + e.getMessage(), e);
    }
    SolrStore store = new SolrStore(client, layout, cluster, clock, readOnly);
    try {
      store.stories.openKeys(!readOnly);
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
    return store;
  }

  /** Returns true if the collection (or the by-month layout) exists. */
  public static boolean exists(SolrSettings solr) {
    try (CloudSolrClient client = SolrSetup.open(solr)) {
      SolrLayout.detect(client, solr.collection(), solr.connectString());
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private void writable() {
    if (readOnly) {
      throw new IllegalStateException("store opened read-only");
    }
  }

  @Override
  public Assignment add(ArticleInput article) throws IOException {
    writable();
    synchronized (writeLock) {
      return stories.add(article);
    }
  }

  /**
   * How many assignment attempts of this instance conflicted and started again (a 409 on a
   * versioned write, a lost shingle claim, or a matched story not written yet), for benchmarks.
   */
  long conflicts() {
    synchronized (writeLock) {
      return stories.conflicts;
    }
  }

  /** Of {@link #conflicts()}, how many were a new story losing a shingle claim, for benchmarks. */
  long claimLosses() {
    synchronized (writeLock) {
      return stories.claimLosses;
    }
  }

  /**
   * How many requests this instance's adds, lookups and reads have sent, for tests and benchmarks.
   */
  long requests() {
    return stories.requests();
  }

  /** The story assignment behind this store, for tests. */
  SolrStories stories() {
    return stories;
  }

  /**
   * How many shingles' story spreads this instance asked the engine for by facet, and how many it
   * counted from articles it had already read ({@link SolrStories}), for tests and benchmarks.
   */
  long[] spreadCounts() {
    synchronized (writeLock) {
      return new long[] {stories.facetShingles, stories.localShingles};
    }
  }

  /**
   * Says what one {@link #settle} pass did.
   *
   * @param examined how many articles it looked at again
   * @param merged how many stories it merged into others
   * @param skipped how many recent articles it left out, over its limit (the oldest of them)
   */
  public record Settled(int examined, int merged, long skipped) {}

  // The settle passes' cursor: the newest _version_ seen by the pass before the last, and by the
  // last one. Guarded by settleLock.
  private final Object settleLock = new Object();
  private long settledBelow;
  private long settleNewest;

  /**
   * Looks again at the articles added since the pass before the last one (at most {@code limit},
   * the newest), now that other instances' adds of that time are visible, and merges the stories
   * they match as one instance alone would have at once (issue 13, docs/SCALING.md "Settling").
   *
   * <p>Instances see each other's adds only after a commit, so two reports of one story added on
   * two instances within a commit interval may found two stories (when the shingle claims do not
   * meet: a bridging article, a partial copy). Each article is looked at by the two passes after it
   * was added, so one of them runs after every article added within a commit interval of it is
   * visible, as long as passes are at least a commit interval apart. Merges are written with the
   * same conditional writes as an add, so passes may overlap with adds and with another pass. Meant
   * for one instance of the group (the leader); any instance may run it.
   *
   * @param limit the most articles one pass looks at (each costs a candidate lookup)
   */
  public Settled settle(int limit) throws IOException {
    writable();
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    synchronized (settleLock) {
      SolrQuery q =
          new SolrQuery("*:*")
              .addFilterQuery("type:article")
              .addFilterQuery(SolrDocs.VERSION + ":{" + settledBelow + " TO *]")
              .setFields(SolrDocs.ENTRY, SolrDocs.VERSION)
              .setSort(SolrDocs.VERSION, SolrQuery.ORDER.desc)
              .setRows(limit);
      SolrDocumentList found = stories.query(q).getResults();
      long newest = settleNewest;
      List<ArticleEntry> entries = new ArrayList<>();
      for (SolrDocument d : found) {
        newest = Math.max(newest, SolrDocs.version(d));
        entries.add(0, SolrDocs.entry(d)); // oldest first
      }
      int merged = 0;
      for (ArticleEntry e : entries) {
        synchronized (writeLock) {
          merged += stories.settle(e);
        }
      }
      settledBelow = settleNewest;
      settleNewest = newest;
      return new Settled(entries.size(), merged, found.getNumFound() - entries.size());
    }
  }

  /**
   * Says what {@link #backfillKeys} did.
   *
   * @param articles articles walked
   * @param written key documents written
   * @param kept key documents found naming an article written later (or the same one), left as they
   *     were
   */
  public record KeysBackfilled(long articles, long written, long kept) {}

  /**
   * Writes the canonical-key and page-key documents of every article of a collection written before
   * key documents, then the marker that lets lookups trust them ({@code m:keys}), so that an
   * entry's keys are found by real-time get alone instead of falling back to a search (issue 13;
   * docs/SCALING.md, "Key documents"). Commits first, so that every acknowledged article is walked;
   * then reads the articles by cursor, 500 at a time, and writes each key's document unless a
   * stored one names an article written later (see {@link SolrStories#backfillKeys}). Safe beside
   * instances adding articles (every one must write key documents: this version or later) and
   * beside another backfill; can be run again (it then writes nothing). Instances opened before it
   * finishes keep the search fallback until they are opened again.
   *
   * <p>Holds this instance's write lock for the whole walk: meant for {@code solr backfill-keys},
   * not for a daemon.
   */
  public KeysBackfilled backfillKeys() throws IOException {
    writable();
    try {
      for (String c : layout.collections(client)) {
        client.commit(c, true, true, true);
      }
    } catch (SolrServerException | SolrException e) {
      throw new IOException("SolrCloud commit: " + e.getMessage(), e);
    }
    synchronized (writeLock) {
      long[] r = stories.backfillKeys(500);
      return new KeysBackfilled(r[0], r[1], r[2]);
    }
  }

  /**
   * The youngest claims {@link #cleanClaims} deletes are this old: far more than a claim is needed
   * for (until its founder is committed, within {@code fetch.commit-interval}, and the settle
   * pass's two passes after), and more than the clocks of the cleaner and the claims' shard leader
   * can disagree by.
   */
  public static final Duration MIN_CLAIM_AGE = Duration.ofHours(1);

  /**
   * Returns the shortest age of claims a cluster whose daemons commit every {@code commitInterval}
   * may delete: {@link #MIN_CLAIM_AGE} or ten commit intervals, whichever is longer.
   */
  public static Duration minClaimAge(Duration commitInterval) {
    Duration ten = commitInterval.multipliedBy(10);
    return ten.compareTo(MIN_CLAIM_AGE) > 0 ? ten : MIN_CLAIM_AGE;
  }

  /**
   * Deletes the shingle claims ({@link SolrStories}) written more than {@code olderThan} ago by
   * this store's clock (issue 13: a new story writes 8, all on one shard, and nothing else deletes
   * them). A claim matters only until the article that made it is committed and visible to the
   * other instances' searches, and to the settle pass; an older one only keeps its shard growing.
   * The claims' write time is the engine's: their {@code _version_}, which every claim has (no
   * field of ours needed, so claims written before this method are deleted by the same rule). Safe
   * beside adds on any instance: a claim younger than the age is never touched, and one deleted is
   * claimed again by the next new story holding its shingle. One delete-by-query request, sent to
   * the claims' shard only, or to every shard with {@code everyShard} (claims written by versions
   * before the {@code claim!} route key, which nothing reads any more).
   *
   * @param olderThan at least {@link #MIN_CLAIM_AGE}
   * @return how many of the deleted claims were committed (visible to a search) before
   * @throws IllegalArgumentException if {@code olderThan} is shorter than {@link #MIN_CLAIM_AGE}
   */
  public long cleanClaims(Duration olderThan, boolean everyShard) throws IOException {
    writable();
    if (olderThan.compareTo(MIN_CLAIM_AGE) < 0) {
      throw new IllegalArgumentException(
          "claims are deleted at least " + MIN_CLAIM_AGE + " after they were made: " + olderThan);
    }
    return stories.deleteClaims(clock.millis() - olderThan.toMillis(), everyShard);
  }

  @Override
  public boolean contains(String articleId) throws IOException {
    return get(SolrDocs.articleKey(articleId)) != null;
  }

  @Override
  public boolean containsPage(String link, String title) throws IOException {
    String key = StoreQueries.pageKey(link, title);
    if (key == null) {
      return false;
    }
    synchronized (writeLock) {
      return stories.byPage(key) != null;
    }
  }

  /**
   * Answers in one real-time get of the entries' articles and page key documents, with the stored
   * articles' content hashes ({@link SolrStories#known}); under the write lock, as {@link
   * #containsPage} is, since it reads this instance's pending adds.
   */
  @Override
  public Known known(List<EntryKey> entries) throws IOException {
    synchronized (writeLock) {
      return stories.known(entries);
    }
  }

  @Override
  public void putFeedState(FeedState state) throws IOException {
    writable();
    stories.send(SolrDocs.feed(state));
  }

  @Override
  public void removeFeedState(String url) throws IOException {
    writable();
    try {
      client.deleteById(layout.stories(), SolrDocs.feedKey(url));
    } catch (SolrServerException | SolrException e) {
      throw new IOException("SolrCloud: " + e.getMessage(), e);
    }
  }

  @Override
  public void commit() throws IOException {
    writable();
    try {
      for (String c : committed()) {
        client.commit(c, true, true, true);
      }
      stories.committed();
    } catch (SolrServerException | SolrException e) {
      throw new IOException("SolrCloud commit: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the collections a commit covers: the one collection; by month the stories collection
   * and the alias's two newest collections, the only ones new articles go to.
   */
  private List<String> committed() {
    if (!layout.byMonth()) {
      return List.of(layout.stories());
    }
    List<String> out = new ArrayList<>(layout.recentArticleCollections(client));
    out.add(layout.stories());
    return out;
  }

  @Override
  public Optional<FeedState> feedState(String url) throws IOException {
    SolrDocument d = get(SolrDocs.feedKey(url));
    return d == null ? Optional.empty() : Optional.of(SolrDocs.feed(d));
  }

  @Override
  public List<FeedState> feedStates() throws IOException {
    List<FeedState> out = new ArrayList<>();
    SolrQuery q = new SolrQuery("*:*").addFilterQuery("type:feed");
    each(q, d -> out.add(SolrDocs.feed(d)));
    out.sort(Comparator.comparing(FeedState::url));
    return out;
  }

  @Override
  public List<SearchHit> search(String query, Instant since, int limit) throws IOException {
    Query parsed;
    try {
      parsed = parse(query);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return hits(articles(parsed, since).setRows(Math.max(1, limit)));
  }

  @Override
  public List<StoryHit> search(SearchRequest r) throws IOException {
    int window =
        r.collapse()
            ? (int) Math.min(MAX_QUERY_ARTICLES, Math.max(200L, r.limit() * 10L))
            : r.limit();
    SolrQuery q = articles(parse(r.query()), r.since()).setRows(window);
    if (r.order() == SearchRequest.Order.DATE) {
      q.setSort(SolrDocs.TIME, SolrQuery.ORDER.desc);
    }
    List<SearchHit> all = hits(q);
    if (!r.collapse()) {
      return all.stream().map(h -> new StoryHit(h, 0, 0)).toList();
    }
    record Group(SearchHit best, Set<String> others, int[] more) {}
    Map<String, Group> groups = new LinkedHashMap<>();
    for (SearchHit h : all) {
      Group g = groups.get(h.story());
      if (g == null) {
        if (groups.size() < r.limit()) {
          groups.put(h.story(), new Group(h, new HashSet<>(), new int[1]));
        }
      } else {
        g.more()[0]++;
        g.others().add(h.source() == null ? "" : h.source());
      }
    }
    List<StoryHit> out = new ArrayList<>();
    for (Group g : groups.values()) {
      out.add(new StoryHit(g.best(), g.more()[0], g.others().size()));
    }
    return out;
  }

  @Override
  public List<Story> stories(String query, Instant since, int limit) throws IOException {
    return stories(query, null, since, limit);
  }

  @Override
  public List<Story> stories(String query, Instant publishedSince, Instant updatedSince, int limit)
      throws IOException {
    return build(listed(query, publishedSince, updatedSince, limit));
  }

  /** Reads the story records {@link #stories(String, Instant, Instant, int)} lists, in order. */
  List<StoryState> listed(String query, Instant publishedSince, Instant updatedSince, int limit)
      throws IOException {
    long published = publishedSince == null ? Long.MIN_VALUE : publishedSince.toEpochMilli();
    long updated = updatedSince == null ? Long.MIN_VALUE : updatedSince.toEpochMilli();
    if (query != null) {
      List<StoryState> states = new ArrayList<>();
      for (long id : matchedStories(query)) {
        StoryState s = stories.stored(id);
        if (s != null && s.updated() >= updated && s.firstSeen() >= published) {
          states.add(s);
        }
      }
      states.sort(Comparator.comparingLong(StoryState::updated).reversed());
      return states.subList(0, Math.min(limit, states.size()));
    }
    SolrQuery q = new SolrQuery("*:*").addFilterQuery("type:story");
    long from = Math.max(published, updated);
    if (from != Long.MIN_VALUE) {
      q.addFilterQuery("updated:[" + from + " TO *]");
    }
    if (published != Long.MIN_VALUE) {
      q.addFilterQuery("first_seen:[" + published + " TO *]");
    }
    q.setSort(SolrDocs.UPDATED, SolrQuery.ORDER.desc).setRows(Math.max(1, limit));
    List<StoryState> states = new ArrayList<>();
    for (SolrDocument d : query(q).getResults()) {
      states.add(SolrDocs.story(d));
    }
    return states.subList(0, Math.min(limit, states.size()));
  }

  /**
   * Lists stories as {@link #stories(String, Instant, int)} does, as stamps read from the story
   * records alone. No version is known that would let a caller skip re-reading a story, so a caller
   * re-reads every story it lists.
   */
  @Override
  public List<StoryStamp> stamps(String query, Instant since, int limit) throws IOException {
    List<StoryStamp> out = new ArrayList<>();
    for (StoryState s : listed(query, null, since, limit)) {
      out.add(stamp(s));
    }
    return out;
  }

  private static StoryStamp stamp(StoryState s) {
    return new StoryStamp(
        SolrDocs.storyId(s.id()),
        Instant.ofEpochMilli(s.firstSeen()),
        Instant.ofEpochMilli(s.updated()),
        null);
  }

  @Override
  public List<StoryStamp> firstSeen(String query, Instant from, Instant to) throws IOException {
    long lo = from.toEpochMilli();
    long hi = to.toEpochMilli();
    List<StoryState> states = new ArrayList<>();
    if (query != null) {
      for (long id : matchedStories(query)) {
        StoryState s = stories.stored(id);
        if (s != null && s.firstSeen() >= lo && s.firstSeen() < hi) {
          states.add(s);
        }
      }
    } else {
      SolrQuery q =
          new SolrQuery("*:*")
              .addFilterQuery("type:story")
              .addFilterQuery(SolrDocs.FIRST_SEEN + ":[" + lo + " TO " + (hi - 1) + "]")
              .setRows(MAX_QUERY_ARTICLES);
      for (SolrDocument d : query(q).getResults()) {
        states.add(SolrDocs.story(d));
      }
    }
    states.sort(
        Comparator.comparingLong(StoryState::firstSeen)
            .thenComparing(s -> SolrDocs.storyId(s.id())));
    List<StoryStamp> out = new ArrayList<>(states.size());
    for (StoryState s : states) {
      out.add(stamp(s));
    }
    return out;
  }

  @Override
  public Optional<Instant> storyFirstSeen(Instant at, boolean before) throws IOException {
    long t = at.toEpochMilli();
    SolrQuery q =
        new SolrQuery("*:*")
            .addFilterQuery("type:story")
            .addFilterQuery(
                SolrDocs.FIRST_SEEN + (before ? ":[* TO " + (t - 1) + "]" : ":[" + t + " TO *]"))
            .setSort(SolrDocs.FIRST_SEEN, before ? SolrQuery.ORDER.desc : SolrQuery.ORDER.asc)
            .setRows(1);
    for (SolrDocument d : query(q).getResults()) {
      return Optional.of(Instant.ofEpochMilli(SolrDocs.story(d).firstSeen()));
    }
    return Optional.empty();
  }

  /** Returns the (resolved) stories of the first articles matching {@code query}, best first. */
  private Set<Long> matchedStories(String query) throws IOException {
    SolrQuery q = articles(parse(query), null).setRows(MAX_QUERY_ARTICLES).setFields("story");
    Set<Long> resolved = new LinkedHashSet<>();
    for (SolrDocument d : query(q).getResults()) {
      long id = SolrDocs.parseStoryId(SolrDocs.string(d, "story")).orElseThrow();
      resolved.add(stories.resolveCommitted(id));
    }
    return resolved;
  }

  private List<Story> build(List<StoryState> states) throws IOException {
    List<Story> out = new ArrayList<>();
    for (StoryState s : states) {
      out.add(story(s));
    }
    return out;
  }

  @Override
  public Optional<Story> story(String id) throws IOException {
    OptionalLong n = SolrDocs.parseStoryId(id);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    StoryState s = stories.stored(stories.resolveCommitted(n.getAsLong()));
    return s == null ? Optional.empty() : Optional.of(story(s));
  }

  /** Builds a story as the Lucene store does: the original's headline, the best text, members. */
  private Story story(StoryState s) throws IOException {
    List<SolrDocument> members = members(s.id());
    List<StoryMember> list = new ArrayList<>();
    List<StoryText.Member> texts = new ArrayList<>();
    List<ArticleVersion> versions = new ArrayList<>();
    for (SolrDocument d : members) {
      versions.addAll(SolrDocs.versions(d));
      String id = SolrDocs.string(d, SolrDocs.ARTICLE_ID);
      boolean original = id.equals(s.original());
      list.add(
          new StoryMember(
              id,
              SolrDocs.string(d, SolrDocs.URL),
              SolrDocs.string(d, SolrDocs.TITLE),
              SolrDocs.string(d, SolrDocs.SOURCE),
              SolrDocs.instant(d, SolrDocs.PUBLISHED),
              original));
      texts.add(
          new StoryText.Member(
              id,
              SolrDocs.string(d, SolrDocs.SOURCE),
              SolrDocs.string(d, SolrDocs.TITLE),
              SolrDocs.string(d, SolrDocs.URL),
              SolrDocs.string(d, SolrDocs.TEXT),
              original));
    }
    String sid = SolrDocs.storyId(s.id());
    Instant first = Instant.ofEpochMilli(s.firstSeen());
    Instant upd = Instant.ofEpochMilli(s.updated());
    if (members.isEmpty()) {
      return new Story(sid, "", null, null, "", first, upd, list);
    }
    versions.sort(Comparator.comparing(ArticleVersion::time));
    StoryText.Choice choice = StoryText.choose(texts);
    SolrDocument body = members.get(0);
    for (SolrDocument d : members) {
      if (SolrDocs.string(d, SolrDocs.ARTICLE_ID).equals(choice.bodyFrom())) {
        body = d;
      }
    }
    String stored = SolrDocs.string(body, "html_s");
    org.feedfold.sanitize.SafeHtml html = null;
    if (stored != null) {
      if (choice.additions().isEmpty()) {
        html = Sanitizer.html(stored, null);
      } else {
        StringBuilder b = new StringBuilder();
        for (String p : choice.paragraphs()) {
          b.append("<p>");
          Sanitizer.escape(b, p, false);
          b.append("</p>\n");
        }
        html = Sanitizer.html(b.toString(), null);
      }
    }
    return new Story(
        sid,
        choice.title() == null ? "" : choice.title(),
        choice.url(),
        html,
        choice.text(),
        first,
        upd,
        list,
        versions);
  }

  private List<SolrDocument> members(long story) throws IOException {
    List<String> ids = new ArrayList<>();
    for (long alias : stories.aliases(story)) {
      ids.add(SolrDocs.storyId(alias));
    }
    SolrQuery q =
        new SolrQuery("*:*")
            .addFilterQuery("type:article")
            .addFilterQuery(SolrDocs.anyOf("story", ids))
            .setSort(SolrDocs.TIME, SolrQuery.ORDER.asc)
            .addSort(SolrDocs.ID, SolrQuery.ORDER.asc)
            .setRows(MAX_MEMBERS);
    return query(q).getResults();
  }

  /** Says why each member belongs, as the Lucene store does ({@link Explainer}). */
  @Override
  public Optional<StoryExplanation> explain(String storyId) throws IOException {
    OptionalLong n = SolrDocs.parseStoryId(storyId);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    StoryState s = stories.stored(stories.resolveCommitted(n.getAsLong()));
    if (s == null) {
      return Optional.empty();
    }
    Explainer.Lookup lookup =
        new Explainer.Lookup() {
          @Override
          public String via(long merged) throws IOException {
            SolrDocument r = get(SolrDocs.redirectKey(merged));
            return r == null ? null : SolrDocs.string(r, SolrDocs.VIA);
          }

          @Override
          public String text(String id) throws IOException {
            SolrDocument a = get(SolrDocs.articleKey(id));
            return a == null ? null : SolrDocs.string(a, SolrDocs.TEXT);
          }
        };
    List<MemberExplanation> out = new ArrayList<>();
    for (SolrDocument d : members(s.id())) {
      String matched = SolrDocs.string(d, SolrDocs.MATCHED);
      Explainer.Reason why =
          Explainer.explain(
              new Explainer.Member(
                  SolrDocs.string(d, SolrDocs.TEXT),
                  SolrDocs.parseStoryId(SolrDocs.string(d, SolrDocs.STORY_FIELD)).orElseThrow(),
                  matched,
                  matched == null ? null : evidence(d)),
              s.id(),
              lookup);
      out.add(
          new MemberExplanation(
              SolrDocs.string(d, SolrDocs.ARTICLE_ID),
              SolrDocs.string(d, SolrDocs.TITLE),
              SolrDocs.string(d, SolrDocs.SOURCE),
              why.reason(),
              why.with(),
              why.evidence(),
              why.passages()));
    }
    return Optional.of(new StoryExplanation(SolrDocs.storyId(s.id()), out));
  }

  /** Returns the id of the story article {@code d} belongs to now, memoised in {@code seen}. */
  private String resolvedStory(SolrDocument d, Map<Long, Long> seen) {
    long story = SolrDocs.parseStoryId(SolrDocs.string(d, SolrDocs.STORY_FIELD)).orElseThrow();
    Long to = seen.get(story);
    if (to == null) {
      try {
        to = stories.resolveCommitted(story);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      if (seen.size() >= 100_000) {
        seen.clear(); // a bound on the heap an export of a huge collection takes
      }
      seen.put(story, to);
    }
    return SolrDocs.storyId(to);
  }

  /**
   * Returns the stored evidence of a member's match; {@code null} when it is not in {@link
   * Explainer#encode}'s form (written by a version that stored it otherwise).
   */
  private static String evidence(SolrDocument d) {
    String e = SolrDocs.string(d, SolrDocs.EVIDENCE);
    try {
      Explainer.decode(e);
      return e;
    } catch (RuntimeException notOurs) {
      return null;
    }
  }

  @Override
  public void forEachArticle(Consumer<ExportedArticle> sink) throws IOException {
    SolrQuery q = new SolrQuery("*:*").addFilterQuery("type:article");
    // Each article names its story as the Lucene store exports it: after following merges.
    Map<Long, Long> resolved = new HashMap<>();
    try {
      eachArticle(q, sink, resolved);
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void eachArticle(SolrQuery q, Consumer<ExportedArticle> sink, Map<Long, Long> resolved)
      throws IOException {
    each(
        q,
        d ->
            sink.accept(
                new ExportedArticle(
                    SolrDocs.string(d, SolrDocs.ARTICLE_ID),
                    SolrDocs.string(d, SolrDocs.URL),
                    SolrDocs.string(d, "canonical_s"),
                    SolrDocs.string(d, SolrDocs.TITLE),
                    SolrDocs.string(d, SolrDocs.TEXT),
                    SolrDocs.string(d, "html_s"),
                    SolrDocs.instant(d, SolrDocs.PUBLISHED),
                    SolrDocs.instant(d, SolrDocs.SEEN),
                    SolrDocs.string(d, SolrDocs.SOURCE),
                    SolrDocs.string(d, "feed_url_s"),
                    SolrDocs.string(d, "language_s"),
                    resolvedStory(d, resolved))));
  }

  @Override
  public IndexStats stats() throws IOException {
    Map<String, Long> counts = new HashMap<>();
    for (String c : new LinkedHashSet<>(List.of(layout.articles(), layout.stories()))) {
      SolrQuery q = new SolrQuery("*:*").setRows(0).setFacet(true).addFacetField("type");
      stories
          .query(q, "/select", c)
          .getFacetField("type")
          .getValues()
          .forEach(v -> counts.merge(v.getName(), v.getCount(), Long::sum));
    }
    return IndexStats.of(
        counts.getOrDefault(SolrDocs.ARTICLE, 0L),
        counts.getOrDefault(SolrDocs.STORY, 0L),
        counts.getOrDefault(SolrDocs.FEED, 0L),
        bytes(),
        feedStates());
  }

  /**
   * Returns the size on disk of one copy of the collection (by month: of every collection): the sum
   * of the index sizes ({@code index/sizeInBytes} of CoreAdmin STATUS) of each active shard's
   * leader, asked of the leader's node. Replicas hold about as much again each; a shard without a
   * leader right now counts 0.
   */
  private long bytes() throws IOException {
    if (!(client instanceof CloudHttp2SolrClient cloud)) {
      return 0;
    }
    long total = 0;
    for (DocCollection c : layout.states(client)) {
      total += bytes(cloud, c);
    }
    return total;
  }

  private static long bytes(CloudHttp2SolrClient cloud, DocCollection c) throws IOException {
    long total = 0;
    for (Slice slice : c.getActiveSlices()) {
      Replica leader = slice.getLeader();
      if (leader == null) {
        continue;
      }
      CoreAdminRequest status = new CoreAdminRequest();
      status.setAction(CoreAdminParams.CoreAdminAction.STATUS);
      status.setCoreName(leader.getCoreName());
      try {
        NamedList<Object> core =
            cloud
                .getHttpClient()
                .requestWithBaseUrl(leader.getBaseUrl(), null, status)
                .getCoreStatus(leader.getCoreName());
        Object index = core == null ? null : core.get("index");
        Object size = index instanceof NamedList<?> l ? l.get("sizeInBytes") : null;
        if (size instanceof Number b) {
          total += b.longValue();
        }
      } catch (SolrServerException | SolrException e) {
        throw new IOException("SolrCloud core status of " + leader.getCoreName() + ": " + e, e);
      }
    }
    return total;
  }

  /**
   * Returns the newest {@code _version_} in the collection, asked at most once a second: it grows
   * with every write of any instance, so pages cached by it are re-rendered after a change.
   */
  @Override
  public long generation() throws IOException {
    long now = clock.millis();
    if (now - generationCheckedAt >= 1_000 || now < generationCheckedAt) {
      long newest = 0;
      for (String c : new LinkedHashSet<>(List.of(layout.articles(), layout.stories()))) {
        SolrQuery q =
            new SolrQuery("*:*")
                .setRows(1)
                .setFields(SolrDocs.VERSION)
                .setSort(SolrDocs.VERSION, SolrQuery.ORDER.desc);
        SolrDocumentList r = stories.query(q, "/select", c).getResults();
        newest = Math.max(newest, r.isEmpty() ? 0 : SolrDocs.version(r.get(0)));
      }
      generation = newest;
      generationCheckedAt = now;
    }
    return generation;
  }

  /**
   * Answers the saved feeds from {@link SolrSavedStories}: each feed's query runs once per {@link
   * #generation()}, not once per request.
   */
  @Override
  public SavedStories savedQueries(Map<String, String> queries) {
    return new SolrSavedStories(this);
  }

  /** Builds the story of a story record, as {@link #story(String)} returns it. */
  Story built(StoryState state) throws IOException {
    return story(state);
  }

  @Override
  public void close() throws IOException {
    client.close();
  }

  private Query parse(String query) {
    return StoreQueries.parse(query, this::storyQuery);
  }

  /** Returns the query for the articles of story {@code id} and of those merged into it. */
  private Query storyQuery(String id) {
    OptionalLong n = SolrDocs.parseStoryId(id);
    if (n.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    try {
      for (long alias : stories.aliases(stories.resolveCommitted(n.getAsLong()))) {
        b.add(
            new TermQuery(new Term(StoreQueries.STORY, SolrDocs.storyId(alias))),
            BooleanClause.Occur.SHOULD);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return b.build();
  }

  private SolrQuery articles(Query q, Instant since) {
    SolrQuery s = new SolrQuery(SolrQueryText.of(q)).addFilterQuery("type:article");
    // Ranked with the collection's term statistics, as the embedded index ranks (solrconfig.xml).
    s.set("distrib.statsCache", true);
    if (since != null) {
      s.addFilterQuery("time:[" + since.toEpochMilli() + " TO *]");
    }
    return s;
  }

  private List<SearchHit> hits(SolrQuery q) throws IOException {
    q.setFields(
        "id",
        SolrDocs.ARTICLE_ID,
        SolrDocs.URL,
        SolrDocs.TITLE,
        SolrDocs.SOURCE,
        SolrDocs.PUBLISHED,
        "story",
        "score");
    q.setHighlight(true)
        .addHighlightField(SolrDocs.TEXT)
        .setHighlightSnippets(1)
        // 1: the sentence break iterator alone, as Lucene's UnifiedHighlighter breaks by default
        // (index/Snippets); 0 would make the whole text one passage.
        .setHighlightFragsize(1)
        .setHighlightSimplePre("<b>")
        .setHighlightSimplePost("</b>");
    q.set("hl.method", "unified");
    q.set("hl.encoder", "html");
    q.set("hl.tag.ellipsis", "… ");
    q.set("hl.defaultSummary", true);
    q.set("hl.maxAnalyzedChars", org.feedfold.cluster.Fingerprinter.MAX_CHARS);
    q.set("hl.requireFieldMatch", true);
    QueryResponse r = query(q);
    Map<String, Map<String, List<String>>> hl = r.getHighlighting();
    Map<Long, Long> resolved = new HashMap<>();
    List<SearchHit> out = new ArrayList<>();
    for (SolrDocument d : r.getResults()) {
      long story = SolrDocs.parseStoryId(SolrDocs.string(d, "story")).orElseThrow();
      Long res = resolved.get(story);
      if (res == null) {
        res = stories.resolveCommitted(story);
        resolved.put(story, res);
      }
      List<String> snip =
          hl == null || hl.get(SolrDocs.string(d, "id")) == null
              ? null
              : hl.get(SolrDocs.string(d, "id")).get(SolrDocs.TEXT);
      Object score = d.getFirstValue("score");
      out.add(
          new SearchHit(
              SolrDocs.string(d, SolrDocs.ARTICLE_ID),
              SolrDocs.string(d, SolrDocs.URL),
              SolrDocs.string(d, SolrDocs.TITLE),
              SolrDocs.string(d, SolrDocs.SOURCE),
              SolrDocs.instant(d, SolrDocs.PUBLISHED),
              SolrDocs.storyId(res),
              score == null ? 0 : ((Number) score).floatValue(),
              snip == null || snip.isEmpty() ? null : snip.get(0)));
    }
    return out;
  }

  private SolrDocument get(String id) throws IOException {
    return stories.get(id);
  }

  private QueryResponse query(SolrQuery q) throws IOException {
    return stories.query(q);
  }

  /** Calls {@code sink} for every document {@code q} matches, paging with a cursor. */
  private void each(SolrQuery q, Consumer<SolrDocument> sink) throws IOException {
    q.setRows(500).setSort(SolrDocs.ID, SolrQuery.ORDER.asc);
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    while (true) {
      q.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      QueryResponse r = query(q);
      r.getResults().forEach(sink);
      String next = r.getNextCursorMark();
      if (next == null || next.equals(cursor)) {
        return;
      }
      cursor = next;
    }
  }
}
