package org.feedfold.index;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.feedfold.cluster.Explainer;
import org.feedfold.cluster.StoryState;
import org.feedfold.cluster.StoryText;
import org.feedfold.model.ArticleVersion;
import org.feedfold.model.FeedState;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.feedfold.model.StoryStamp;
import org.feedfold.sanitize.SafeHtml;
import org.feedfold.sanitize.Sanitizer;
import org.feedfold.store.Store;

/**
 * Answers the read side of {@link ArticleIndex} from one searcher and the redirects of the same
 * refresh: search, stories, export. Touches no state of the writer, so reads never wait for it.
 */
final class Reads {
  /**
   * Looks at most at this many articles for the story first seen nearest a time; past it, answers
   * with a bound on that time (a feed's every render asks, so this is kept small).
   */
  static final int MAX_WALK = 64;

  /** Looks at most at this many articles of one archive period. */
  static final int MAX_PERIOD_ARTICLES = 100_000;

  /** Reads at most this many members of one story. */
  static final int MAX_MEMBERS = 10_000;

  /** Looks at most at this many matching articles to list the stories of a query. */
  static final int MAX_QUERY_ARTICLES = 2_000;

  private final IndexSearcher searcher;
  private final Redirects redirects;
  private final Analyzer analyzer;
  private final HeapCopies copies;
  private final NewestStories newest;

  Reads(IndexSearcher searcher, Redirects redirects, Analyzer analyzer) {
    this(searcher, redirects, analyzer, null, null);
  }

  /**
   * @param copies what searches read from the heap, shared by the reads of one index; {@code null}
   *     for nothing
   * @param newest the newest stories listed last, to list the next view's from ({@code null}:
   *     always list anew)
   */
  Reads(
      IndexSearcher searcher,
      Redirects redirects,
      Analyzer analyzer,
      HeapCopies copies,
      NewestStories newest) {
    this.searcher = searcher;
    this.redirects = redirects;
    this.analyzer = analyzer;
    this.copies = copies;
    this.newest = newest;
  }

  List<SearchHit> search(String query, Instant since, int limit) throws IOException {
    Query words = parse(query);
    return hits(words, searcher.search(articles(words, since), Math.max(1, limit)));
  }

  /**
   * Runs {@code r}; collapsed, it looks at the first {@link #collapseWindow} hits in the requested
   * order, keeps each story's first and counts the rest, and highlights only the hits it returns.
   */
  List<StoryHit> search(SearchRequest r) throws IOException {
    Query words = parse(r.query());
    Query q = articles(words, r.since());
    int window = r.collapse() ? collapseWindow(r.limit()) : r.limit();
    // Scored with the heap copies of the norms, where kept: the same hits and scores.
    IndexSearcher scoring = copies == null ? searcher : copies.norms().searcher(searcher);
    if (copies != null) {
      // Its terms as its segments answered them before, where they did: the same hits and scores.
      q = copies.terms().prepare(q, scoring);
    }
    TopDocs top =
        r.order() == SearchRequest.Order.DATE
            ? scoring.search(
                q, window, new Sort(new SortField(Fields.TIME, SortField.Type.LONG, true)), true)
            : scoring.search(q, window);
    if (!r.collapse()) {
      List<StoryHit> out = new ArrayList<>();
      for (SearchHit h : hits(words, top)) {
        out.add(new StoryHit(h, 0, 0));
      }
      return out;
    }
    record Group(ScoreDoc best, List<Integer> others) {}
    Map<Long, Group> groups = new LinkedHashMap<>();
    long[] stories =
        HitKeys.stories(searcher, top.scoreDocs, copies == null ? null : copies.stories());
    int counted = 0;
    for (int k = 0; k < stories.length; k++) {
      long story = redirects.resolve(stories[k]);
      Group g = groups.get(story);
      if (g == null) {
        if (groups.size() < r.limit()) {
          groups.put(story, new Group(top.scoreDocs[k], new ArrayList<>()));
        }
      } else {
        g.others().add(k);
        counted++;
      }
    }
    // Outlets only of the hits counted under a shown story: the others' are never looked at.
    int[] which = new int[counted];
    int w = 0;
    for (Group g : groups.values()) {
      for (int k : g.others()) {
        which[w++] = k;
      }
    }
    long[] sources = HitKeys.sources(searcher, top.scoreDocs, which);
    ScoreDoc[] best = groups.values().stream().map(Group::best).toArray(ScoreDoc[]::new);
    List<SearchHit> hits = hits(words, new TopDocs(top.totalHits, best));
    List<StoryHit> out = new ArrayList<>();
    int i = 0;
    w = 0;
    for (Group g : groups.values()) {
      Set<Long> outlets = new HashSet<>();
      for (int n = g.others().size(); n > 0; n--) {
        outlets.add(sources[w++]);
      }
      out.add(new StoryHit(hits.get(i++), g.others().size(), outlets.size()));
    }
    return out;
  }

