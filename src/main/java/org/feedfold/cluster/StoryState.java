package org.feedfold.cluster;

/**
 * Is what a store keeps of one story besides its members (the Lucene index: one small document per
 * story), rewritten whenever the story gains or changes a member. Times are epoch millis. Pure.
 *
 * @param id the story number
 * @param firstSeen earliest member's publication (or first-seen) time
 * @param updated when the story last gained a version: a member, or another headline or text of one
 *     (clock time); a re-fetch that changes only markup, links or times leaves it
 * @param size number of members
 * @param representative id of the most complete member (longest text)
 * @param representativeLength that member's text length in chars
 * @param original id of the earliest published member
 * @param originalTime that member's publication (or first-seen) time
 */
public record StoryState(
    long id,
    long firstSeen,
    long updated,
    int size,
    String representative,
    int representativeLength,
    String original,
    long originalTime) {

  /** Returns the state of a story founded by {@code e}. */
  public static StoryState founded(long id, ArticleEntry e, long now) {
    return new StoryState(id, e.time(), now, 1, e.id(), e.textLength(), e.id(), e.time());
  }

  /**
   * Returns this state after {@code e} joined ({@code added}) or was stored again; {@code changed}
   * says its headline or text changed, so the story gained a version.
   */
  public StoryState with(ArticleEntry e, boolean added, boolean changed, long now) {
    boolean longer = e.textLength() > representativeLength || e.id().equals(representative);
    boolean earlier = e.time() < originalTime;
    return new StoryState(
        id,
        Math.min(firstSeen, e.time()),
        added || changed ? now : updated,
        size + (added ? 1 : 0),
        longer ? e.id() : representative,
        longer ? e.textLength() : representativeLength,
        earlier ? e.id() : original,
        earlier ? e.time() : originalTime);
  }

  /** Returns this state after absorbing {@code other}'s members. */
  public StoryState absorb(StoryState other, long now) {
    boolean longer = other.representativeLength > representativeLength;
    boolean earlier = other.originalTime < originalTime;
    return new StoryState(
        id,
        Math.min(firstSeen, other.firstSeen),
        now,
        size + other.size,
        longer ? other.representative : representative,
        Math.max(representativeLength, other.representativeLength),
        earlier ? other.original : original,
        earlier ? other.originalTime : originalTime);
  }
}
