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
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
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
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.feedfold.cluster.Passages;
import org.feedfold.cluster.StoryState;
import org.feedfold.cluster.StoryText;
import org.feedfold.model.ArticleVersion;
import org.feedfold.model.FeedState;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.feedfold.sanitize.SafeHtml;
import org.feedfold.sanitize.Sanitizer;

/**
 * Answers the read side of {@link ArticleIndex} from one searcher and the redirects of the same
 * refresh: search, stories, export. Touches no state of the writer, so reads never wait for it.
 */
final class Reads {
  /** Reads at most this many members of one story. */
  static final int MAX_MEMBERS = 10_000;

  /** Shared passages an explanation shows per member, the longest. */
  static final int PASSAGES = 3;

  /** Characters of one shared passage an explanation shows; longer ones are cut at a word. */
  static final int PASSAGE_CHARS = 200;

  /** Looks at most at this many matching articles to list the stories of a query. */
  static final int MAX_QUERY_ARTICLES = 2_000;

  private final IndexSearcher searcher;
  private final Redirects redirects;
  private final Analyzer analyzer;

  Reads(IndexSearcher searcher, Redirects redirects, Analyzer analyzer) {
    this.searcher = searcher;
    this.redirects = redirects;
    this.analyzer = analyzer;
  }

  List<SearchHit> search(String query, Instant since, int limit) throws IOException {
    Query q = articles(parse(query), since);
    return hits(q, searcher.search(q, Math.max(1, limit)));
  }

  /**
   * Runs {@code r}; collapsed, it looks at the first {@link #collapseWindow} hits in the requested
   * order, keeps each story's first and counts the rest, and highlights only the hits it returns.
   */
  List<StoryHit> search(SearchRequest r) throws IOException {
    Query q = articles(parse(r.query()), r.since());
    int window = r.collapse() ? collapseWindow(r.limit()) : r.limit();
    TopDocs top =
        r.order() == SearchRequest.Order.DATE
            ? searcher.search(
                q, window, new Sort(new SortField(Fields.TIME, SortField.Type.LONG, true)), true)
            : searcher.search(q, window);
    if (!r.collapse()) {
      List<StoryHit> out = new ArrayList<>();
      for (SearchHit h : hits(q, top)) {
        out.add(new StoryHit(h, 0, 0));
      }
      return out;
    }
    record Group(ScoreDoc best, Set<String> others, int[] more) {}
    Map<String, Group> groups = new LinkedHashMap<>();
    StoredFields stored = searcher.storedFields();
    Set<String> wanted = Set.of(Fields.STORY, Fields.SOURCE);
    for (ScoreDoc sd : top.scoreDocs) {
      Document d = stored.document(sd.doc, wanted);
      String source = d.get(Fields.SOURCE) == null ? "" : d.get(Fields.SOURCE);
      Group g = groups.get(storyOf(d));
      if (g == null) {
        if (groups.size() < r.limit()) {
          groups.put(storyOf(d), new Group(sd, new HashSet<>(), new int[1]));
        }
      } else {
        g.more()[0]++;
        g.others().add(source);
      }
    }
    ScoreDoc[] best = groups.values().stream().map(Group::best).toArray(ScoreDoc[]::new);
    List<SearchHit> hits = hits(q, new TopDocs(top.totalHits, best));
    List<StoryHit> out = new ArrayList<>();
    int i = 0;
    for (Group g : groups.values()) {
      out.add(new StoryHit(hits.get(i++), g.more()[0], g.others().size()));
    }
    return out;
  }

  /** Returns how many hits a collapsed search of {@code limit} stories looks at. */
  static int collapseWindow(int limit) {
    return (int) Math.min(MAX_QUERY_ARTICLES, Math.max(200L, limit * 10L));
  }