  /** Returns how many hits a collapsed search of {@code limit} stories looks at. */
  static int collapseWindow(int limit) {
    return (int) Math.min(MAX_QUERY_ARTICLES, Math.max(200L, limit * 10L));
  }

  /** The stored fields a search hit shows, its text for the snippet included (not its HTML). */
  private static final Set<String> HIT_FIELDS =
      Set.of(
          Fields.ID,
          Fields.URL,
          Fields.TITLE,
          Fields.SOURCE,
          Fields.PUBLISHED,
          Fields.STORY,
          Fields.TEXT);

  /**
   * Reads {@code top}'s hits, in order, each once, and highlights their text for {@code words}: the
   * user's query alone, without the filters on type and time that never match the text (the
   * highlighter runs its query against each hit's text, clause by clause).
   */
  private List<SearchHit> hits(Query words, TopDocs top) throws IOException {
    StoredFields stored = searcher.storedFields();
    Document[] docs = new Document[top.scoreDocs.length];
    String[] texts = new String[docs.length];
    for (int i = 0; i < docs.length; i++) {
      docs[i] = stored.document(top.scoreDocs[i].doc, HIT_FIELDS);
      texts[i] = docs[i].get(Fields.TEXT);
    }
    String[] snippets = Snippets.highlight(searcher, analyzer, Fields.TEXT, words, top, texts);
    List<SearchHit> out = new ArrayList<>();
    for (int i = 0; i < docs.length; i++) {
      Document d = docs[i];
      float score = top.scoreDocs[i].score;
      out.add(
          new SearchHit(
              d.get(Fields.ID),
              d.get(Fields.URL),
              d.get(Fields.TITLE),
              d.get(Fields.SOURCE),
              Fields.instant(d, Fields.PUBLISHED),
              storyOf(d),
              Float.isNaN(score) ? 0 : score,
              snippets[i]));
    }
    return out;
  }

  /**
   * Lists stories, most recently updated first.
   *
   * @param publishedSince only stories first published (or seen) at or after this, or {@code null}
   * @param updatedSince only stories updated at or after this, or {@code null}
   */
  List<Story> stories(String query, Instant publishedSince, Instant updatedSince, int limit)
      throws IOException {
    List<Story> out = new ArrayList<>();
    for (Listed l : listed(query, publishedSince, updatedSince, limit)) {
      out.add(story(l.state()));
    }
    return out;
  }

  /**
   * Is a listed story's state and the version of its stored document: {@code segment:doc}, which
   * changes whenever the index rewrites the story's state, as it does whenever a member is added,
   * changed in any way or merged in (a segment's documents never change), and also when segments
   * merge; {@code null} when unknown.
   */
  record Listed(StoryState state, String version) {
    StoryStamp stamp() {
      return new StoryStamp(
          Fields.storyId(state.id()),
          Instant.ofEpochMilli(state.firstSeen()),
          Instant.ofEpochMilli(state.updated()),
          version);
    }
  }

  /** Lists stories as {@link #stories} does, without reading their members. */
  List<Listed> listed(String query, Instant publishedSince, Instant updatedSince, int limit)
      throws IOException {
    long published = publishedSince == null ? Long.MIN_VALUE : publishedSince.toEpochMilli();
    long updated = updatedSince == null ? Long.MIN_VALUE : updatedSince.toEpochMilli();
    if (query != null) {
      TopDocs top = searcher.search(articles(parse(query), null), MAX_QUERY_ARTICLES);
      List<Long> ids = new ArrayList<>();
      StoredFields stored = searcher.storedFields();
      for (ScoreDoc sd : top.scoreDocs) {
        Document d = stored.document(sd.doc, Set.of(Fields.STORY));
        ids.add(Fields.parseStoryId(d.get(Fields.STORY)).orElseThrow());
      }
      return listedOf(ids, null, published, updated, limit);
    }
    if (newest != null && limit >= 1 && published == Long.MIN_VALUE && updated == Long.MIN_VALUE) {
      // The merged feed's first page: after a commit, from the last listing and what the commit
      // wrote (NewestStories), else anew and kept for the next.
      List<Listed> next = newest.next(searcher, limit);
      if (next != null) {
        return next;
      }
      List<NewestStories.Hit> hits = new ArrayList<>();
      List<Listed> out = listedAnew(Long.MIN_VALUE, published, limit, hits);
      newest.keep(searcher.getIndexReader(), limit, hits, true);
      return out;
    }
    return listedAnew(Math.max(published, updated), published, limit, null);
  }

