package org.feedfold.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.feedfold.cluster.ArticleEntry;
import org.feedfold.cluster.ArticleHistory;
import org.feedfold.cluster.Claimant;
import org.feedfold.cluster.StoryState;
import org.feedfold.cluster.StoryStore;
import org.feedfold.model.ArticleInput;

/**
 * Is the Lucene index's side of story assignment: what {@link org.feedfold.cluster.StoryAssigner}
 * reads and writes while {@link ArticleIndex#add} assigns one article.
 *
 * <p>Reads the searcher of the last refresh plus what was staged since ({@link Pending} by id and
 * canonical key, {@link Stories} for story states and redirects); candidates come from the in-heap
 * {@link ShingleWindow}. Writes go to the index writer and to those heap mirrors. Made for one add,
 * with the write lock held; not thread-safe.
 */
final class IndexedStories implements StoryStore {
  private final IndexWriter writer;
  private final IndexSearcher searcher;
  private final Stories stories;
  private final Pending pending;
  private final ShingleWindow window;
  private final long now;

  IndexedStories(
      IndexWriter writer,
      IndexSearcher searcher,
      Stories stories,
      Pending pending,
      ShingleWindow window,
      long now) {
    this.writer = writer;
    this.searcher = searcher;
    this.stories = stories;
    this.pending = pending;
    this.window = window;
    this.now = now;
  }

  /** Returns the stored version of the article with this id, staged or committed, or null. */
  @Override
  public ArticleEntry byId(String id) throws IOException {
    ArticleEntry e = pending.byId(id);
    if (e != null) {
      return e;
    }
    Hit h = indexed(Fields.idTerm(id));
    return h == null ? null : h.entry();
  }

  /**
   * Returns the stored article that last claimed {@code a}'s canonical key ({@link
   * Fields#canonicalKey}: its canonical URL, or its link, within its feed), or {@code null}.
   */
  @Override
  public Claimant byCanonical(ArticleInput a) throws IOException {
    String key = Fields.canonicalKey(a);
    if (key == null) {
      return null;
    }
    Pending.Claim c = pending.byCanonical(key);
    if (c != null && pending.byId(c.id()) != null) {
      return new Claimant(pending.byId(c.id()), c.url(), c.textHash());
    }
    Hit h = indexed(new Term(Fields.CANONICAL, key));
    if (h == null) {
      return null;
    }
    Document d = h.reader().storedFields().document(h.doc(), Set.of(Fields.URL, Fields.TEXT));
    String text = d.get(Fields.TEXT);
    return new Claimant(h.entry(), d.get(Fields.URL), Claimant.textHash(text == null ? "" : text));
  }

  /**
   * Returns a stored article of any feed with {@code a}'s page and headline ({@link PageKey}), or
   * {@code null}.
   */
  @Override
  public ArticleEntry byPage(ArticleInput a) throws IOException {
    return byPage(PageKey.of(a.url(), a.title()));
  }

  /** Returns a stored article with this {@link PageKey}, or {@code null} (also for a null key). */
  ArticleEntry byPage(String key) throws IOException {
    if (key == null) {
      return null;
    }
    ArticleEntry e = pending.byPage(key);
    if (e != null) {
      return e;
    }
    Hit h = indexed(new Term(Fields.PAGE, key));
    return h == null ? null : h.entry();
  }

  /** Loads the window of {@code time} into the {@link ShingleWindow} if needed, then looks up. */
  @Override
  public Candidates candidates(int[] shingles, long time) throws IOException {
    if (window.missing(time)) {
      window.cover(time, searcher, pending);
    }
    ShingleWindow.Lookup lookup = window.lookup(shingles, time);
    return new Candidates() {
      @Override
      public List<ArticleEntry> candidates(String selfId) {
        List<ShingleWindow.Scored> scored = lookup.candidates(selfId);
        List<ArticleEntry> out = new ArrayList<>(scored.size());
        for (ShingleWindow.Scored s : scored) {
          out.add(s.entry());
        }
        return out;
      }

      @Override
      public boolean boilerplate(int h) {
        return lookup.boilerplate(h);
      }
    };
  }

  @Override
  public long resolve(long story) {
    return stories.resolve(story);
  }

  @Override
  public StoryState story(long id) throws IOException {
    return stories.state(id, searcher);
  }

  @Override
  public void redirect(long from, long to, String via) throws IOException {
    stories.redirect(from, to, via, writer);
  }

  /**
   * Adds the article's document, or updates the stored one keeping its history ({@link Versions});
   * then records it in {@link Pending} and the {@link ShingleWindow}.
   */
  @Override
  public boolean putArticle(ArticleWrite w) throws IOException {
    ArticleInput a = w.article();
    ArticleEntry entry = w.entry();
    Document old = w.update() ? storedArticle(a.id()) : null;
    ArticleHistory.History history =
        old == null ? ArticleHistory.History.NONE : Versions.next(old, a, now);
    Document doc = Fields.article(a, entry, w.tokens(), w.matched(), w.evidence());
    Versions.write(doc, history);
    // New articles are added, not updated: buffered delete terms make every near-real-time
    // refresh slower.
    if (w.update()) {
      writer.updateDocument(Fields.idTerm(a.id()), doc);
    } else {
      writer.addDocument(doc);
    }
    pending.add(
        entry,
        Fields.canonicalKey(a),
        PageKey.of(a.url(), a.title()),
        a.url(),
        Claimant.textHash(a.text()));
    window.add(entry);
    return old == null || Versions.changed(old, a);
  }

  @Override
  public void putStory(StoryState state, boolean isNew) {
    stories.put(state, isNew);
  }

  /** Returns the stored fields {@link Versions} reads of a live article, or {@code null}. */
  private Document storedArticle(String id) throws IOException {
    Hit h = indexed(Fields.idTerm(id));
    return h == null || pending.byId(id) != null
        ? null
        : h.reader().storedFields().document(h.doc(), Versions.FIELDS);
  }

  /** Is one live article document found by a term. */
  private record Hit(LeafReader reader, int doc, ArticleEntry entry) {}

  /**
   * Returns the entry of the live article holding {@code term}, or {@code null}. Seeks the term in
   * each segment directly (a Bloom filter answers most misses) rather than running a query: this
   * runs twice for every added article.
   */
  private Hit indexed(Term term) throws IOException {
    PostingsEnum postings = null;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Terms terms = leaf.reader().terms(term.field());
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      if (!te.seekExact(term.bytes())) {
        continue;
      }
      postings = te.postings(postings, PostingsEnum.NONE);
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = postings.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = postings.nextDoc()) {
        BinaryDocValues v = leaf.reader().getBinaryDocValues(Fields.FINGERPRINT);
        if ((live == null || live.get(doc)) && v != null && v.advanceExact(doc)) {
          ArticleEntry e = EntryCodec.decode(v.binaryValue());
          return new Hit(leaf.reader(), doc, pending.supersedes(e) ? pending.byId(e.id()) : e);
        }
      }
    }
    return null;
  }
}
