package org.feedfold.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.feedfold.model.ArticleInput;

/**
 * Assigns an added article to a story: decides whether it is new, an identical re-fetch, an update
 * of a stored article (same id, or a re-issue under the same canonical URL), which stored articles
 * report the same story, and whether it merges the stories it matched.
 *
 * <p>The steps, for an article published (or seen) at time t:
 *
 * <ol>
 *   <li>Dedup: the stored article with its id, else the one claiming its canonical key with the
 *       same link or text; one whose {@link #contentHash} is unchanged is an identical re-fetch and
 *       nothing is written. Another claimant is the same article only if its text is nearly the
 *       same ({@link Reissues}). Without either, a stored article of another feed with the same
 *       page and headline ({@link StoryStore#byPage}) is this article, carried by two feeds of its
 *       outlet: nothing is written, and it stays listed under the feed that brought it first.
 *   <li>Fingerprint ({@link Fingerprinter}) and candidates: the stored articles within the window
 *       of t sharing its rarest informative shingles ({@link StoryStore.Candidates}).
 *   <li>Match: each candidate sharing at least {@link ClusterSettings#minSharedShingles()} shingles
 *       is verified by {@link StoryMatcher} with boilerplate shingles ignored; failing that, a near
 *       copy measured with boilerplate counted still joins (but never bridges).
 *   <li>Bridge: the best match's story is joined; another matched story is merged in only if both
 *       matches are strong ({@link StoryMatcher#mayBridge}) or the two matched members match each
 *       other. An updated article keeps its story, merged with what it now matches.
 *   <li>Merge: the stories merge into the one first seen (ties: lowest id), the others redirect to
 *       it; a new story's id is derived from its founder's id.
 * </ol>
 *
 * <p>Pure logic: every read and write goes through the {@link StoryStore} given to {@link #assign},
 * and nothing is kept between calls, so a store may run one call again after a conflict.
 * Thread-safe (immutable); the store serialises the calls that share its data.
 */
public final class StoryAssigner {
  private final Fingerprinter fingerprinter;
  private final StoryMatcher matcher;

  /** Creates an assigner with these thresholds. */
  public StoryAssigner(ClusterSettings settings) {
    Objects.requireNonNull(settings, "settings");
    this.fingerprinter = new Fingerprinter(settings);
    this.matcher = new StoryMatcher(settings);
  }

  /**
   * Says what assigning one article did.
   *
   * @param articleId the id the article is stored under (a re-issue takes the stored one's)
   * @param story the (resolved) story it belongs to
   * @param created true if the article was new
   * @param changed true if a stored article's content changed (false for an identical re-fetch)
   * @param newStory true if the article started a new story
   */
  public record Assigned(
      String articleId, long story, boolean created, boolean changed, boolean newStory) {
    /** Returns true if anything was written. */
    public boolean wrote() {
      return created || changed;
    }
  }

  /** Is one verified candidate: its entry, resolved story, evidence, and whether a near copy. */
  private record Match(ArticleEntry entry, long story, MatchEvidence evidence, boolean copy) {}

