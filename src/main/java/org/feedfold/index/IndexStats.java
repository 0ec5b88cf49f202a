package org.feedfold.index;

/** Counts what the index holds; {@code bytes} is the size of the index directory on disk. */
public record IndexStats(long articles, long stories, long feeds, long bytes) {}
