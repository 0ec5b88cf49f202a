package org.feedfold.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.feedfold.cluster.Fingerprinter;

/**
 * Highlights the best passage of each hit's text for a query, from texts the caller has already
 * read: Lucene's {@link UnifiedHighlighter} would otherwise read each hit's stored fields a second
 * time (decompressing its block again). A snippet is HTML: the text escaped, matches in {@code
 * <b>}, an ellipsis where the passage does not end the text.
 *
 * <p>At most the first {@link Fingerprinter#MAX_CHARS} characters of a text are highlighted, as
 * many as the clustering reads. Not thread-safe; make one per search.
 */
final class Snippets {
  private Snippets() {}

  /**
   * Returns the snippet of each of {@code top}'s hits of {@code q} in field {@code field}, in
   * order; {@code texts[i]} is hit {@code i}'s stored text ({@code null} if it has none, which
   * gives a {@code null} snippet).
   */
  static String[] highlight(
      IndexSearcher searcher, Analyzer analyzer, String field, Query q, TopDocs top, String[] texts)
      throws IOException {
    Map<Integer, String> byDoc = new HashMap<>();
    for (int i = 0; i < texts.length; i++) {
      byDoc.put(top.scoreDocs[i].doc, texts[i]);
    }
    UnifiedHighlighter.Builder b =
        UnifiedHighlighter.builder(searcher, analyzer)
            .withMaxLength(Fingerprinter.MAX_CHARS)
            // The text is plain text from strangers: escape it, so a snippet is safe HTML.
            .withFormatter(new DefaultPassageFormatter("<b>", "</b>", "… ", true));
    return new Preloaded(b, byDoc, Fingerprinter.MAX_CHARS).highlight(field, q, top, 1);
  }

  /** Is a highlighter that takes each document's text from a map instead of stored fields. */
  private static final class Preloaded extends UnifiedHighlighter {
    private final Map<Integer, String> texts;
    private final int maxLength;

    Preloaded(Builder b, Map<Integer, String> texts, int maxLength) {
      super(b);
      this.texts = texts;
      this.maxLength = maxLength;
    }

    @Override
    protected List<CharSequence[]> loadFieldValues(
        String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold) throws IOException {
      List<CharSequence[]> out = new ArrayList<>();
      for (int doc = docIter.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = docIter.nextDoc()) {
        String text = texts.get(doc);
        CharSequence[] values = new CharSequence[fields.length];
        for (int f = 0; f < fields.length; f++) {
          // As Lucene's own loading does: the first maxLength characters.
          values[f] = text == null ? null : text.substring(0, Math.min(maxLength, text.length()));
        }
        out.add(values);
      }
      return out;
    }
  }
}
