package org.feedfold.index;

/**
 * Is what one index keeps on the heap of the segments searched often, shared by all its reads.
 *
 * @param stories the story numbers collapsing reads ({@link HitKeys#stories})
 * @param norms the norms scoring reads
 */
record HeapCopies(StoryNumbers stories, HeapNorms norms) {
  /** Returns new, empty copies. */
  static HeapCopies create() {
    return new HeapCopies(new StoryNumbers(), new HeapNorms());
  }
}