  /**
   * Assigns {@code article} to a story in {@code store} and stages what changed there.
   *
   * @param now the clock time, epoch millis: when a story gained a version
   * @throws IOException if the store fails; what this call staged is then the store's to undo
   */
  public Assigned assign(ArticleInput article, long now, StoryStore store) throws IOException {
    long time = (article.published() != null ? article.published() : article.seen()).toEpochMilli();
    long hash = contentHash(article);
    ArticleEntry existing = store.byId(article.id());
    Claimant claimant = existing == null ? store.byCanonical(article) : null;
    if (claimant != null && claimant.sameLinkOrText(article)) {
      existing = claimant.entry();
      claimant = null;
    }
    if (existing == null && claimant == null) {
      // One page under one headline in another feed of its outlet (a section feed listing what
      // the main feed did): that article, not a second one, so its outlet is listed once.
      ArticleEntry carried = store.byPage(article);
      if (carried != null) {
        return new Assigned(carried.id(), store.resolve(carried.story()), false, false, false);
      }
    }
    if (existing != null && existing.contentHash() == hash) {
      return new Assigned(existing.id(), store.resolve(existing.story()), false, false, false);
    }
    // Fingerprinted only now: feeds are re-fetched far more often than their entries change.
    Fingerprinter.Analysis analysis = fingerprinter.analyze(article.title(), article.text());
    Fingerprint fp = analysis.fingerprint();
    if (claimant != null) {
      existing = Reissues.sameArticle(article, fp, claimant);
    }
    String id = existing != null ? existing.id() : article.id();
    ArticleInput a = id.equals(article.id()) ? article : article.withId(id);
    StoryStore.Candidates lookup = store.candidates(fp.shingles(), time);
    List<Match> matches = matches(fp, id, time, lookup, store);
    ArticleEntry best = matches.isEmpty() ? null : matches.get(0).entry();
    MatchEvidence bestEvidence = matches.isEmpty() ? null : matches.get(0).evidence();
    List<Long> matched = bridged(matches, lookup);
    if (existing != null) {
      long s = store.resolve(existing.story());
      if (!matched.contains(s)) {
        matched.add(0, s);
      }
    }
    StoryState target = merge(matched, id, store, now);
    long story = existing != null ? existing.story() : target == null ? storyFor(id) : target.id();
    ArticleEntry entry = new ArticleEntry(id, story, time, hash, a.text().length(), fp);
    boolean gained =
        store.putArticle(
            new StoryStore.ArticleWrite(
                a,
                entry,
                analysis.tokens(),
                best == null ? null : best.id(),
                bestEvidence,
                existing != null));
    target =
        target == null
            ? StoryState.founded(story, entry, now)
            : target.with(entry, existing == null, gained, now);
    // New articles and new stories are added, not updated: a store may write them more cheaply.
    store.putStory(target, matched.isEmpty() && existing == null);
    boolean newStory = existing == null && matched.isEmpty();
    return new Assigned(id, target.id(), existing == null, existing != null, newStory);
  }

  /**
   * Says what settling one stored article did.
   *
   * @param story the (resolved) story it belongs to afterwards
   * @param merged how many other stories were merged into that one
   */
  public record Settled(long story, int merged) {}

  /**
   * Looks again for the stories a stored article matches, with every article the store shows now,
   * and merges them as {@link #assign} would have had it seen them all when the article was added:
   * the candidates, {@link StoryMatcher} verification, near-copy and bridge rules are the same. For
   * a store whose writers do not see each other's latest adds (SolrCloud between commits).
   *
   * <p>An article never moves: stories only merge. The article's story is merged with what it
   * matches if it founded that story (everything else in it joined through it, directly or not), or
   * if the rules bridge its story with the others (its story is among those it matches). An article
   * that joined a story and now matches another one better is left where it is.
   *
   * @param entry the stored article, with the story it was first assigned to
   * @param now the clock time, epoch millis: when a merged story changed
   * @throws IOException if the store fails; what this call staged is then the store's to undo
   */
  public Settled settle(ArticleEntry entry, long now, StoryStore store) throws IOException {
    long own = store.resolve(entry.story());
    StoryStore.Candidates lookup = store.candidates(entry.fingerprint().shingles(), entry.time());
    List<Long> matched =
        bridged(matches(entry.fingerprint(), entry.id(), entry.time(), lookup, store), lookup);
    if (!matched.contains(own)) {
      if (entry.story() != storyFor(entry.id())) {
        return new Settled(own, 0);
      }
      matched.add(0, own);
    }
    if (matched.size() < 2) {
      return new Settled(own, 0);
    }
    StoryState target = merge(matched, entry.id(), store, now);
    if (target == null) {
      return new Settled(own, 0);
    }
    store.putStory(target, false);
    return new Settled(target.id(), matched.size() - 1);
  }