  /** Reads and highlights {@code top}'s hits of {@code q}, in order. */
  private List<SearchHit> hits(Query q, TopDocs top) throws IOException {
    String[] snippets =
        UnifiedHighlighter.builder(searcher, analyzer)
            .withMaxLength(org.feedfold.cluster.Fingerprinter.MAX_CHARS)
            // The text is plain text from strangers: escape it, so a snippet is safe HTML.
            .withFormatter(new DefaultPassageFormatter("<b>", "</b>", "… ", true))
            .build()
            .highlight(Fields.TEXT, q, top, 1);
    StoredFields stored = searcher.storedFields();
    List<SearchHit> out = new ArrayList<>();
    for (int i = 0; i < top.scoreDocs.length; i++) {
      Document d = stored.document(top.scoreDocs[i].doc);
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
    long published = publishedSince == null ? Long.MIN_VALUE : publishedSince.toEpochMilli();
    long updated = updatedSince == null ? Long.MIN_VALUE : updatedSince.toEpochMilli();
    List<StoryState> states = new ArrayList<>();
    if (query == null) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      b.add(new TermQuery(Fields.typeTerm(Fields.STORY_DOC)), Occur.FILTER);
      // A story first published since a time was updated since then too (it was updated when it
      // was seen), so the range on the update time also narrows the first-published filter.
      long from = Math.max(published, updated);
      if (from != Long.MIN_VALUE) {
        b.add(LongPoint.newRangeQuery(Fields.UPDATED, from, Long.MAX_VALUE), Occur.FILTER);
      }
      Sort byUpdate = new Sort(new SortField(Fields.UPDATED, SortField.Type.LONG, true));
      int page = Math.max(1, limit);
      ScoreDoc after = null;
      while (states.size() < limit) {
        TopDocs top =
            after == null
                ? searcher.search(b.build(), page, byUpdate)
                : searcher.searchAfter(after, b.build(), page, byUpdate);
        for (ScoreDoc sd : top.scoreDocs) {
          StoryState st = Fields.story(searcher.storedFields().document(sd.doc));
          if (st.firstSeen() >= published && states.size() < limit) {
            states.add(st);
          }
        }
        if (top.scoreDocs.length < page) {
          break;
        }
        after = top.scoreDocs[top.scoreDocs.length - 1];
      }
    } else {
      TopDocs top = searcher.search(articles(parse(query), null), MAX_QUERY_ARTICLES);
      List<Long> ids = new ArrayList<>();
      StoredFields stored = searcher.storedFields();
      for (ScoreDoc sd : top.scoreDocs) {
        Document d = stored.document(sd.doc, Set.of(Fields.STORY));
        ids.add(Fields.parseStoryId(d.get(Fields.STORY)).orElseThrow());
      }
      return storiesOf(ids, publishedSince, updatedSince, limit);
    }
    List<Story> out = new ArrayList<>();
    for (StoryState s : states.subList(0, Math.min(limit, states.size()))) {
      out.add(story(s));
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
    long published = publishedSince == null ? Long.MIN_VALUE : publishedSince.toEpochMilli();
    long updated = updatedSince == null ? Long.MIN_VALUE : updatedSince.toEpochMilli();
    Set<Long> ids = new LinkedHashSet<>();
    for (long id : storyIds) {
      ids.add(redirects.resolve(id));
    }
    List<StoryState> states = new ArrayList<>();
    for (long id : ids) {
      StoryState s = Stories.stored(id, searcher);
      if (s != null && s.updated() >= updated && s.firstSeen() >= published) {
        states.add(s);
      }
    }
    states.sort(Comparator.comparingLong(StoryState::updated).reversed());
    List<Story> out = new ArrayList<>();
    for (StoryState s : states.subList(0, Math.min(limit, states.size()))) {
      out.add(story(s));
    }
    return out;
  }

  /**
   * Is one matching article: its id and the story it was first assigned to (not resolved).
   *
   * @param articleId the article
   * @param story its story as stored, before redirects
   */
  record Match(String articleId, long story) {}

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
    List<Document> members = members(s.id());
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
    List<MemberExplanation> out = new ArrayList<>();
    for (Document d : members(s.id())) {
      String matched = d.get(Fields.MATCHED);
      long ownStory = Fields.parseStoryId(d.get(Fields.STORY)).orElseThrow();
      String reason;
      String with = matched;
      if (matched != null) {
        reason = "matched";
      } else if (ownStory != s.id()) {
        reason = "merged";
        Redirects.Redirect r = redirects.redirectOf(ownStory);
        with = r == null ? null : r.via();
      } else {
        reason = "founded";
      }
      List<String> passages = List.of();
      Document other = with == null ? null : article(with);
      if (other != null) {
        passages =
            Passages.shared(d.get(Fields.TEXT), other.get(Fields.TEXT), 8, PASSAGES, PASSAGE_CHARS);
      }
      out.add(
          new MemberExplanation(
              d.get(Fields.ID),
              d.get(Fields.TITLE),
              d.get(Fields.SOURCE),
              reason,
              with,
              matched == null ? null : Explanations.decode(d.get(Fields.EVIDENCE)),
              passages));
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
    long ok = 0;
    long failing = 0;
    long disabled = 0;
    Instant last = null;
    Map<String, Long> kinds = new TreeMap<>();
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc sd : top.scoreDocs) {
      FeedState f = FeedDocs.fromDocument(stored.document(sd.doc));
      if (f.disabled()) {
        disabled++;
      } else if (f.errors() > 0) {
        failing++;
      } else {
        ok++;
      }
      if (f.disabled() || f.errors() > 0) {
        kinds.merge(IndexStats.errorKind(f.lastError()), 1L, Long::sum);
      }
      if (f.lastFetched() != null && (last == null || f.lastFetched().isAfter(last))) {
        last = f.lastFetched();
      }
    }
    return new IndexStats(
        count(Fields.ARTICLE),
        count(Fields.STORY_DOC),
        top.scoreDocs.length,
        bytes,
        ok,
        failing,
        disabled,
        last,
        kinds);
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
            .add(new TermInSetQuery(Fields.STORY, ids), Occur.FILTER)
            .build();
    TopDocs top =
        searcher.search(q, MAX_MEMBERS, new Sort(new SortField(Fields.TIME, SortField.Type.LONG)));
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

  private static Query articles(Query q, Instant since) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(q, Occur.MUST);
    b.add(new TermQuery(Fields.typeTerm(Fields.ARTICLE)), Occur.FILTER);
    if (since != null) {
      b.add(
          LongPoint.newRangeQuery(Fields.TIME, since.toEpochMilli(), Long.MAX_VALUE), Occur.FILTER);
    }
    return b.build();
  }
}
