/**
 * Decides which articles report the same story: pure logic, no I/O.
 *
 * <p>In: an article's title and plain text. Out: a {@link org.feedfold.cluster.Fingerprint}
 * (value-sampled hashes of word shingles, made by a Lucene analyzer chain in {@link
 * org.feedfold.cluster.Fingerprinter}), {@link org.feedfold.cluster.MatchEvidence} between two
 * fingerprints and the match decision of {@link org.feedfold.cluster.StoryMatcher}, and the shared
 * passages that explain a match ({@link org.feedfold.cluster.Passages}), and how a story is
 * presented: the original's headline and the most complete text without outlets' additions ({@link
 * org.feedfold.cluster.StoryText}). This stage does not find candidates, know document frequencies
 * or store anything: {@code org.feedfold.index} does, and tells the matcher which shingles are
 * boilerplate.
 */
package org.feedfold.cluster;
