package org.feedfold.ingest;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.feedfold.index.Assignment;
import org.feedfold.model.ArticleInput;
import org.feedfold.store.Store;

/**
 * Answers, for the entries of one fetched document, whether each is known (stored by id, or its
 * page carried by another feed of its outlet) and whether adding its article would be an identical
 * re-fetch, from one {@link Store#known} answer asked before the first add (issue 13: one request
 * per document on SolrCloud, where two per entry were).
 *
 * <p>An answer stays true to the single lookups it replaces as the document's own adds go on: an id
 * stored stays stored (adds never remove an article), but once an add of this document wrote
 * something, any other answer is asked again one by one ({@link Store#contains}, {@link
 * Store#containsPage}), since that write may have stored the id or the page, or moved a page away
 * from the article that carried it; and a hash is not used for an article this document wrote.
 *
 * <p>For one document on one thread; not thread-safe.
 */
final class DocumentLookup {
  private final Store store;
  private final Store.Known known;
  private final Set<String> written = new HashSet<>();

  private DocumentLookup(Store store, Store.Known known) {
    this.store = store;
    this.known = known;
  }

  /** Asks {@code store} about {@code entries} at once. */
  static DocumentLookup ask(Store store, List<Store.EntryKey> entries) throws IOException {
    return new DocumentLookup(store, store.known(entries));
  }

  /** Returns true if the entry is stored by id, or (asked with a link) its page is carried. */
  boolean known(Store.EntryKey entry) throws IOException {
    if (known.stored(entry.articleId())) {
      return true;
    }
    if (written.isEmpty()) {
      return known.carried(entry);
    }
    return store.contains(entry.articleId())
        || (entry.link() != null && store.containsPage(entry.link(), entry.title()));
  }

  /**
   * Returns true if adding {@code article} would write nothing and report neither created nor
   * changed: the store gave the hash of the article under its id, this document has not written
   * that article since, and the hash is the same ({@link Store.Known#unchanged}).
   */
  boolean unchanged(ArticleInput article) {
    return !written.contains(article.id()) && known.unchanged(article);
  }

  /** Notes what one add of this document did. */
  void added(Assignment a) {
    if (a.created() || a.changed()) {
      written.add(a.articleId());
    }
  }
}
