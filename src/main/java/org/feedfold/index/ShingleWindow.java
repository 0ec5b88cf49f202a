package org.feedfold.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.feedfold.cluster.ArticleEntry;
import org.feedfold.cluster.ClusterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the articles an added article may republish among those published within the clustering
 * window of it, and tells which of its shingles are boilerplate.
 *
 * <p>Holds in heap the fingerprints of the most recently needed articles, by time bucket (a seventh
 * of {@link ClusterSettings#window()}), with a hash table from each sampled shingle to the articles
 * holding it: up to {@link ClusterSettings#windowArticles()} articles, and always every article
 * published within the window of the one being added. Buckets are loaded from the index's
 * fingerprint doc values (the newest ones when the index is opened, others when an article needs
 * them) and dropped least recently needed first. The index stays the only durable store (this is
 * rebuilt from it after a restart or a crash) and holds no postings per shingle: writing those cost
 * more than indexing the article text itself.
 *
 * <p>A shingle is boilerplate when held articles of {@link ClusterSettings#boilerplateStories()}
 * different stories have it (site templates, footers, stock phrases), however many articles do: a
 * wire story copied a hundred times stays one story and its shingles stay informative. All held
 * articles count, not only those within the window, so that the template of a site that publishes a
 * few stories a month is still known. Not thread-safe; guarded by the {@link ArticleIndex} monitor.
 */
final class ShingleWindow {
  /** Query at most this many shingles per article, the rarest first. */
  static final int QUERY_SHINGLES = 16;

  /** Read at most this many articles per queried shingle, or to measure a shingle's spread. */
  static final int MAX_POSTINGS = 1024;

  /** A boilerplate shingle held by at most this many articles may still name a copy. */
  static final int RARE_DF = 16;

  /** Count a shingle's articles up to this many; rarer shingles are queried first. */
  static final int MAX_DF = 64;

  private static final int EMPTY = -1;
  private static final long DEAD = Long.MIN_VALUE;

  private final ClusterSettings settings;
  private final Stories stories;
  private final long window;
  private final long bucketMillis;

  /** The held version of each article, by id; an entry not found here is superseded or dropped. */
  private final Map<String, ArticleEntry> byId = new HashMap<>();

  /** The loaded buckets and their articles, least recently needed first. */
  private final LinkedHashMap<Long, List<ArticleEntry>> buckets =
      new LinkedHashMap<>(64, 0.75f, true);

  /** Every entry put in the table since it was last rebuilt, by entry number. */
  private ArticleEntry[] entries = new ArticleEntry[1024];

  /** Each entry's time, or DEAD once it is superseded or dropped: read on every chain walk. */
  private long[] entryTime = new long[1024];

  /** The number of each held entry (identity: two versions of an article are equal records). */
  private final Map<ArticleEntry, Integer> numbers = new IdentityHashMap<>();

  private int entryCount;

  /**
   * Slots of shingle and newest posting side by side (8 bytes, one cache line per probe), linear
   * probing; a posting of EMPTY marks a free slot.
   */
  private int[] table = emptyTable(1 << 12);

  private int used;

  /**
   * Postings, two ints each side by side: the entry number, and the next older posting of the same
   * shingle (EMPTY ends the chain).
   */
  private int[] chain = new int[1 << 15];

  private int postings;
  private boolean overBudget;

  ShingleWindow(ClusterSettings settings, Stories stories) {
    this.settings = settings;
    this.stories = stories;
    this.window = settings.window().toMillis();
    this.bucketMillis = Math.max(1, window / 7);
  }

  /** Returns true if some article published within the window of {@code time} is not held. */
  boolean missing(long time) {
    for (long b = bucket(time - window); b <= bucket(time + window); b++) {
      if (!buckets.containsKey(b)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Holds every article published within the window of {@code time}, loading what is missing from
   * {@code searcher} and {@code pending} (the articles added since the searcher was opened); then
   * drops the buckets needed longest ago while more than the budget of articles is held.
   */
  void cover(long time, IndexSearcher searcher, Pending pending) throws IOException {
    long first = bucket(time - window);
    long last = bucket(time + window);
    for (long b = first; b <= last; b++) {
      if (buckets.get(b) == null) {
        load(b, searcher, pending);
      }
    }
    Iterator<Map.Entry<Long, List<ArticleEntry>>> eldest = buckets.entrySet().iterator();
    while (byId.size() > settings.windowArticles() && eldest.hasNext()) {
      Map.Entry<Long, List<ArticleEntry>> b = eldest.next();
      if (b.getKey() < first || b.getKey() > last) {
        for (ArticleEntry e : b.getValue()) {
          drop(e);
        }
        eldest.remove();
      }
    }
    if (byId.size() > settings.windowArticles() && !overBudget) {
      Logger log = log();
      log.warn(
          "{} articles were published within {} of one another, more than"
              + " cluster.window-articles={} allows; holding them all (raise the heap and the"
              + " setting, or shorten cluster.window)",
          byId.size(),
          settings.window(),
          settings.windowArticles());
    }
    overBudget = byId.size() > settings.windowArticles();
    // Dropped articles' postings cost table space until a rebuild; a rebuild costs about as much as
    // adding the held articles again, so it waits until a third of the entries are dropped.
    if (entryCount > byId.size() + byId.size() / 2 + 1024) {
      rebuild();
    }
  }

  /**
   * Loads the newest buckets of the index, newest first, until the budget of articles is reached,
   * so that a reopened index judges boilerplate as the process that wrote it did.
   */
  void preload(IndexSearcher searcher, Pending pending) throws IOException {
    // Articles per bucket, from the time doc values (a few milliseconds per million articles).
    TreeMap<Long, Integer> sizes = new TreeMap<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      NumericDocValues times = leaf.reader().getNumericDocValues(Fields.TIME);
      Bits live = leaf.reader().getLiveDocs();
      if (times == null) {
        continue;
      }
      for (int doc = times.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = times.nextDoc()) {
        if (live == null || live.get(doc)) {
          sizes.merge(bucket(times.longValue()), 1, Integer::sum);
        }
      }
    }
    int total = 0;
    for (Map.Entry<Long, Integer> b : sizes.descendingMap().entrySet()) {
      if (total + b.getValue() > settings.windowArticles()) {
        break;
      }
      total += b.getValue();
      load(b.getKey(), searcher, pending);
    }
  }

  /** Holds {@code e}, replacing an earlier version of the same article; its bucket is held. */
  void add(ArticleEntry e) {
    List<ArticleEntry> bucket = buckets.get(bucket(e.time()));
    if (bucket == null) {
      throw new IllegalStateException("bucket of " + e.id() + " not held; call cover first");
    }
    bucket.add(e);
    ArticleEntry old = byId.get(e.id());
    if (old != null) {
      drop(old);
    }
    byId.put(e.id(), e);
    put(e);
  }

  /** Returns the number of articles held. */
  int size() {
    return byId.size();
  }

  /** Starts the lookups for one article with these (sorted) shingles, published at {@code time}. */
  Lookup lookup(int[] shingles, long time) {
    return new Lookup(shingles, time);
  }

  /** Holds the per-article state of candidate retrieval: frequencies and boilerplate verdicts. */
  final class Lookup {
    private final int[] shingles;
    private final long time;

    /** The frequency of each of this article's shingles, computed once. */
    private final int[] ownDf;

    /** The newest posting of each of this article's shingles. */
    private final int[] ownHead;

    /** Frequencies of other shingles (the candidates' own), computed when first needed. */
    private final Map<Integer, Integer> otherDf = new HashMap<>();

    private final Map<Integer, Boolean> boilerplate = new HashMap<>();

    private Lookup(int[] shingles, long time) {
      this.shingles = shingles;
      this.time = time;
      this.ownDf = new int[shingles.length];
      this.ownHead = new int[shingles.length];
      // Probe every slot first, then walk the chains: the probes are independent loads, so the
      // processor overlaps their cache misses instead of taking them one after another.
      for (int i = 0; i < shingles.length; i++) {
        ownHead[i] = head(shingles[i]);
      }
      for (int i = 0; i < shingles.length; i++) {
        ownDf[i] = ownHead[i] == EMPTY ? 0 : countFrom(ownHead[i]);
      }
    }

    /** Returns how many held articles hold {@code h}, up to {@link #MAX_DF}. */
    int df(int h) {
      int i = Arrays.binarySearch(shingles, h);
      return i >= 0 ? ownDf[i] : otherDf.computeIfAbsent(h, x -> countFrom(head(x)));
    }

    private int countFrom(int head) {
      int n = 0;
      for (int p = head; p != EMPTY && n < MAX_DF; p = chain[2 * p + 1]) {
        if (entryTime[chain[2 * p]] != DEAD) {
          n++;
        }
      }
      return n;
    }

    /** Returns true if {@code h} is boilerplate: held by articles of enough different stories. */
    boolean boilerplate(int h) {
      if (df(h) < settings.boilerplateStories()) {
        return false;
      }
      return boilerplate.computeIfAbsent(h, this::spread);
    }

    private boolean spread(int h) {
      // Story numbers as first assigned, then resolved through merges only when new: a shingle of
      // a wire story held by many copies costs one redirect lookup, not one per copy.
      int limit = settings.boilerplateStories();
      long[] raw = new long[limit * 4];
      int rawCount = 0;
      Set<Long> resolved = new HashSet<>();
      int walked = 0;
      for (int p = head(h);
          p != EMPTY && resolved.size() < limit && walked++ < MAX_POSTINGS;
          p = chain[2 * p + 1]) {
        if (entryTime[chain[2 * p]] == DEAD) {
          continue;
        }
        long story = entries[chain[2 * p]].story();
        boolean known = false;
        for (int i = 0; i < rawCount && !known; i++) {
          known = raw[i] == story;
        }
        if (!known) {
          if (rawCount == raw.length) {
            raw = Arrays.copyOf(raw, rawCount * 2);
          }
          raw[rawCount++] = story;
          resolved.add(stories.resolve(story));
        }
      }
      return resolved.size() >= limit;
    }

    /**
     * Returns up to {@link ClusterSettings#maxCandidates()} articles sharing the most rare
     * informative shingles with this one, published within the window, other than {@code selfId};
     * most shared first, ties in the order they were added.
     */
    List<Scored> candidates(String selfId) {
      // Rarest first, ties in hash order: frequency in the high half, index in the low half.
      long[] order = new long[shingles.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = (long) ownDf[i] << 32 | i;
      }
      Arrays.sort(order);
      Map<Integer, Integer> counts = new LinkedHashMap<>();
      int queried = query(order, true, QUERY_SHINGLES, selfId, counts);
      if (queried < QUERY_SHINGLES) {
        // Fewer informative shingles than the budget (a short text, or one in common phrases):
        // its rarest boilerplate ones still name the articles that may be its copies, for
        // StoryMatcher.nearCopy to judge.
        query(order, false, QUERY_SHINGLES - queried, selfId, counts);
      }
      List<Scored> out = new ArrayList<>(counts.size());
      counts.forEach((number, hits) -> out.add(new Scored(entries[number], hits)));
      out.sort((x, y) -> Integer.compare(y.hits(), x.hits()));
      return out.size() > settings.maxCandidates() ? out.subList(0, settings.maxCandidates()) : out;
    }

    /**
     * Counts, per article within the window, how many of up to {@link #QUERY_SHINGLES} of these
     * shingles (in {@code order}, rarest first) it holds, skipping boilerplate if {@code
     * informative}; returns how many shingles were queried.
     */
    private int query(
        long[] order,
        boolean informative,
        int budget,
        String selfId,
        Map<Integer, Integer> counts) {
      int queried = 0;
      for (long o : order) {
        int i = (int) o;
        if (queried == budget || (!informative && ownDf[i] > RARE_DF)) {
          break;
        }
        if (ownDf[i] == 0 || boilerplate(shingles[i]) == informative) {
          continue;
        }
        queried++;
        int n = 0;
        for (int p = ownHead[i]; p != EMPTY && n < MAX_POSTINGS; p = chain[2 * p + 1], n++) {
          if (near(chain[2 * p]) && !entries[chain[2 * p]].id().equals(selfId)) {
            counts.merge(chain[2 * p], 1, Integer::sum);
          }
        }
      }
      return queried;
    }

    /** Returns true if entry {@code number} is held (not superseded) and within the window. */
    private boolean near(int number) {
      long t = entryTime[number];
      return t != DEAD && Math.abs(t - time) <= window;
    }
  }

  /** Is a candidate with the number of queried shingles it shares. */
  record Scored(ArticleEntry entry, int hits) {}

  private long bucket(long time) {
    return Math.floorDiv(time, bucketMillis);
  }

  /** Forgets {@code e}: its postings stay in the table, marked dead, until the next rebuild. */
  private void drop(ArticleEntry e) {
    if (byId.remove(e.id(), e)) {
      Integer number = numbers.remove(e);
      if (number != null) {
        entryTime[number] = DEAD;
        entries[number] = null; // its postings are skipped by time until the next rebuild
      }
    }
  }

  /**
   * Loads the articles of one bucket from the index and from the pending articles the searcher does
   * not see yet (an article already held stays as held).
   */
  private void load(long b, IndexSearcher searcher, Pending pending) throws IOException {
    List<ArticleEntry> loaded = new ArrayList<>();
    long start = b * bucketMillis;
    Query range = LongPoint.newRangeQuery(Fields.TIME, start, start + bucketMillis - 1);
    Weight weight = searcher.createWeight(searcher.rewrite(range), ScoreMode.COMPLETE_NO_SCORES, 1);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = weight.scorer(leaf);
      BinaryDocValues values = leaf.reader().getBinaryDocValues(Fields.FINGERPRINT);
      if (scorer == null || values == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      DocIdSetIterator docs = scorer.iterator();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if ((live == null || live.get(doc)) && values.advanceExact(doc)) {
          ArticleEntry e = EntryCodec.decode(values.binaryValue());
          if (!pending.supersedes(e)) {
            loaded.add(e);
          }
        }
      }
    }
    for (ArticleEntry e : pending.entries()) {
      if (bucket(e.time()) == b) {
        loaded.add(e);
      }
    }
    // Merges reorder documents; time order keeps the chains the same after every reload.
    loaded.sort(Comparator.comparingLong(ArticleEntry::time).thenComparing(ArticleEntry::id));
    List<ArticleEntry> bucket = new ArrayList<>(loaded.size());
    for (ArticleEntry e : loaded) {
      if (!byId.containsKey(e.id())) {
        bucket.add(e);
        byId.put(e.id(), e);
        put(e);
      }
    }
    buckets.put(b, bucket);
  }

  /** Adds {@code e}'s postings, newest first in each chain. */
  private void put(ArticleEntry e) {
    if (entryCount == entries.length) {
      entries = Arrays.copyOf(entries, entryCount * 2);
      entryTime = Arrays.copyOf(entryTime, entryCount * 2);
    }
    int number = entryCount++;
    entries[number] = e;
    entryTime[number] = e.time();
    numbers.put(e, number);
    for (int h : e.fingerprint().shingles()) {
      if (8 * (used + 1) > 3 * table.length) {
        grow();
      }
      int slot = slot(h);
      if (table[slot + 1] == EMPTY) {
        table[slot] = h;
        used++;
      }
      if (2 * postings == chain.length) {
        chain = Arrays.copyOf(chain, chain.length * 2);
      }
      chain[2 * postings] = number;
      chain[2 * postings + 1] = table[slot + 1];
      table[slot + 1] = postings++;
    }
  }

  /** Rebuilds the table from the held entries, dropping superseded and dropped ones. */
  private void rebuild() {
    ArticleEntry[] old = Arrays.copyOf(entries, entryCount);
    long held = 0;
    for (ArticleEntry e : byId.values()) {
      held += e.fingerprint().shingles().length;
    }
    entries = new ArticleEntry[Math.max(1024, byId.size() + byId.size() / 2)];
    entryTime = new long[entries.length];
    numbers.clear();
    entryCount = 0;
    // Room for every held shingle below the load limit, as a power of two.
    table = emptyTable(Integer.highestOneBit((int) Math.max(1 << 12, held * 4 / 3)) << 1);
    used = 0;
    postings = 0;
    int capacity = (int) Math.max(1 << 14, held + held / 4);
    chain = new int[2 * capacity];
    for (ArticleEntry e : old) {
      if (e != null && byId.get(e.id()) == e) {
        put(e);
      }
    }
  }

  /** Returns the newest posting of {@code h}, or EMPTY. */
  private int head(int h) {
    return table[slot(h) + 1];
  }

  /** Returns the index in {@link #table} of the slot holding {@code h}, or of the free one. */
  private int slot(int h) {
    int mask = table.length / 2 - 1;
    int i = mix(h) & mask;
    while (table[2 * i + 1] != EMPTY && table[2 * i] != h) {
      i = (i + 1) & mask;
    }
    return 2 * i;
  }

  private void grow() {
    int[] old = table;
    table = emptyTable(old.length / 2 * 2);
    for (int i = 0; i < old.length; i += 2) {
      if (old[i + 1] != EMPTY) {
        int slot = slot(old[i]);
        table[slot] = old[i];
        table[slot + 1] = old[i + 1];
      }
    }
  }

  /** Spreads the bits, so that slot numbers do not depend on how shingles were chosen. */
  private static int mix(int h) {
    int x = h * 0x9E3779B1;
    return x ^ (x >>> 15);
  }

  /** Returns a table of {@code slots} free slots (a power of two). */
  private static int[] emptyTable(int slots) {
    int[] t = new int[2 * slots];
    for (int i = 1; i < t.length; i += 2) {
      t[i] = EMPTY;
    }
    return t;
  }

  /**
   * Returns this class's logger, looked up only to log: a static field would start Logback in every
   * command that opens the index, though most log nothing (issue 11, start time).
   */
  private static Logger log() {
    return LoggerFactory.getLogger(ShingleWindow.class);
  }
}