  /**
   * Lists the stories updated at or after {@code from} and first published at or after {@code
   * published} (epoch millis), newest first, as a sorted search does; adds each to {@code hits}
   * when not {@code null}.
   */
  private List<Listed> listedAnew(
      long from, long published, int limit, List<NewestStories.Hit> hits) throws IOException {
    // A story first published since a time was updated since then too (it was updated when it
    // was seen), so the range on the update time (from) also narrows the first-published filter.
    // Sorting every story document by update time costs up to a second on a million articles
    // (and a window below the latest update held them all after a quiet spell): sort only those
    // from where the limit newest update times begin (PointCut), and widen fourfold while
    // deleted documents or the first-published filter leave too few.
    for (long k = Math.max(1, limit); ; k *= 4) {
      OptionalLong cut =
          k > MAX_CUT
              ? OptionalLong.empty()
              : PointCut.largest(
                  searcher.getIndexReader(), Fields.UPDATED, from, Long.MAX_VALUE, (int) k);
      List<NewestStories.Hit> found = hits == null ? null : new ArrayList<>();
      List<Listed> out = listed(cut.orElse(from), published, limit, found);
      if (cut.isEmpty() || out.size() >= limit) {
        if (hits != null) {
          hits.addAll(found);
        }
        return out;
      }
    }
  }

  /** Narrows a sorted listing to at least this many points at most; past it, sorts them all. */
  static final int MAX_CUT = 1 << 16;

  /** Lists the stories updated at or after {@code from} (epoch millis), newest first. */
  private List<Listed> listed(long from, long published, int limit, List<NewestStories.Hit> hits)
      throws IOException {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(new TermQuery(Fields.typeTerm(Fields.STORY_DOC)), Occur.FILTER);
    if (from != Long.MIN_VALUE) {
      b.add(LongPoint.newRangeQuery(Fields.UPDATED, from, Long.MAX_VALUE), Occur.FILTER);
    }
    Query q = b.build();
    Sort byUpdate = new Sort(new SortField(Fields.UPDATED, SortField.Type.LONG, true));
    int page = Math.max(1, limit);
    List<Listed> states = new ArrayList<>();
    ScoreDoc after = null;
    StoredFields stored = searcher.storedFields();
    while (states.size() < limit) {
      TopDocs top =
          after == null
              ? searcher.search(q, page, byUpdate)
              : searcher.searchAfter(after, q, page, byUpdate);
      for (ScoreDoc sd : top.scoreDocs) {
        StoryState st = Fields.story(stored.document(sd.doc));
        if (st.firstSeen() >= published && states.size() < limit) {
          Listed listed = new Listed(st, version(sd.doc));
          states.add(listed);
          if (hits != null) {
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
            hits.add(
                new NewestStories.Hit(
                    NewestStories.core(leaf),
                    sd.doc - leaf.docBase,
                    (Long) ((FieldDoc) sd).fields[0],
                    listed));
          }
        }
      }
      if (top.scoreDocs.length < page) {
        break;
      }
      after = top.scoreDocs[top.scoreDocs.length - 1];
    }
    return states;
  }

  /** Returns the version of top-level document {@code doc}: its segment and number in it. */
  private String version(int doc) {
    return version(searcher.getIndexReader(), doc);
  }

  /** Returns the version of top-level document {@code doc} of {@code reader}, or null. */
  static String version(org.apache.lucene.index.IndexReader reader, int doc) {
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    return FilterLeafReader.unwrap(leaf.reader()) instanceof SegmentReader r
        ? r.getSegmentName() + ":" + (doc - leaf.docBase)
        : null;
  }

  /** Lists the stamps of stories as {@link #stories} does, without reading their members. */
  List<StoryStamp> stamps(String query, Instant publishedSince, Instant updatedSince, int limit)
      throws IOException {
    List<StoryStamp> out = new ArrayList<>();
    for (Listed l : listed(query, publishedSince, updatedSince, limit)) {
      out.add(l.stamp());
    }
    return out;
  }

  /**
   * Lists stamps as {@link #stamps} does and reads the stories of those {@code kept} declines from
   * the states just listed ({@link StoryBatch}), on this same view of the index.
   */
  List<Store.Stamped> stampedStories(
      String query, Instant since, int limit, Predicate<StoryStamp> kept) throws IOException {
    List<Listed> listed = listed(query, null, since, limit);
    List<StoryStamp> stamps = new ArrayList<>(listed.size());
    boolean[] keeps = new boolean[listed.size()];
    Map<Long, StoryState> missing = new LinkedHashMap<>();
    for (int i = 0; i < keeps.length; i++) {
      StoryStamp stamp = listed.get(i).stamp();
      stamps.add(stamp);
      keeps[i] = kept.test(stamp);
      if (!keeps[i]) {
        StoryState st = listed.get(i).state();
        missing.putIfAbsent(st.id(), st);
      }
    }
    Map<Long, Story> read =
        missing.isEmpty() ? Map.of() : StoryBatch.read(searcher, redirects, this, missing);
    List<Store.Stamped> out = new ArrayList<>(keeps.length);
    for (int i = 0; i < keeps.length; i++) {
      Story story = keeps[i] ? null : read.get(listed.get(i).state().id());
      if (keeps[i] || story != null) {
        out.add(new Store.Stamped(stamps.get(i), story));
      }
    }
    return out;
  }

