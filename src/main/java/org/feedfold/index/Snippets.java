package org.feedfold.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.FieldHighlighter;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.TokenStreamOffsetStrategy;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import org.feedfold.cluster.Fingerprinter;

/**
 * Highlights the best passage of each hit's text for a query, from texts the caller has already
 * read: Lucene's {@link UnifiedHighlighter} would otherwise read each hit's stored fields a second
 * time (decompressing its block again). A snippet is HTML: the text escaped, matches in {@code
 * <b>}, an ellipsis where the passage does not end the text.
 *
 * <p>At most the first {@link Fingerprinter#MAX_CHARS} characters of a text are highlighted, as
 * many as the clustering reads. Not thread-safe; make one per search.
 *
 * <p>The highlighter analyses each hit's text into a one-document in-memory index and asks the
 * query where it matches there. By default it overlays that index on the hit's segment, so that
 * clauses on other fields ({@code title:}, {@code source:}) are answered from the index: for every
 * hit that looks up each of the query's terms in the segment's terms dictionary again. When no
 * clause on another field can decide whether a text clause counts ({@link #textDecides}), the
 * matches in the text are the same without the segment, and each text is highlighted on its own,
 * with one field highlighter for all: the same snippets for less work (docs/PERFORMANCE.md).
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
    if (textDecides(q, field)) {
      return highlightAlone(analyzer, field, q, texts);
    }
    return highlightWithIndex(searcher, analyzer, field, q, top, texts);
  }

  /** Is {@link #highlight} with the text's in-memory index overlaid on the hit's segment. */
  static String[] highlightWithIndex(
      IndexSearcher searcher, Analyzer analyzer, String field, Query q, TopDocs top, String[] texts)
      throws IOException {
    Map<Integer, String> byDoc = new HashMap<>();
    for (int i = 0; i < texts.length; i++) {
      byDoc.put(top.scoreDocs[i].doc, texts[i]);
    }
    return new Preloaded(configure(UnifiedHighlighter.builder(searcher, analyzer)), byDoc)
        .highlight(field, q, top, 1);
  }

  /** Returns the builder with what every snippet shares: its length limit and its format. */
  private static UnifiedHighlighter.Builder configure(UnifiedHighlighter.Builder b) {
    return b.withMaxLength(Fingerprinter.MAX_CHARS)
        .withScorer(new LeanPassageScorer())
        // The text is plain text from strangers: escape it, so a snippet is safe HTML.
        .withFormatter(new DefaultPassageFormatter("<b>", "</b>", "… ", true));
  }

  /**
   * Highlights each text on its own, without the index, with one highlighter for them all; when the
   * query is a plain disjunction of terms ({@link #termsAnywhere}), by matching the text's tokens
   * against its terms instead of indexing each text in memory.
   */
  private static String[] highlightAlone(Analyzer analyzer, String field, Query q, String[] texts)
      throws IOException {
    UnifiedHighlighter.Builder b = configure(UnifiedHighlighter.builderWithoutSearcher(analyzer));
    boolean plain = termsAnywhere(q, field);
    if (plain) {
      b.withWeightMatches(false).withPassageRelevancyOverSpeed(false);
    }
    FieldHighlighter h = new Alone(b, plain).of(field, q);
    String[] out = new String[texts.length];
    for (int i = 0; i < texts.length; i++) {
      if (texts[i] != null) {
        out[i] = (String) h.highlightFieldForDoc(null, -1, truncated(texts[i]));
      }
    }
    return out;
  }

  /** Returns the first {@link Fingerprinter#MAX_CHARS} characters, as Lucene's loading does. */
  private static String truncated(String text) {
    return text.substring(0, Math.min(Fingerprinter.MAX_CHARS, text.length()));
  }

  /**
   * Says whether only clauses on {@code field} can decide whether a match in {@code field} counts
   * for {@code q}: no clause on another field (or on none) is required, prohibited, or one of
   * several optional clauses of which more than one must match, here or in an enclosing query.
   * Optional clauses on other fields never change which of a text's terms match, nor do the
   * prohibited clauses of {@code q} itself, which no hit matches; a query it does not know inside a
   * required or prohibited clause answers {@code false}.
   */
  static boolean textDecides(Query q, String field) {
    return textDecides(q, field, false, true);
  }

  /**
   * Is {@link #textDecides(Query, String)} of a clause, {@code required} if it or an enclosing
   * clause is required or prohibited, {@code root} if it is the query itself: a hit matches no
   * prohibited clause of the query itself, in the index nor in the in-memory one, so those cannot
   * change anything.
   */
  private static boolean textDecides(Query q, String field, boolean required, boolean root) {
    if (q instanceof BoostQuery b) {
      return textDecides(b.getQuery(), field, required, root);
    }
    if (q instanceof ConstantScoreQuery c) {
      return textDecides(c.getQuery(), field, required, root);
    }
    if (q instanceof BooleanQuery b) {
      for (BooleanClause c : b.clauses()) {
        if (root && c.getOccur() == Occur.MUST_NOT) {
          continue;
        }
        boolean r = required || c.getOccur() != Occur.SHOULD || b.getMinimumNumberShouldMatch() > 1;
        if (!textDecides(c.getQuery(), field, r, false)) {
          return false;
        }
      }
      return true;
    }
    if (!required) {
      return true;
    }
    OnlyField v = new OnlyField(field);
    q.visit(v);
    return v.only;
  }

  /**
   * Says whether {@code q} is a plain disjunction as far as {@code field} is concerned: boolean
   * queries of optional clauses only (at any depth, no minimum to match), whose leaves on {@code
   * field} are all term queries. Then a text matches where any of those terms occurs, whichever
   * others occur, so finding the terms among the text's tokens gives the matches that running the
   * query on the text gives; leaves on other fields match nothing in a text highlighted alone.
   */
  static boolean termsAnywhere(Query q, String field) {
    if (q instanceof BoostQuery b) {
      return termsAnywhere(b.getQuery(), field);
    }
    if (q instanceof BooleanQuery b) {
      if (b.getMinimumNumberShouldMatch() > 0) {
        return false;
      }
      for (BooleanClause c : b.clauses()) {
        if (c.getOccur() != Occur.SHOULD || !termsAnywhere(c.getQuery(), field)) {
          return false;
        }
      }
      return true;
    }
    if (q instanceof TermQuery) {
      return true;
    }
    NoField v = new NoField(field);
    q.visit(v);
    return v.none;
  }

  /** Checks that no leaf of a query names a term of one field, nor a field it cannot tell. */
  private static final class NoField extends QueryVisitor {
    private final String field;
    boolean none = true;

    NoField(String field) {
      this.field = field;
    }

    @Override
    public void consumeTerms(Query query, Term... terms) {
      for (Term t : terms) {
        none &= !field.equals(t.field());
      }
    }

    @Override
    public void consumeTermsMatching(Query query, String f, Supplier<ByteRunAutomaton> automaton) {
      none &= !field.equals(f);
    }

    @Override
    public void visitLeaf(Query query) {
      none = false;
    }
  }

  /** Checks that every leaf of a query names terms of one field and nothing else. */
  private static final class OnlyField extends QueryVisitor {
    private final String field;
    boolean only = true;

    OnlyField(String field) {
      this.field = field;
    }

    @Override
    public void consumeTerms(Query query, Term... terms) {
      for (Term t : terms) {
        only &= field.equals(t.field());
      }
    }

    @Override
    public void consumeTermsMatching(Query query, String f, Supplier<ByteRunAutomaton> automaton) {
      only &= field.equals(f);
    }

    @Override
    public void visitLeaf(Query query) {
      // A leaf that names no terms (a range, match-all): its field is not known here.
      only = false;
    }
  }

  /**
   * Is a highlighter without an index whose field highlighter is reused across texts; {@code
   * plain}, it finds a plain disjunction's terms among each text's tokens ({@link
   * TokenStreamOffsetStrategy}; only those of the runs of the text around the terms where that
   * gives the same matches: {@link TermWindows}) rather than indexing the text in memory and asking
   * the query for its matches, and scores passages as the latter does: Lucene's match iterators
   * give every term a frequency of one in the text, where the token stream gives none ({@link
   * FreqOne}).
   */
  private static final class Alone extends UnifiedHighlighter {
    private final boolean plain;

    Alone(Builder b, boolean plain) {
      super(b);
      this.plain = plain;
    }

    FieldHighlighter of(String field, Query q) {
      return getFieldHighlighter(field, q, extractTerms(q), 1);
    }

    @Override
    protected FieldOffsetStrategy getOffsetStrategy(OffsetSource source, UHComponents components) {
      FieldOffsetStrategy s = super.getOffsetStrategy(source, components);
      return plain && s instanceof TokenStreamOffsetStrategy
          ? TermWindows.of(components, getIndexAnalyzer(), new FreqOne(s, components))
          : s;
    }
  }

  /** Is an offset strategy whose matches report a frequency of one, as match iterators do. */
  private static final class FreqOne extends FieldOffsetStrategy {
    private final FieldOffsetStrategy in;

    FreqOne(FieldOffsetStrategy in, UHComponents components) {
      super(components);
      this.in = in;
    }

    @Override
    public UnifiedHighlighter.OffsetSource getOffsetSource() {
      return in.getOffsetSource();
    }

    @Override
    public OffsetsEnum getOffsetsEnum(LeafReader reader, int docId, String content)
        throws IOException {
      OffsetsEnum e = in.getOffsetsEnum(reader, docId, content);
      return new OffsetsEnum() {
        @Override
        public boolean nextPosition() throws IOException {
          return e.nextPosition();
        }

        @Override
        public int freq() {
          return 1;
        }

        @Override
        public BytesRef getTerm() throws IOException {
          return e.getTerm();
        }

        @Override
        public int startOffset() throws IOException {
          return e.startOffset();
        }

        @Override
        public int endOffset() throws IOException {
          return e.endOffset();
        }

        @Override
        public void close() throws IOException {
          e.close();
        }
      };
    }
  }

  /** Is a highlighter that takes each document's text from a map instead of stored fields. */
  private static final class Preloaded extends UnifiedHighlighter {
    private final Map<Integer, String> texts;

    Preloaded(Builder b, Map<Integer, String> texts) {
      super(b);
      this.texts = texts;
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
          values[f] = text == null ? null : truncated(text);
        }
        out.add(values);
      }
      return out;
    }
  }
}
