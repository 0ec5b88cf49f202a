package org.feedfold.cluster;

/**
 * Is what story assignment reads of one stored article: enough to verify it as a candidate without
 * its text, and to tell an identical re-fetch from a change.
 *
 * @param id the article id
 * @param story the story the article was first assigned to (resolve redirects before use)
 * @param time publication time (or first-seen time), epoch millis
 * @param contentHash {@link StoryAssigner#contentHash} of the stored version
 * @param textLength chars of plain text, to pick the most complete version of a story
 * @param fingerprint the sampled shingles and title words
 */
public record ArticleEntry(
    String id, long story, long time, long contentHash, int textLength, Fingerprint fingerprint) {}