  /**
   * Lists the stories of {@code storyIds} (each resolved through the redirects of merges, so an id
   * recorded before a merge finds the story it merged into), most recently updated first; stories
   * not (yet) visible to this searcher are left out.
   */
  List<Story> storiesOf(
      Collection<Long> storyIds, Instant publishedSince, Instant updatedSince, int limit)
      throws IOException {
    return storiesOf(storyIds, null, publishedSince, updatedSince, limit);
  }

  /**
   * Lists the stories of {@code storyIds} as {@link #storiesOf(Collection, Instant, Instant, int)}
   * does, taking their states from {@code cache} where it holds them ({@code null}: none).
   */
  List<Story> storiesOf(
      Collection<Long> storyIds,
      StoryStates cache,
      Instant publishedSince,
      Instant updatedSince,
      int limit)
      throws IOException {
    StoryStates.View cached = cache == null ? null : cache.on(searcher);
    long published = publishedSince == null ? Long.MIN_VALUE : publishedSince.toEpochMilli();
    long updated = updatedSince == null ? Long.MIN_VALUE : updatedSince.toEpochMilli();
    List<Story> out = new ArrayList<>();
    for (Listed l : listedOf(storyIds, cached, published, updated, limit)) {
      out.add(story(l.state()));
    }
    return out;
  }

  /**
   * Reads the (resolved) stories of {@code storyIds} updated and first seen at or after the given
   * times, newest update first; their states from {@code cached} when not {@code null} (then
   * without versions).
   */
  private List<Listed> listedOf(
      Collection<Long> storyIds, StoryStates.View cached, long published, long updated, int limit)
      throws IOException {
    Set<Long> ids = new LinkedHashSet<>();
    for (long id : storyIds) {
      ids.add(redirects.resolve(id));
    }
    List<Listed> states = new ArrayList<>();
    for (long id : ids) {
      Listed s = cached == null ? listed(id) : unversioned(cached.get(id));
      if (s != null && s.state().updated() >= updated && s.state().firstSeen() >= published) {
        states.add(s);
      }
    }
    states.sort(Comparator.comparingLong((Listed l) -> l.state().updated()).reversed());
    return states.subList(0, Math.min(limit, states.size()));
  }

  private static Listed unversioned(StoryState s) {
    return s == null ? null : new Listed(s, null);
  }

  /** Returns the state of (resolved) story {@code id} with its version, or {@code null}. */
  Listed listed(long id) throws IOException {
    TopDocs top = searcher.search(new TermQuery(new Term(Fields.SID, Fields.storyId(id))), 1);
    if (top.scoreDocs.length == 0) {
      return null;
    }
    int doc = top.scoreDocs[0].doc;
    return new Listed(Fields.story(searcher.storedFields().document(doc)), version(doc));
  }

