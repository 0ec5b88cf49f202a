package org.feedfold.cluster;

import java.time.Duration;

/**
 * Measures how alike two articles are, on their informative (non-boilerplate) sampled shingles.
 *
 * @param shared informative shingles both texts have
 * @param smaller informative shingles of the text with fewer
 * @param larger informative shingles of the text with more
 * @param containment {@code shared / smaller}: how much of the shorter text the longer one holds
 * @param jaccard {@code shared / (smaller + larger - shared)}
 * @param titleSimilarity Dice coefficient of the titles' content words
 * @param apart the distance between the two publication times; never negative
 */
public record MatchEvidence(
    int shared,
    int smaller,
    int larger,
    double containment,
    double jaccard,
    double titleSimilarity,
    Duration apart) {}
