package org.feedfold.cluster;

import org.feedfold.model.ArticleInput;

/**
 * Is a stored article found by the canonical key of an added one (see {@link
 * StoryStore#byCanonical}): its entry, its link and {@link #textHash} of its text.
 */
public record Claimant(ArticleEntry entry, String url, long textHash) {
  /** Returns true if {@code a} has this article's link, or exactly its text. */
  boolean sameLinkOrText(ArticleInput a) {
    return (a.url() != null && a.url().equals(url)) || textHash(a.text()) == textHash;
  }

  /** Returns a hash of a text and its length: what a store keeps to recognise the same text. */
  public static long textHash(String text) {
    return ((long) text.length() << 32) ^ (text.hashCode() & 0xffffffffL);
  }
}