  /**
   * Lists the stories first published (or seen) in {@code [from, to)} (epoch millis), oldest first
   * and then by id, each with a member matching {@code query} when it is not {@code null}.
   *
   * <p>A story's earliest member is one of the articles whose time falls in the period, so the
   * stories are found from those articles (at most {@value #MAX_PERIOD_ARTICLES}; later ones of a
   * larger period are not looked at) and kept when their first-seen time is in the period.
   */
  List<StoryStamp> firstSeen(String query, long from, long to) throws IOException {
    Query period =
        new BooleanQuery.Builder()
            .add(new TermQuery(Fields.typeTerm(Fields.ARTICLE)), Occur.FILTER)
            .add(LongPoint.newRangeQuery(Fields.TIME, from, to - 1), Occur.FILTER)
            .build();
    Sort byTime = new Sort(new SortField(Fields.TIME, SortField.Type.LONG));
    Set<Long> ids = new LinkedHashSet<>();
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc sd : searcher.search(period, MAX_PERIOD_ARTICLES, byTime).scoreDocs) {
      Document d = stored.document(sd.doc, Set.of(Fields.STORY));
      ids.add(redirects.resolve(Fields.parseStoryId(d.get(Fields.STORY)).orElseThrow()));
    }
    List<Listed> states = new ArrayList<>();
    for (long id : ids) {
      Listed s = listed(id);
      if (s != null && s.state().firstSeen() >= from && s.state().firstSeen() < to) {
        states.add(s);
      }
    }
    if (query != null && !states.isEmpty()) {
      Set<Long> matching = matching(query, states);
      states.removeIf(s -> !matching.contains(s.state().id()));
    }
    states.sort(
        Comparator.comparingLong((Listed s) -> s.state().firstSeen())
            .thenComparing(s -> Fields.storyId(s.state().id())));
    List<StoryStamp> out = new ArrayList<>();
    for (Listed s : states) {
      out.add(s.stamp());
    }
    return out;
  }

  /** Returns which of {@code states} have a member matching {@code query}. */
  private Set<Long> matching(String query, List<Listed> states) throws IOException {
    List<BytesRef> aliases = new ArrayList<>();
    for (Listed s : states) {
      for (long alias : redirects.aliases(s.state().id())) {
        aliases.add(new BytesRef(Fields.storyId(alias)));
      }
    }
    Query q =
        new BooleanQuery.Builder()
            .add(articles(parse(query), null), Occur.MUST)
            .add(new TermInSetQuery(Fields.STORY, aliases), Occur.FILTER)
            .build();
    Set<Long> out = new HashSet<>();
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc sd : searcher.search(q, MAX_PERIOD_ARTICLES).scoreDocs) {
      Document d = stored.document(sd.doc, Set.of(Fields.STORY));
      out.add(redirects.resolve(Fields.parseStoryId(d.get(Fields.STORY)).orElseThrow()));
    }
    return out;
  }

  /**
   * Returns the first-seen time (epoch millis) of the story first seen last before {@code at}
   * ({@code before}), or of the one first seen first at or after it; empty when there is none.
   *
   * <p>Walks the articles from {@code at} in time order (backwards when {@code before}), reading
   * each one's story: a story is first seen when its earliest article is, so going forwards the
   * first story first seen at or after {@code at} is the answer, and going backwards the walk stops
   * at the first article no later than the latest first-seen time met. Late copies of older stories
   * are what the walk steps over; it looks at most at {@value #MAX_PERIOD_ARTICLES}.
   */
  OptionalLong storyFirstSeen(long at, boolean before) throws IOException {
    // The subscription document's prev-archive link asks for the newest at every render: after a
    // commit, from the one kept and the new segments (NewestStories).
    boolean newestAsked = newest != null && before && at == Long.MAX_VALUE;
    if (newestAsked) {
      Long kept = newest.newestFirstSeen(searcher);
      if (kept != null) {
        return kept == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(kept);
      }
    }
    if (storiesHaveFirstSeenPoints()) {
      // Exact and one sorted top-1 search over the story documents, narrowed to those nearest
      // at (PointCut): sorting them all cost 12 ms on a million articles, at every feed render.
      if (before && at == Long.MIN_VALUE) {
        return OptionalLong.empty();
      }
      long lo = before ? Long.MIN_VALUE : at;
      long hi = before ? at - 1 : Long.MAX_VALUE;
      for (long k = 16; ; k *= 16) {
        OptionalLong cut =
            k > MAX_CUT
                ? OptionalLong.empty()
                : before
                    ? PointCut.largest(
                        searcher.getIndexReader(), Fields.FIRST_SEEN_AT, lo, hi, (int) k)
                    : PointCut.smallest(
                        searcher.getIndexReader(), Fields.FIRST_SEEN_AT, lo, hi, (int) k);
        Query q =
            new BooleanQuery.Builder()
                .add(new TermQuery(Fields.typeTerm(Fields.STORY_DOC)), Occur.FILTER)
                .add(
                    LongPoint.newRangeQuery(
                        Fields.FIRST_SEEN_AT,
                        before ? cut.orElse(lo) : lo,
                        before ? hi : cut.orElse(hi)),
                    Occur.FILTER)
                .build();
        Sort order = new Sort(new SortField(Fields.FIRST_SEEN_AT, SortField.Type.LONG, before));
        TopDocs top = searcher.search(q, 1, order);
        if (top.scoreDocs.length > 0) {
          long found = (Long) ((FieldDoc) top.scoreDocs[0]).fields[0];
          if (newestAsked) {
            newest.keepFirstSeen(searcher.getIndexReader(), found, top.scoreDocs[0].doc);
          }
          return OptionalLong.of(found);
        }
        if (cut.isEmpty()) {
          return OptionalLong.empty();
        }
      }
    }
    long[] bounds = articleTimes();
    if (bounds == null) {
      return OptionalLong.empty();
    }
    // Sorting all articles by time costs tens of milliseconds on a million: walk time windows
    // outwards from at instead, each twice as long as the last, sorting only what each holds.
    long edge = before ? Math.min(at, bounds[1] + 1) : Math.max(at, bounds[0]);
    long width = 3_600_000;
    StoredFields stored = searcher.storedFields();
    long best = before ? Long.MIN_VALUE : Long.MAX_VALUE;
    boolean found = false;
    int looked = 0;
    while (before ? edge > bounds[0] : edge <= bounds[1]) {
      long lo = before ? Math.max(bounds[0], edge - width) : edge;
      long hi = before ? edge - 1 : Math.min(bounds[1], edge + width - 1);
      // A window past a gap in time can hold every article: keep it to a batch's worth.
      OptionalLong cut =
          before
              ? PointCut.largest(searcher.getIndexReader(), Fields.TIME, lo, hi, 256)
              : PointCut.smallest(searcher.getIndexReader(), Fields.TIME, lo, hi, 256);
      if (cut.isPresent()) {
        lo = before ? cut.getAsLong() : lo;
        hi = before ? hi : cut.getAsLong();
      }
      Query q =
          new BooleanQuery.Builder()
              .add(new TermQuery(Fields.typeTerm(Fields.ARTICLE)), Occur.FILTER)
              .add(LongPoint.newRangeQuery(Fields.TIME, lo, hi), Occur.FILTER)
              .build();
      Sort order = new Sort(new SortField(Fields.TIME, SortField.Type.LONG, before));
      ScoreDoc after = null;
      int batch = 256;
      while (true) {
        TopDocs top =
            after == null
                ? searcher.search(q, batch, order)
                : searcher.searchAfter(after, q, batch, order);
        for (ScoreDoc sd : top.scoreDocs) {
          long time = (Long) ((FieldDoc) sd).fields[0];
          if (before && found && time <= best) {
            return OptionalLong.of(best);
          }
          if (++looked > MAX_WALK) {
            // A bound on the answer: an archive document of that day may be empty, but links on.
            return OptionalLong.of(before ? Math.max(best, time) : time);
          }
          // The article's story from doc values (stored fields only in segments written before).
          long id = redirects.resolve(HitKeys.of(searcher, new ScoreDoc[] {sd})[0].story());
          StoryState s = Stories.stored(id, searcher);
          if (s == null) {
            continue;
          }
          if (before && s.firstSeen() < at) {
            best = Math.max(best, s.firstSeen());
            found = true;
          } else if (!before && s.firstSeen() >= at) {
            return OptionalLong.of(s.firstSeen());
          }
        }
        if (top.scoreDocs.length < batch) {
          break;
        }
        after = top.scoreDocs[top.scoreDocs.length - 1];
      }
      // Going backwards, an older window may still hold a story first seen after best.
      edge = before ? lo : hi + 1;
      if (before ? lo == bounds[0] : hi == bounds[1]) {
        break;
      }
      width = Math.min(width * 2, 1L << 52);
    }
    return found ? OptionalLong.of(best) : OptionalLong.empty();
  }

  /**
   * Says whether every story document has {@link Fields#FIRST_SEEN_AT} (written since it exists):
   * in each segment, as many documents have the point as the story type term has documents (both
   * counting deleted ones). An index with older story documents walks the articles instead, until
   * its stories are rewritten or merged away.
   */
  private boolean storiesHaveFirstSeenPoints() throws IOException {
    Term story = Fields.typeTerm(Fields.STORY_DOC);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      int stories = leaf.reader().docFreq(story);
      if (stories == 0) {
        continue;
      }
      PointValues points = leaf.reader().getPointValues(Fields.FIRST_SEEN_AT);
      if (points == null || points.getDocCount() != stories) {
        return false;
      }
    }
    return true;
  }

  /** Returns the least and greatest article time the index holds (deleted ones too), or null. */
  private long[] articleTimes() throws IOException {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      PointValues points = leaf.reader().getPointValues(Fields.TIME);
      if (points != null && points.size() > 0) {
        min = Math.min(min, LongPoint.decodeDimension(points.getMinPackedValue(), 0));
        max = Math.max(max, LongPoint.decodeDimension(points.getMaxPackedValue(), 0));
      }
    }
    return max == Long.MIN_VALUE ? null : new long[] {min, max};
  }

  /**
   * Is one matching article: its id and the story it was first assigned to (not resolved).
   *
   * @param articleId the article
   * @param story its story as stored, before redirects
   */
  record Match(String articleId, long story) {}

  /** Returns how many documents of this view hold {@code term}; 0 if it cannot be read. */
  long docFreq(org.apache.lucene.index.Term term) {
    try {
      return searcher.getIndexReader().docFreq(term);
    } catch (IOException e) {
      return 0;
    }
  }

  /** Returns the {@code limit} newest articles {@code query} matches, newest first. */
  List<Match> newest(Query query, int limit) throws IOException {
    TopDocs top =
        searcher.search(
            articles(query, null),
            Math.max(1, limit),
            new Sort(new SortField(Fields.TIME, SortField.Type.LONG, true)));
    List<Match> out = new ArrayList<>();
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc sd : top.scoreDocs) {
      Document d = stored.document(sd.doc, Set.of(Fields.ID, Fields.STORY));
      out.add(new Match(d.get(Fields.ID), Fields.parseStoryId(d.get(Fields.STORY)).orElseThrow()));
    }
    return out;
  }

  /**
   * Returns the story of {@code s} as its entry presents it: the original's headline and link and
   * the most complete text without any outlet's additions ({@link StoryText}).
   */
  Story story(StoryState s) throws IOException {
    return story(s, members(s.id()));
  }

  /**
   * Returns the story of {@code s} as {@link #story(StoryState)} does, from its {@code members}'
   * stored documents in the order {@link #members} reads them (by time, then index order).
   */
  Story story(StoryState s, List<Document> members) {
    List<StoryMember> list = new ArrayList<>();
    List<StoryText.Member> texts = new ArrayList<>();
    List<ArticleVersion> versions = new ArrayList<>();
    for (Document d : members) {
      versions.addAll(Versions.of(d));
      String id = d.get(Fields.ID);
      boolean original = id.equals(s.original());
      list.add(
          new StoryMember(
              id,
              d.get(Fields.URL),
              d.get(Fields.TITLE),
              d.get(Fields.SOURCE),
              Fields.instant(d, Fields.PUBLISHED),
              original));
      texts.add(
          new StoryText.Member(
              id,
              d.get(Fields.SOURCE),
              d.get(Fields.TITLE),
              d.get(Fields.URL),
              d.get(Fields.TEXT),
              original));
    }
    if (members.isEmpty()) {
      return new Story(
          Fields.storyId(s.id()),
          "",
          null,
          null,
          "",
          Instant.ofEpochMilli(s.firstSeen()),
          Instant.ofEpochMilli(s.updated()),
          list);
    }
    versions.sort(Comparator.comparing(ArticleVersion::time));
    StoryText.Choice choice = StoryText.choose(texts);
    Document body = members.get(0);
    for (Document d : members) {
      if (d.get(Fields.ID).equals(choice.bodyFrom())) {
        body = d;
      }
    }
    return new Story(
        Fields.storyId(s.id()),
        choice.title() == null ? "" : choice.title(),
        choice.url(),
        html(body, choice),
        choice.text(),
        Instant.ofEpochMilli(s.firstSeen()),
        Instant.ofEpochMilli(s.updated()),
        list,
        versions);
  }

  /**
   * Returns the body's HTML: the member's own when none of its paragraphs were left out, else its
   * kept paragraphs; {@code null} if the member has no HTML.
   */
  private static SafeHtml html(Document body, StoryText.Choice choice) {
    String stored = body.get(Fields.HTML);
    if (stored == null) {
      return null;
    }
    if (choice.additions().isEmpty()) {
      // Stored HTML is read back through the sanitiser: an index written before imports were
      // sanitised (issue 9), or edited on disk, cannot bring script to a reader.
      return Sanitizer.html(stored, null);
    }
    StringBuilder b = new StringBuilder();
    for (String p : choice.paragraphs()) {
      b.append("<p>");
      Sanitizer.escape(b, p, false);
      b.append("</p>\n");
    }
    return Sanitizer.html(b.toString(), null);
  }

  StoryExplanation explain(StoryState s) throws IOException {
    Explainer.Lookup lookup =
        new Explainer.Lookup() {
          @Override
          public String via(long merged) {
            Redirects.Redirect r = redirects.redirectOf(merged);
            return r == null ? null : r.via();
          }

          @Override
          public String text(String id) throws IOException {
            Document other = article(id);
            return other == null ? null : other.get(Fields.TEXT);
          }
        };
    List<MemberExplanation> out = new ArrayList<>();
    for (Document d : members(s.id())) {
      Explainer.Reason why =
          Explainer.explain(
              new Explainer.Member(
                  d.get(Fields.TEXT),
                  Fields.parseStoryId(d.get(Fields.STORY)).orElseThrow(),
                  d.get(Fields.MATCHED),
                  d.get(Fields.EVIDENCE)),
              s.id(),
              lookup);
      out.add(
          new MemberExplanation(
              d.get(Fields.ID),
              d.get(Fields.TITLE),
              d.get(Fields.SOURCE),
              why.reason(),
              why.with(),
              why.evidence(),
              why.passages()));
    }
    return new StoryExplanation(Fields.storyId(s.id()), out);
  }

  void forEachArticle(Consumer<ExportedArticle> sink) throws IOException {
    Weight w =
        searcher.createWeight(
            new TermQuery(Fields.typeTerm(Fields.ARTICLE)), ScoreMode.COMPLETE_NO_SCORES, 1);
    Set<String> fields =
        Set.of(
            Fields.ID,
            Fields.URL,
            Fields.CANONICAL,
            Fields.TITLE,
            Fields.TEXT,
            Fields.HTML,
            Fields.PUBLISHED,
            Fields.SEEN,
            Fields.SOURCE,
            Fields.FEED_URL,
            Fields.LANGUAGE,
            Fields.STORY);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = w.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      StoredFields stored = leaf.reader().storedFields();
      DocIdSetIterator it = scorer.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        Document d = stored.document(doc, fields);
        sink.accept(
            new ExportedArticle(
                d.get(Fields.ID),
                d.get(Fields.URL),
                d.get(Fields.CANONICAL),
                d.get(Fields.TITLE),
                d.get(Fields.TEXT),
                d.get(Fields.HTML),
                Fields.instant(d, Fields.PUBLISHED),
                Fields.instant(d, Fields.SEEN),
                d.get(Fields.SOURCE),
                d.get(Fields.FEED_URL),
                d.get(Fields.LANGUAGE),
                storyOf(d)));
      }
    }
  }

  long count(String type) throws IOException {
    return searcher.count(new TermQuery(Fields.typeTerm(type)));
  }

  /** Counts articles, stories and feeds by status; {@code bytes} is the index size on disk. */
  IndexStats stats(long bytes) throws IOException {
    TopDocs top = searcher.search(new TermQuery(Fields.typeTerm(Fields.FEED)), Integer.MAX_VALUE);
    List<FeedState> feeds = new ArrayList<>(top.scoreDocs.length);
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc sd : top.scoreDocs) {
      feeds.add(FeedDocs.fromDocument(stored.document(sd.doc)));
    }
    return IndexStats.of(
        count(Fields.ARTICLE), count(Fields.STORY_DOC), top.scoreDocs.length, bytes, feeds);
  }

  /** Returns the stored fields of one article, or {@code null}. */
  Document article(String id) throws IOException {
    TopDocs top = searcher.search(new TermQuery(Fields.idTerm(id)), 1);
    return top.scoreDocs.length == 0
        ? null
        : searcher.storedFields().document(top.scoreDocs[0].doc);
  }

  private List<Document> members(long story) throws IOException {
    List<BytesRef> ids = new ArrayList<>();
    for (long alias : redirects.aliases(story)) {
      ids.add(new BytesRef(Fields.storyId(alias)));
    }
    Query q =
        new BooleanQuery.Builder()
            .add(new TermQuery(Fields.typeTerm(Fields.ARTICLE)), Occur.FILTER)
            .add(
                ids.size() == 1
                    ? new TermQuery(new Term(Fields.STORY, ids.get(0)))
                    : new TermInSetQuery(Fields.STORY, ids),
                Occur.FILTER)
            .build();
    Sort byTime = new Sort(new SortField(Fields.TIME, SortField.Type.LONG));
    // Most stories have a few members: a queue of MAX_MEMBERS slots cost more than the search.
    int expected = Math.min(MAX_MEMBERS, 16);
    TopDocs top = searcher.search(q, expected, byTime);
    if (top.scoreDocs.length == expected) {
      top = searcher.search(q, MAX_MEMBERS, byTime);
    }
    List<Document> out = new ArrayList<>();
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc sd : top.scoreDocs) {
      out.add(stored.document(sd.doc));
    }
    return out;
  }

  private String storyOf(Document d) {
    return Fields.storyId(
        redirects.resolve(Fields.parseStoryId(d.get(Fields.STORY)).orElseThrow()));
  }

  /** Parses a user's query; throws {@link QueryException} with the column when it is bad. */
  private Query parse(String query) {
    return QueryParsing.parse(
        query, new String[] {Fields.TITLE, Fields.TEXT}, analyzer, this::storyQuery);
  }

  /** Returns the query for the articles of story {@code id} and of those merged into it. */
  private Query storyQuery(String id) {
    OptionalLong n = Fields.parseStoryId(id);
    if (n.isEmpty()) {
      return null;
    }
    List<BytesRef> ids = new ArrayList<>();
    for (long alias : redirects.aliases(redirects.resolve(n.getAsLong()))) {
      ids.add(new BytesRef(Fields.storyId(alias)));
    }
    return new TermInSetQuery(Fields.STORY, ids);
  }

  /**
   * Returns {@code q} restricted to articles, and to those published at or after {@code since} if
   * not {@code null}; without a filter on the type when {@code q} only matches articles anyway
   * ({@link ArticleOnly}), which lets Lucene skip the blocks of a disjunction that cannot enter the
   * top hits.
   */
  private static Query articles(Query q, Instant since) {
    boolean typed = !ArticleOnly.matches(q);
    if (!typed && since == null) {
      return q;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(q, Occur.MUST);
    if (typed) {
      b.add(new TermQuery(Fields.typeTerm(Fields.ARTICLE)), Occur.FILTER);
    }
    if (since != null) {
      b.add(
          LongPoint.newRangeQuery(Fields.TIME, since.toEpochMilli(), Long.MAX_VALUE), Occur.FILTER);
    }
    return b.build();
  }
}
