package org.feedfold.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.feedfold.cluster.StoryState;
import org.feedfold.model.Story;

/**
 * Reads several stories together, as {@link Reads#story} reads each: one search for their story
 * documents, one pass over the articles of all of them (their times and stories from doc values),
 * and every stored document read once, in index order, so that documents sharing a compressed block
 * of stored fields decompress it once.
 *
 * <p>Why: a feed page read cold read its 50 stories one by one, each a search for its state, one or
 * two for its members and their stored documents: on 1,000,000 articles half of a cold page's time
 * (issue 11, the merged feed's first page). The stories are what {@link Reads#story} gives, member
 * for member ({@code StoryBatchTest}).
 */
final class StoryBatch {
  private StoryBatch() {}

  /**
   * Returns the stories of the (resolved) ids {@code ids} as {@code reads} would read each, keyed
   * by id; ids with no story document are left out.
   */
  static Map<Long, Story> read(
      IndexSearcher searcher, Redirects redirects, Reads reads, Collection<Long> ids)
      throws IOException {
    return read(searcher, redirects, reads, states(searcher, new LinkedHashSet<>(ids)));
  }

  /**
   * Returns the stories of {@code states} (story documents just read, keyed by their ids) as {@code
   * reads} would read each, keyed by id: a listing hands over the states it read rather than have
   * them searched for again.
   */
  static Map<Long, Story> read(
      IndexSearcher searcher, Redirects redirects, Reads reads, Map<Long, StoryState> states)
      throws IOException {
    Map<Long, List<Member>> members = members(searcher, redirects, states.keySet());
    // Stored documents in index order: neighbours share a decompressed block.
    List<Member> all = new ArrayList<>();
    members.values().forEach(all::addAll);
    all.sort(Comparator.comparingInt(Member::doc));
    Map<Integer, Document> docs = new HashMap<>();
    StoredFields stored = searcher.storedFields();
    for (Member m : all) {
      docs.put(m.doc(), stored.document(m.doc()));
    }
    Map<Long, Story> out = new LinkedHashMap<>();
    for (StoryState s : states.values()) {
      List<Document> list = new ArrayList<>();
      for (Member m : members.getOrDefault(s.id(), List.of())) {
        list.add(docs.get(m.doc()));
      }
      out.put(s.id(), reads.story(s, list));
    }
    return out;
  }

  /** Is one article of a story: its top-level document number and its time (the sort key). */
  private record Member(int doc, long time) {}

  /**
   * Reads the states of {@code ids}; where an id has several story documents (it should not), the
   * first in index order, as a search for it alone finds.
   */
  private static Map<Long, StoryState> states(IndexSearcher searcher, Set<Long> ids)
      throws IOException {
    List<BytesRef> terms = new ArrayList<>();
    for (long id : ids) {
      terms.add(new BytesRef(Fields.storyId(id)));
    }
    List<Integer> docs = new ArrayList<>();
    forEachMatch(
        searcher, new TermInSetQuery(Fields.SID, terms), (doc, leaf, local) -> docs.add(doc));
    Map<Long, StoryState> byId = new HashMap<>();
    StoredFields stored = searcher.storedFields();
    for (int doc : docs) {
      StoryState s = Fields.story(stored.document(doc));
      byId.putIfAbsent(s.id(), s);
    }
    Map<Long, StoryState> out = new LinkedHashMap<>();
    for (long id : ids) {
      StoryState s = byId.get(id);
      if (s != null) {
        out.put(id, s);
      }
    }
    return out;
  }

  /**
   * Lists the articles of each story of {@code ids} (and of the stories merged into it), by time
   * and then index order, at most {@link Reads#MAX_MEMBERS} of each: the order and the bound of
   * {@code Reads.members}, whose sort on the time field ranks a missing time as 0.
   */
  private static Map<Long, List<Member>> members(
      IndexSearcher searcher, Redirects redirects, Set<Long> ids) throws IOException {
    Map<Long, List<Member>> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    List<BytesRef> aliases = new ArrayList<>();
    Set<Long> numbers = new TreeSet<>();
    for (long id : ids) {
      for (long alias : redirects.aliases(id)) {
        aliases.add(new BytesRef(Fields.storyId(alias)));
        numbers.add(alias);
      }
    }
    Query q =
        new BooleanQuery.Builder()
            .add(new TermQuery(Fields.typeTerm(Fields.ARTICLE)), Occur.FILTER)
            .add(new TermInSetQuery(Fields.STORY, aliases), Occur.FILTER)
            .build();
    // Segments with a table of their articles by story (StoryMembers) are looked up there, the
    // others searched: the same articles either way.
    long[] sorted =
        StoryMembers.covers(searcher.getIndexReader())
            ? numbers.stream().mapToLong(Long::longValue).toArray()
            : null;
    List<Integer> docs = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    NumericDocValues[] time = new NumericDocValues[1];
    LeafReaderContext[] at = new LeafReaderContext[1];
    forEachMatch(
        searcher,
        q,
        sorted,
        (doc, leaf, local) -> {
          if (at[0] != leaf) {
            at[0] = leaf;
            time[0] = leaf.reader().getNumericDocValues(Fields.TIME);
          }
          docs.add(doc);
          times.add(time[0] != null && time[0].advanceExact(local) ? time[0].longValue() : 0L);
        });
    ScoreDoc[] hits = new ScoreDoc[docs.size()];
    for (int i = 0; i < hits.length; i++) {
      hits[i] = new ScoreDoc(docs.get(i), 0f);
    }
    HitKeys.Key[] keys = HitKeys.of(searcher, hits);
    for (int i = 0; i < hits.length; i++) {
      long story = redirects.resolve(keys[i].story());
      out.computeIfAbsent(story, k -> new ArrayList<>()).add(new Member(docs.get(i), times.get(i)));
    }
    for (List<Member> list : out.values()) {
      list.sort(Comparator.comparingLong(Member::time).thenComparingInt(Member::doc));
      if (list.size() > Reads.MAX_MEMBERS) {
        list.subList(Reads.MAX_MEMBERS, list.size()).clear();
      }
    }
    return out;
  }

  private interface Match {
    void at(int doc, LeafReaderContext leaf, int local) throws IOException;
  }

  /** Calls {@code match} for each live document {@code q} matches, in index order. */
  private static void forEachMatch(IndexSearcher searcher, Query q, Match match)
      throws IOException {
    forEachMatch(searcher, q, null, match);
  }

  /**
   * Calls {@code match} for each live document {@code q} matches, in index order; where {@code
   * stories} is not {@code null}, {@code q} finds the articles of those stories (sorted numbers),
   * and a segment with a {@link StoryMembers} table is answered from it instead.
   */
  private static void forEachMatch(IndexSearcher searcher, Query q, long[] stories, Match match)
      throws IOException {
    Weight w = null;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      if (stories != null
          && StoryMembers.forEach(leaf, stories, doc -> match.at(leaf.docBase + doc, leaf, doc))) {
        continue;
      }
      if (w == null) {
        w = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
      }
      Scorer scorer = w.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      DocIdSetIterator it = scorer.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (live == null || live.get(doc)) {
          match.at(leaf.docBase + doc, leaf, doc);
        }
      }
    }
  }
}
