/**
 * Decides which articles report the same story: pure logic, no I/O.
 *
 * <p>In: an article's title and plain text. Out: a {@link org.feedfold.cluster.Fingerprint}
 * (value-sampled hashes of word shingles, made by a Lucene analyzer chain in {@link
 * org.feedfold.cluster.Fingerprinter}), {@link org.feedfold.cluster.MatchEvidence} between two
 * fingerprints and the match decision of {@link org.feedfold.cluster.StoryMatcher}, and the shared
 * passages that explain a match ({@link org.feedfold.cluster.Passages}), and how a story is
 * presented: the original's headline and the most complete text without outlets' additions ({@link
 * org.feedfold.cluster.StoryText}).
 *
 * <p>Story assignment is here too ({@link org.feedfold.cluster.StoryAssigner}, issue 13): which
 * story an added article joins, whether it is an identical re-fetch or an update of a stored
 * article, and which stories it merges, decided over the narrow storage interface {@link
 * org.feedfold.cluster.StoryStore} (look up an article by id or canonical key, fetch candidates by
 * fingerprint shingles, read and write story states and articles, redirect merged stories). This
 * stage does no I/O and keeps no state between calls: the store finds the candidates, knows the
 * shingles' document frequencies and tells which shingles are boilerplate ({@code
 * org.feedfold.index} from an in-heap window of recent fingerprints), and stores everything.
 */
package org.feedfold.cluster;
