package org.feedfold.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Is the union-find of merged stories: which story each merged one now redirects to.
 *
 * <p>One mutable instance lives in {@link Stories}, guarded by the {@link ArticleIndex} write lock;
 * reads get an immutable {@link #copy()} taken at each refresh, safe to share between threads.
 */
final class Redirects {
  /**
   * A merge: {@code from} now redirects to {@code to}, because article {@code via} bridged them.
   */
  record Redirect(long from, long to, String via) {}

  private final Map<Long, Redirect> parent;
  private final Map<Long, List<Long>> children;

  Redirects() {
    this(new HashMap<>(), new HashMap<>());
  }

  private Redirects(Map<Long, Redirect> parent, Map<Long, List<Long>> children) {
    this.parent = parent;
    this.children = children;
  }

  /** Returns the story {@code id} was merged into, or {@code id} itself. */
  long resolve(long id) {
    long current = id;
    for (int hops = 0; hops < 10_000; hops++) {
      Redirect r = parent.get(current);
      if (r == null) {
        return current;
      }
      current = r.to();
    }
    throw new IllegalStateException("redirect cycle at story " + Fields.storyId(id));
  }

  /** Returns the merge that redirected {@code id}, or {@code null}. */
  Redirect redirectOf(long id) {
    return parent.get(id);
  }

  /** Returns {@code id} and every story merged into it, directly or not. */
  List<Long> aliases(long id) {
    List<Long> out = new ArrayList<>();
    out.add(id);
    for (int i = 0; i < out.size(); i++) {
      out.addAll(children.getOrDefault(out.get(i), List.of()));
    }
    return out;
  }

  int size() {
    return parent.size();
  }

  /** Records a merge; only on the instance owned by {@link Stories}. */
  void remember(long from, long to, String via) {
    parent.put(from, new Redirect(from, to, via));
    children.computeIfAbsent(to, k -> new ArrayList<>(1)).add(from);
  }

  /** Returns an unmodifiable copy of this, for reads on other threads. */
  Redirects copy() {
    Map<Long, List<Long>> kids = new HashMap<>(children.size() * 2);
    children.forEach((k, v) -> kids.put(k, List.copyOf(v)));
    return new Redirects(Map.copyOf(parent), Map.copyOf(kids));
  }
}
