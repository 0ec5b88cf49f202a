package org.feedfold.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Extracts from a query terms of which a document must contain at least one to possibly match it:
 * the query half of the term filter in front of {@link SavedQueries} (the idea of the presearcher
 * of Lucene's {@code monitor} module; see {@link SavedQueryFilter} for why that module is not
 * used).
 *
 * <p>The query is walked with Lucene's {@link QueryVisitor} into a tree of conjunctions and
 * disjunctions, then reduced:
 *
 * <ul>
 *   <li>a conjunction ({@code MUST} and {@code FILTER} clauses, the terms of a phrase) needs all of
 *       its clauses, so the terms of one of them suffice: the one with the fewest documents in the
 *       index (summed over its terms), ties to the longest term, then to the fewest terms;
 *   <li>a disjunction ({@code SHOULD} clauses without a required sibling, synonyms, one position of
 *       a multi-term phrase) needs any of them: the union of its clauses' terms;
 *   <li>optional {@code SHOULD} clauses beside a required one and {@code MUST_NOT} clauses require
 *       nothing and are left out;
 *   <li>anything matched without naming its terms (wildcards, prefixes, fuzzy terms, ranges and
 *       points such as {@code published:}, match-all) gives no term to require.
 * </ul>
 *
 * <p>A query reduced to no term (a negation alone, a range alone, a wildcard in a conjunction of
 * nothing else) yields the empty set: check it against every document. Leaving a clause out only
 * widens the candidates, so the extraction never loses a match. Stateless; thread-safe.
 */
final class RequiredTerms {
  private RequiredTerms() {}

  /**
   * Returns terms of which a document must contain one to match {@code query}; empty when no such
   * terms can be named, so every document must be checked.
   *
   * @param docFreq how many documents hold a term (any estimate; 0 when unknown), to prefer rare
   *     terms in a conjunction
   */
  static Set<Term> of(Query query, ToLongFunction<Term> docFreq) {
    Builder root = new Builder(true);
    query.visit(root);
    Set<Term> terms = reduce(root.node(), docFreq);
    return terms == null ? Set.of() : terms;
  }

  /** Is one node of the tree: a term, a match that names no term, or a group. */
  private sealed interface Node permits Leaf, Anything, Group {}

  private record Leaf(Term term) implements Node {}

  private record Anything() implements Node {}

  /** Is a conjunction ({@code all}) or disjunction of its children. */
  private record Group(boolean all, List<Node> children) implements Node {}

  /** Returns the required terms of {@code n}, or {@code null} when none can be required. */
  private static Set<Term> reduce(Node n, ToLongFunction<Term> docFreq) {
    if (n instanceof Leaf l) {
      return Set.of(l.term());
    }
    if (n instanceof Group g && !g.children().isEmpty()) {
      List<Set<Term>> parts = new ArrayList<>();
      for (Node c : g.children()) {
        Set<Term> t = reduce(c, docFreq);
        if (t != null) {
          parts.add(t);
        } else if (!g.all()) {
          return null; // one alternative matches without any term: so may the whole
        }
      }
      if (parts.isEmpty()) {
        return null;
      }
      if (g.all()) {
        return parts.stream().min(cheapest(docFreq)).orElseThrow();
      }
      Set<Term> union = new LinkedHashSet<>();
      parts.forEach(union::addAll);
      return union;
    }
    return null;
  }

  /** Orders term sets by the documents they let through, then by their longest term, then size. */
  private static Comparator<Set<Term>> cheapest(ToLongFunction<Term> docFreq) {
    Comparator<Set<Term>> byDocs =
        Comparator.comparingLong(s -> s.stream().mapToLong(docFreq).sum());
    return byDocs
        .thenComparing(
            Comparator.comparingInt(
                    (Set<Term> s) -> s.stream().mapToInt(t -> t.bytes().length).min().orElse(0))
                .reversed())
        .thenComparingInt(Set::size);
  }

  /** Builds the tree as the query walks it; one builder per group. */
  private static final class Builder extends QueryVisitor {
    private final boolean all;
    private final List<Object> children = new ArrayList<>();

    Builder(boolean all) {
      this.all = all;
    }

    Node node() {
      List<Node> out = new ArrayList<>();
      for (Object c : children) {
        out.add(c instanceof Builder b ? b.node() : (Node) c);
      }
      return new Group(all, out);
    }

    @Override
    public QueryVisitor getSubVisitor(Occur occur, Query parent) {
      if (occur == Occur.MUST_NOT || (occur == Occur.SHOULD && optional(parent))) {
        return QueryVisitor.EMPTY_VISITOR;
      }
      Builder b = new Builder(occur != Occur.SHOULD);
      children.add(b);
      return b;
    }

    @Override
    public void consumeTerms(Query query, Term... terms) {
      if (terms.length == 1) {
        children.add(new Leaf(terms[0]));
      } else if (terms.length > 1) {
        List<Node> leaves = new ArrayList<>();
        for (Term t : terms) {
          leaves.add(new Leaf(t));
        }
        // Only a phrase is known to need every term it names; any other query naming several
        // terms at once is taken as needing one of them, which can only widen the candidates.
        children.add(new Group(all && query instanceof PhraseQuery, leaves));
      }
    }

    @Override
    public void consumeTermsMatching(
        Query query, String field, Supplier<ByteRunAutomaton> automaton) {
      children.add(new Anything());
    }

    @Override
    public void visitLeaf(Query query) {
      children.add(new Anything());
    }

    /** Returns whether {@code parent}'s SHOULD clauses may all fail while it matches. */
    private static boolean optional(Query parent) {
      if (!(parent instanceof BooleanQuery b) || b.getMinimumNumberShouldMatch() > 0) {
        return false;
      }
      for (BooleanClause c : b.clauses()) {
        if (c.isRequired()) {
          return true;
        }
      }
      return false;
    }
  }
}