  /** Verifies the candidates of an article; returns the matches, the best first. */
  private List<Match> matches(
      Fingerprint fp, String id, long time, StoryStore.Candidates lookup, StoryStore store)
      throws IOException {
    List<Match> matches = new ArrayList<>();
    for (ArticleEntry other : lookup.candidates(id)) {
      if (fp.sharedShingles(other.fingerprint()) < matcher.settings().minSharedShingles()) {
        continue;
      }
      Duration apart = Duration.ofMillis(Math.abs(other.time() - time));
      MatchEvidence e = matcher.measure(fp, other.fingerprint(), lookup::boilerplate, apart);
      if (matcher.sameStory(e)) {
        matches.add(new Match(other, store.resolve(other.story()), e, false));
      } else {
        // A short text whose phrases other reports of the event share too (so they count as
        // boilerplate) is still a copy when nearly all of it is in the other and titles agree.
        MatchEvidence raw = matcher.measure(fp, other.fingerprint(), h -> false, apart);
        if (matcher.nearCopy(raw)) {
          matches.add(new Match(other, store.resolve(other.story()), raw, true));
        }
      }
    }
    matches.sort(
        Comparator.comparingDouble((Match m) -> StoryMatcher.rank(m.evidence())).reversed());
    return matches;
  }

  /**
   * Returns the stories an article with these matches joins: the best match's, and each other one
   * the bridge rules allow.
   */
  private List<Long> bridged(List<Match> matches, StoryStore.Candidates lookup) {
    ArticleEntry best = matches.isEmpty() ? null : matches.get(0).entry();
    MatchEvidence bestEvidence = matches.isEmpty() ? null : matches.get(0).evidence();
    // An article matching two stories merges them only if both matches are strong or the
    // members it matched match each other (see StoryMatcher.mayBridge).
    List<Long> matched = new ArrayList<>();
    // A near copy (measured with boilerplate counted) joins a story but never bridges two.
    boolean strongBest =
        bestEvidence != null && !matches.get(0).copy() && matcher.mayBridge(bestEvidence);
    for (Match m : matches) {
      if (!matched.contains(m.story())
          && (matched.isEmpty()
              || (strongBest && !m.copy() && matcher.mayBridge(m.evidence()))
              || (!m.copy() && bridges(best, m.entry(), lookup)))) {
        matched.add(m.story());
      }
    }
    return matched;
  }

  private boolean bridges(ArticleEntry first, ArticleEntry second, StoryStore.Candidates lookup) {
    Duration apart = Duration.ofMillis(Math.abs(first.time() - second.time()));
    return matcher.sameStory(
        matcher.measure(first.fingerprint(), second.fingerprint(), lookup::boilerplate, apart));
  }

  /**
   * Merges the matched stories into the one first seen (ties: lowest id), so the surviving id does
   * not depend on which member arrived last; returns its state, or {@code null} if none matched.
   */
  private static StoryState merge(List<Long> matched, String via, StoryStore store, long now)
      throws IOException {
    List<StoryState> states = new ArrayList<>();
    for (long id : matched) {
      StoryState st = store.story(id);
      if (st != null) {
        states.add(st);
      }
    }
    if (states.isEmpty()) {
      return null;
    }
    // Unsigned: the order of the ids' 16-digit hex form, in which they are published.
    states.sort(
        Comparator.comparingLong(StoryState::firstSeen)
            .thenComparing((x, y) -> Long.compareUnsigned(x.id(), y.id())));
    StoryState target = states.get(0);
    for (StoryState other : states.subList(1, states.size())) {
      store.redirect(other.id(), target.id(), via);
      target = target.absorb(other, now);
    }
    return target;
  }

  /** Returns the id of a story founded by article {@code id}: stable, derived from the id. */
  public static long storyFor(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h = (h ^ id.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }

  /**
   * Returns the hash of what makes a re-fetch an identical one: link, canonical URL, headline,
   * text, markup, publication time and source.
   */
  public static long contentHash(ArticleInput a) {
    long h = 17;
    for (Object o :
        new Object[] {
          a.url(), a.canonical(), a.title(), a.text(), a.html(), a.published(), a.source()
        }) {
      h = h * 1_000_003L + (o == null ? 0 : o.hashCode());
    }
    return h;
  }
}
