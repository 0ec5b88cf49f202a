package org.feedfold.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.feedfold.cluster.ClusterSettings;

/**
 * Finds the articles an added article may republish, and tells which shingles are boilerplate.
 *
 * <p>Candidates come from a small disjunction over the article's rarest informative shingles (never
 * over boilerplate), counted straight from the postings. A shingle is boilerplate when it occurs in
 * {@link ClusterSettings#boilerplateStories()} different stories (site templates, footers, stock
 * phrases), however often: a wire story copied a hundred times stays one story and its shingles
 * stay informative. Verdicts are cached in a bounded LRU map. Not thread-safe; guarded by the
 * {@link ArticleIndex} monitor.
 */
final class Candidates {
  /** Look up the frequency of this many of an article's shingles (its lowest hashes) up front. */
  static final int LOOKUP_SHINGLES = 32;

  private static final int UNKNOWN = -1;

  /** Query at most this many shingles per article. */
  static final int QUERY_SHINGLES = 16;

  /** Read at most this many postings per queried shingle. */
  static final int MAX_POSTINGS = 1024;

  /** Look at most at this many documents when measuring a shingle's spread over stories. */
  static final int MAX_SPREAD_DOCS = 512;

  /** Beyond this document frequency a shingle is boilerplate without looking. */
  static final int ALWAYS_BOILERPLATE_DF = 100_000;

  private static final int VERDICT_CACHE = 200_000;
  private static final int BOILERPLATE = -1;

  private final ClusterSettings settings;
  private final Stories stories;
  private final Pending pending;

