package org.feedfold.cluster;

import java.io.IOException;
import java.util.List;
import org.feedfold.model.ArticleInput;

/**
 * Is what {@link StoryAssigner} reads and writes of a store while it assigns one article: the
 * narrow side of {@code org.feedfold.store.Store} that clustering needs.
 *
 * <p>One instance serves one {@link StoryAssigner#assign} call, which the store runs as one
 * transaction: no other add may change the articles or stories it reads until it returns (the
 * Lucene index holds its write lock; a store that cannot lock makes {@link #putStory} and {@link
 * #redirect} conditional on the versions {@link #story} read, and on a conflict discards what this
 * call wrote and calls {@code assign} again, which is safe as the assigner keeps no state).
 *
 * <p>Every read sees what this store staged before, committed or not (read-your-writes), and what
 * this call wrote so far. Writes are staged until the store commits. Not thread-safe: one thread.
 */
public interface StoryStore {
  /** Returns the stored article with this id, or {@code null}. */
  ArticleEntry byId(String id) throws IOException;

  /**
   * Returns the stored article that last claimed {@code article}'s canonical key, or {@code null}.
   * The key is the canonical URL, else the link, within the article's feed (the Lucene index:
   * {@code Fields.canonicalKey}; an entry with neither is keyed by title and date within its feed,
   * or not at all). Only a hint: the assigner decides whether it is the same article.
   */
  Claimant byCanonical(ArticleInput article) throws IOException;

  /**
   * Returns a stored article, of any feed, whose link names the same page as {@code article}'s
   * under the same headline, or {@code null}: the one article a site lists in several of its feeds
   * (the Lucene index: {@code PageKey}, which says what "the same" is). The assigner asks only when
   * neither the id nor the canonical key found an article.
   */
  ArticleEntry byPage(ArticleInput article) throws IOException;

  /**
   * Starts the candidate lookup for an article with these (sorted, distinct) sampled shingles,
   * published at {@code time} (epoch millis).
   */
  Candidates candidates(int[] shingles, long time) throws IOException;

  /** Returns the story {@code story} was merged into (following every redirect), or itself. */
  long resolve(long story) throws IOException;

  /** Returns the state of a (resolved) story, or {@code null} if it is unknown. */
  StoryState story(long id) throws IOException;

  /**
   * Stages the merge of story {@code from} into {@code to} because article {@code via} bridged
   * them: {@code from} redirects to {@code to} from now on and its own state is dropped.
   */
  void redirect(long from, long to, String via) throws IOException;

  /**
   * Stages the article: new, or replacing the stored article with the same id (keeping its earlier
   * headlines and texts as versions).
   *
   * @return true if the article is new or its headline or text differ from the stored version (the
   *     story then gained a version), false if only other fields changed
   */
  boolean putArticle(ArticleWrite write) throws IOException;

  /**
   * Stages a story's state; {@code isNew} says no state of it was stored before (the store may add
   * instead of update).
   */
  void putStory(StoryState state, boolean isNew) throws IOException;

  /** Finds the candidates of one article; valid during one {@link StoryAssigner#assign} call. */
  interface Candidates {
    /**
     * Returns up to {@link ClusterSettings#maxCandidates()} stored articles published within {@link
     * ClusterSettings#window()} of the article that share the most of its rarest non-boilerplate
     * shingles (its rarest boilerplate ones when it has too few others), most shared first, never
     * the article {@code selfId}.
     */
    List<ArticleEntry> candidates(String selfId);

    /**
     * Returns true if shingle {@code h} is boilerplate: held by stored articles of at least {@link
     * ClusterSettings#boilerplateStories()} different (resolved) stories.
     */
    boolean boilerplate(int h);
  }

  /**
   * Is one article to store.
   *
   * @param article the article, with the id it is stored under
   * @param entry what matching reads of it later, with the story it was first assigned to
   * @param tokens its text's tokens for the search index, or {@code null} to analyse the text again
   * @param matched the id of the article it matched best, or {@code null}
   * @param evidence how it matched that one, or {@code null}
   * @param update true if it replaces a stored article with its id
   */
  record ArticleWrite(
      ArticleInput article,
      ArticleEntry entry,
      TextTokens tokens,
      String matched,
      MatchEvidence evidence,
      boolean update) {}
}
