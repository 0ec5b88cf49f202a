package org.feedfold.index;

/**
 * Is what one index keeps on the heap of the segments searched often, shared by all its reads.
 *
 * @param stories the story numbers collapsing reads ({@link HitKeys#stories})
 * @param norms the norms scoring reads
 * @param terms the segments' answers for the terms searched
 */
record HeapCopies(StoryNumbers stories, HeapNorms norms, TermLookups terms) {
  /** Returns new, empty copies. */
  static HeapCopies create() {
    return new HeapCopies(new StoryNumbers(), new HeapNorms(), new TermLookups());
  }
}
