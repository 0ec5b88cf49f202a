package org.feedfold.index;

import org.feedfold.model.SearchHit;

/**
 * Is one result of a collapsed search: a story's best matching article, and how many more of its
 * articles matched.
 *
 * @param best the story's best hit (first in the requested order), with its snippet
 * @param moreHits how many other articles of the same story matched, among the first {@value
 *     Reads#MAX_QUERY_ARTICLES} hits; 0 when not collapsed
 * @param moreOutlets how many distinct outlets those other articles came from
 */
public record StoryHit(SearchHit best, int moreHits, int moreOutlets) {}
