package org.feedfold.index;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Keeps what looking a term up in a segment's terms dictionary found (where its postings start, how
 * many documents hold it and how often), for the terms searched before, and hands it to the term
 * queries of a search ({@link #prepare}) so that they do not look it up again.
 *
 * <p>Why: a term query looks its term up in every segment when its weight is made, a seek into each
 * segment's terms dictionary (cold blocks of a large file); on 1,000,000 articles in 19 segments
 * that was about a fourteenth of a search, and searches repeat words. A segment's documents never
 * change, so neither does what it answers for a term: the same states and the same statistics, so
 * the same hits and scores, bit for bit. Deleted documents count as Lucene counts them (they do in
 * a term's statistics until merged away).
 *
 * <p>Thread-safe. A segment's entries are dropped when its core closes, and all of them once it
 * holds {@value #MAX_TERMS_PER_SEGMENT} terms (then it fills again with the terms searched since).
 */
final class TermLookups {
  /** Keeps at most this many terms per segment (a few hundred bytes each). */
  static final int MAX_TERMS_PER_SEGMENT = 4_096;

  /** Stands for a term the segment does not hold. */
  private static final Entry ABSENT = new Entry(null, 0, 0);

  private final ConcurrentHashMap<IndexReader.CacheKey, ConcurrentHashMap<Term, Entry>> segments =
      new ConcurrentHashMap<>();
  private final AtomicLong lookups = new AtomicLong();

  /** Is what a segment's terms dictionary answered for a term. */
  private record Entry(TermState state, int docFreq, long totalTermFreq) {}

  /**
   * Returns {@code q} with each of its term queries (in boolean and boosted queries, at any depth)
   * carrying its term's states in {@code searcher}'s segments, taken from earlier lookups where
   * there were some; any other query is left as it is. The result matches and scores as {@code q}
   * does, and only with {@code searcher}.
   */
  Query prepare(Query q, IndexSearcher searcher) throws IOException {
    if (q instanceof TermQuery t) {
      return new TermQuery(t.getTerm(), states(searcher, t.getTerm()));
    }
    if (q instanceof BoostQuery b) {
      return new BoostQuery(prepare(b.getQuery(), searcher), b.getBoost());
    }
    if (q instanceof BooleanQuery b) {
      BooleanQuery.Builder out =
          new BooleanQuery.Builder().setMinimumNumberShouldMatch(b.getMinimumNumberShouldMatch());
      for (BooleanClause c : b.clauses()) {
        out.add(prepare(c.getQuery(), searcher), c.getOccur());
      }
      return out.build();
    }
    return q;
  }

  /** Returns how many times a segment's terms dictionary was asked for a term. */
  long lookups() {
    return lookups.get();
  }

  /**
   * Returns {@code term}'s states in each of {@code searcher}'s segments, as Lucene builds them.
   */
  private TermStates states(IndexSearcher searcher, Term term) throws IOException {
    TermStates states = new TermStates(searcher.getTopReaderContext());
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Entry e = entry(leaf, term);
      if (e != ABSENT) {
        states.register(e.state(), leaf.ord, e.docFreq(), e.totalTermFreq());
      }
    }
    return states;
  }

  private Entry entry(LeafReaderContext leaf, Term term) throws IOException {
    IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
    if (core == null) {
      return lookUp(leaf, term);
    }
    ConcurrentHashMap<Term, Entry> terms = segments.get(core.getKey());
    if (terms == null) {
      ConcurrentHashMap<Term, Entry> created = new ConcurrentHashMap<>();
      terms = segments.putIfAbsent(core.getKey(), created);
      if (terms == null) {
        terms = created;
        core.addClosedListener(segments::remove);
      }
    }
    Entry e = terms.get(term);
    if (e == null) {
      e = lookUp(leaf, term);
      if (terms.size() >= MAX_TERMS_PER_SEGMENT) {
        terms.clear();
      }
      terms.put(term, e);
    }
    return e;
  }

  /** Looks {@code term} up in the segment as {@link TermStates#build} does. */
  private Entry lookUp(LeafReaderContext leaf, Term term) throws IOException {
    lookups.incrementAndGet();
    Terms terms = Terms.getTerms(leaf.reader(), term.field());
    TermsEnum te = terms.iterator();
    if (!te.seekExact(term.bytes())) {
      return ABSENT;
    }
    return new Entry(te.termState(), te.docFreq(), te.totalTermFreq());
  }
}
