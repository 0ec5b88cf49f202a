package org.feedfold.index;

/**
 * Says what indexing one article did.
 *
 * @param articleId the article
 * @param storyId the story it now belongs to
 * @param created true if the article was new to the index
 * @param changed true if a known article's content changed (false for an identical re-fetch)
 * @param newStory true if the article started a new story
 */
public record Assignment(
    String articleId, String storyId, boolean created, boolean changed, boolean newStory) {}
