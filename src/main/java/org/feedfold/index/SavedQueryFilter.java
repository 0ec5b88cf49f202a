package org.feedfold.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Finds the saved queries that may match one new article: a term filter (a "presearcher") in front
 * of running each query, so that an article is checked only against the queries it shares a term
 * with.
 *
 * <p>This is the idea of Lucene's {@code monitor} module, rebuilt over lucene-core: that module is
 * not served at {@code lucene.version} (9.12.3) by the Maven repository the build uses, only at
 * 9.11.1, and Lucene's modules are not mixed across versions. Each query is reduced by {@link
 * RequiredTerms} to terms of which an article must hold one to match it; each such term maps to the
 * queries that require it (a term-to-queries map: with hundreds of queries it is smaller and faster
 * to probe than an index of them). Queries reduced to no term (a negation, a range or a wildcard
 * alone) are always candidates. The candidates for an article are then the queries reached from the
 * article's own terms, read from its one-document index, so they are analysed exactly as the
 * queries' fields are.
 *
 * <p>It never misses: every query that matches an article is among its candidates (a property test
 * checks this against running every query). It does not decide matches; the candidates are still
 * run. Immutable after {@link #build}; thread-safe.
 */
final class SavedQueryFilter {
  /** Field to term to the indexes of the queries requiring it. */
  private final Map<String, Map<BytesRef, int[]>> byTerm;

  private final int[] always;
  private final int size;

  private SavedQueryFilter(Map<String, Map<BytesRef, int[]>> byTerm, int[] always, int size) {
    this.byTerm = byTerm;
    this.always = always;
    this.size = size;
  }

  /**
   * Builds the filter of {@code queries}; a query's index in the list is its number in {@link
   * #candidates}.
   *
   * @param docFreq how many articles hold a term, to require the rarest terms of a conjunction
   */
  static SavedQueryFilter build(List<Query> queries, ToLongFunction<Term> docFreq) {
    Map<String, Map<BytesRef, List<Integer>>> lists = new HashMap<>();
    List<Integer> always = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      Set<Term> terms = RequiredTerms.of(queries.get(i), docFreq);
      if (terms.isEmpty()) {
        always.add(i);
      }
      for (Term t : terms) {
        lists
            .computeIfAbsent(t.field(), f -> new HashMap<>())
            .computeIfAbsent(BytesRef.deepCopyOf(t.bytes()), b -> new ArrayList<>())
            .add(i);
      }
    }
    Map<String, Map<BytesRef, int[]>> byTerm = new HashMap<>();
    lists.forEach(
        (field, terms) -> {
          Map<BytesRef, int[]> m = new HashMap<>();
          terms.forEach((t, ids) -> m.put(t, ids.stream().mapToInt(Integer::intValue).toArray()));
          byTerm.put(field, m);
        });
    return new SavedQueryFilter(
        byTerm, always.stream().mapToInt(Integer::intValue).toArray(), queries.size());
  }

  /** Returns how many queries are checked against every article, having no term to require. */
  int alwaysChecked() {
    return always.length;
  }

  /**
   * Returns the numbers of the queries that may match the one document of {@code article} (a
   * one-document index of the article's matchable fields).
   *
   * @throws IOException if the document's terms cannot be read (not for an in-memory index)
   */
  FixedBitSet candidates(LeafReader article) throws IOException {
    FixedBitSet out = new FixedBitSet(Math.max(1, size));
    for (int i : always) {
      out.set(i);
    }
    for (Map.Entry<String, Map<BytesRef, int[]>> field : byTerm.entrySet()) {
      Terms terms = article.terms(field.getKey());
      if (terms == null) {
        continue;
      }
      Map<BytesRef, int[]> wanted = field.getValue();
      TermsEnum te = terms.iterator();
      for (BytesRef t = te.next(); t != null; t = te.next()) {
        int[] ids = wanted.get(t);
        if (ids != null) {
          for (int i : ids) {
            out.set(i);
          }
        }
      }
    }
    return out;
  }
}
