package org.feedfold.index;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.feedfold.cluster.StoryState;

/**
 * Keeps story states and the union-find of merged stories.
 *
 * <p>Both live in the index (a story document per story, a redirect document per merge). Redirects
 * are also held in heap, loaded at open: there is one per merge, far fewer than articles. States
 * changed since the last refresh are held in heap and written by {@link #flush} just before the
 * next refresh or commit, so a story that gains several members between refreshes is written once.
 * Not thread-safe; guarded by the {@link ArticleIndex} write lock (reads use {@link #snapshot()}).
 */
final class Stories {
  private final Redirects redirects = new Redirects();
  private final Map<Long, StoryState> pending = new HashMap<>();

  /** The copy of {@link #redirects} last handed to reads; {@code null} after a merge. */
  private Redirects snapshot;

  /** Pending stories with no document in the writer yet: added, not updated, at flush. */
  private final Set<Long> fresh = new HashSet<>();

  /** Loads every redirect document. */
  void load(IndexSearcher searcher) throws IOException {
    TopDocs all =
        searcher.search(new TermQuery(Fields.typeTerm(Fields.REDIRECT)), Integer.MAX_VALUE);
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc sd : all.scoreDocs) {
      Document d = stored.document(sd.doc);
      remember(
          Fields.parseStoryId(d.get(Fields.FROM)).orElseThrow(),
          Fields.parseStoryId(d.get(Fields.TO)).orElseThrow(),
          d.get(Fields.VIA));
    }
  }

  /** Returns the story {@code id} was merged into, or {@code id} itself. */
  long resolve(long id) {
    return redirects.resolve(id);
  }

  /** Returns an immutable copy of the redirects for reads, taken again only after a merge. */
  Redirects snapshot() {
    if (snapshot == null) {
      snapshot = redirects.copy();
    }
    return snapshot;
  }

  /** Returns the state of a (resolved) story, or {@code null} if unknown. */
  StoryState state(long id, IndexSearcher searcher) throws IOException {
    StoryState s = pending.get(id);
    return s != null ? s : stored(id, searcher);
  }

  /** Returns the state of a (resolved) story as {@code searcher} sees it, or {@code null}. */
  static StoryState stored(long id, IndexSearcher searcher) throws IOException {
    TopDocs top = searcher.search(new TermQuery(new Term(Fields.SID, Fields.storyId(id))), 1);
    if (top.scoreDocs.length == 0) {
      return null;
    }
    return Fields.story(searcher.storedFields().document(top.scoreDocs[0].doc));
  }

  /** Stages a story's state; {@code isNew} says the writer holds no document of it yet. */
  void put(StoryState s, boolean isNew) {
    if (isNew) {
      fresh.add(s.id());
    }
    pending.put(s.id(), s);
  }

  /**
   * Records that {@code from} merged into {@code to} and drops {@code from}'s story document; the
   * redirect is written at once, as merges are rare and must survive the next commit.
   */
  void redirect(long from, long to, String via, IndexWriter writer) throws IOException {
    if (!fresh.remove(from)) {
      writer.deleteDocuments(new Term(Fields.SID, Fields.storyId(from)));
    }
    writer.addDocument(Fields.redirect(from, to, via));
    pending.remove(from);
    remember(from, to, via);
  }

  /** Writes every staged story state to {@code writer} and forgets them. */
  void flush(IndexWriter writer) throws IOException {
    for (StoryState s : pending.values()) {
      if (fresh.contains(s.id())) {
        writer.addDocument(Fields.story(s));
      } else {
        writer.updateDocument(new Term(Fields.SID, Fields.storyId(s.id())), Fields.story(s));
      }
    }
    pending.clear();
    fresh.clear();
  }

  int merges() {
    return redirects.size();
  }

  private void remember(long from, long to, String via) {
    redirects.remember(from, to, via);
    snapshot = null;
  }
}