  /** Shingle hash to -1 (boilerplate) or the document frequency at which it was found not to be. */
  private final Map<Long, Integer> verdicts =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
          return size() > VERDICT_CACHE;
        }
      };

  Candidates(ClusterSettings settings, Stories stories, Pending pending) {
    this.settings = settings;
    this.stories = stories;
    this.pending = pending;
  }

  /** Starts the lookups for one article with these (sorted) shingles. */
  Lookup lookup(IndexSearcher searcher, long[] shingles) throws IOException {
    return new Lookup(searcher, shingles);
  }

  /** Holds the per-article state of candidate retrieval: one term seek per shingle and segment. */
  final class Lookup {
    private final List<LeafReaderContext> leaves;
    private final TermsEnum[] enums;
    private final long[] shingles;
    private final int[] df;
    private final TermState[][] states;
    private final Map<Long, Integer> otherDf = new HashMap<>();

    Lookup(IndexSearcher searcher, long[] shingles) throws IOException {
      this.leaves = searcher.getIndexReader().leaves();
      this.enums = new TermsEnum[leaves.size()];
      this.shingles = shingles;
      this.df = new int[shingles.length];
      this.states = new TermState[shingles.length][];
      // Only the lowest hash values are looked up at first (bottom-k, as in MinHash): a text
      // contained in this one shares its own lowest values with it with high probability, and the
      // other frequencies are looked up lazily, only if a candidate needs verifying.
      int k = Math.min(shingles.length, LOOKUP_SHINGLES);
      Arrays.fill(df, k, df.length, UNKNOWN);
      BytesRef[] terms = new BytesRef[k];
      for (int i = 0; i < k; i++) {
        terms[i] = ShingleTokens.term(shingles[i]);
        df[i] = pending.count(shingles[i]);
      }
      for (int l = 0; l < leaves.size(); l++) {
        Terms t = leaves.get(l).reader().terms(Fields.SHINGLES);
        if (t == null) {
          continue;
        }
        TermsEnum te = t.iterator();
        enums[l] = te;
        for (int i = 0; i < k; i++) {
          if (te.seekExact(terms[i])) {
            df[i] += te.docFreq();
            if (states[i] == null) {
              states[i] = new TermState[leaves.size()];
            }
            states[i][l] = te.termState();
          }
        }
      }
    }

    /** Returns the number of articles holding {@code h} (pending ones and deleted ones too). */
    int df(long h) throws IOException {
      int i = Arrays.binarySearch(shingles, h);
      if (i >= 0 && df[i] != UNKNOWN) {
        return df[i];
      }
      Integer known = otherDf.get(h);
      if (known != null) {
        return known;
      }
      int n = pending.count(h);
      BytesRef term = ShingleTokens.term(h);
      for (TermsEnum te : enums) {
        if (te != null && te.seekExact(term)) {
          n += te.docFreq();
        }
      }
      otherDf.put(h, n);
      return n;
    }

    /** Returns true if {@code h} is boilerplate; looks its frequency up if unknown. */
    boolean boilerplate(long h) {
      try {
        int d = df(h);
        if (d < settings.boilerplateStories()) {
          return false;
        }
        if (d >= ALWAYS_BOILERPLATE_DF) {
          return true;
        }
        Integer v = verdicts.get(h);
        if (v != null && (v == BOILERPLATE || v == d)) {
          return v == BOILERPLATE;
        }
        boolean boiler = spread(h) >= settings.boilerplateStories();
        verdicts.put(h, boiler ? BOILERPLATE : d);
        return boiler;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Returns true if {@code h} is known to be boilerplate without any new lookup: used for a
     * first, cheap measurement whose containment can only be lower than the exact one.
     */
    boolean knownBoilerplate(long h) {
      if (Arrays.binarySearch(shingles, h) >= 0) {
        return boilerplate(h);
      }
      Integer v = verdicts.get(h);
      return v != null && v == BOILERPLATE;
    }

    /** Counts the distinct stories holding {@code h}, stopping at the boilerplate limit. */
    private int spread(long h) throws IOException {
      int limit = settings.boilerplateStories();
      Set<Long> seen = new HashSet<>();
      for (Entry e : pending.with(h)) {
        seen.add(stories.resolve(e.story()));
      }
      BytesRef term = ShingleTokens.term(h);
      int docs = 0;
      for (int l = leaves.size() - 1; l >= 0 && seen.size() < limit; l--) {
        TermsEnum te = enums[l];
        if (te == null || !te.seekExact(term)) {
          continue;
        }
        PostingsEnum p = te.postings(null, PostingsEnum.NONE);
        NumericDocValues story = leaves.get(l).reader().getNumericDocValues(Fields.STORY_NUM);
        Bits live = leaves.get(l).reader().getLiveDocs();
        for (int doc = p.nextDoc();
            doc != DocIdSetIterator.NO_MORE_DOCS && seen.size() < limit;
            doc = p.nextDoc()) {
          if ((live == null || live.get(doc)) && story != null && story.advanceExact(doc)) {
            seen.add(stories.resolve(story.longValue()));
          }
          if (++docs >= MAX_SPREAD_DOCS) {
            return seen.size();
          }
        }
      }
      return seen.size();
    }

    /**
     * Returns up to {@link ClusterSettings#maxCandidates()} articles sharing the most rare
     * informative shingles with this one, published within the window of {@code time}, other than
     * {@code selfId}; most shared first.
     */
    List<Scored> candidates(String selfId, long time) throws IOException {
      Integer[] order = new Integer[shingles.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparingInt(i -> df[i]));
      Map<Long, Integer> counts = new HashMap<>();
      Map<Entry, Integer> pendingCounts = new HashMap<>();
      PostingsEnum reuse = null;
      int queried = 0;
      for (int i : order) {
        if (queried == QUERY_SHINGLES) {
          break;
        }
        if (df[i] <= 0 || boilerplate(shingles[i])) {
          continue;
        }
        queried++;
        for (Entry e : pending.with(shingles[i])) {
          pendingCounts.merge(e, 1, Integer::sum);
        }
        if (states[i] == null) {
          continue;
        }
        BytesRef term = ShingleTokens.term(shingles[i]);
        for (int l = 0; l < leaves.size(); l++) {
          if (states[i][l] == null) {
            continue;
          }
          enums[l].seekExact(term, states[i][l]);
          reuse = enums[l].postings(reuse, PostingsEnum.NONE);
          Bits live = leaves.get(l).reader().getLiveDocs();
          int n = 0;
          for (int doc = reuse.nextDoc();
              doc != DocIdSetIterator.NO_MORE_DOCS && n < MAX_POSTINGS;
              doc = reuse.nextDoc(), n++) {
            if (live == null || live.get(doc)) {
              counts.merge(((long) l << 32) | doc, 1, Integer::sum);
            }
          }
        }
      }
      List<Scored> out = new ArrayList<>();
      pendingCounts.forEach((e, c) -> out.add(new Scored(e, c)));
      out.addAll(load(counts));
      out.removeIf(
          s ->
              s.entry().id().equals(selfId)
                  || Math.abs(s.entry().time() - time) > settings.window().toMillis());
      out.sort(Comparator.comparingInt(Scored::hits).reversed());
      return out.size() > settings.maxCandidates() ? out.subList(0, settings.maxCandidates()) : out;
    }

    private List<Scored> load(Map<Long, Integer> counts) throws IOException {
      List<Map.Entry<Long, Integer>> top = new ArrayList<>(counts.entrySet());
      top.sort(Map.Entry.<Long, Integer>comparingByValue().reversed());
      int keep = Math.min(top.size(), settings.maxCandidates() * 2);
      List<Map.Entry<Long, Integer>> chosen = new ArrayList<>(top.subList(0, keep));
      chosen.sort(Map.Entry.comparingByKey());
      List<Scored> out = new ArrayList<>();
      int leaf = -1;
      BinaryDocValues values = null;
      for (Map.Entry<Long, Integer> c : chosen) {
        int l = (int) (c.getKey() >>> 32);
        int doc = (int) (long) c.getKey();
        if (l != leaf) {
          leaf = l;
          values = leaves.get(l).reader().getBinaryDocValues(Fields.FINGERPRINT);
        }
        if (values != null && values.advanceExact(doc)) {
          Entry e = Entry.decode(values.binaryValue());
          if (!pending.supersedes(e)) {
            out.add(new Scored(e, c.getValue()));
          }
        }
      }
      return out;
    }
  }

  /** Returns how many hashes two sorted arrays share, boilerplate included: an upper bound. */
  static int sharedCount(long[] x, long[] y) {
    int shared = 0;
    for (int i = 0, j = 0; i < x.length && j < y.length; ) {
      if (x[i] < y[j]) {
        i++;
      } else if (y[j] < x[i]) {
        j++;
      } else {
        shared++;
        i++;
        j++;
      }
    }
    return shared;
  }

  /** Is a candidate with the number of queried shingles it shares. */
  record Scored(Entry entry, int hits) {}
}
