package org.feedfold.index;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Scores a snippet's candidate passages with the numbers Lucene's {@link PassageScorer} gives, bit
 * for bit, without the 32 KiB term hash it allocates for every passage it scores (a tenth of
 * highlighting a search's hits on 1,000,000 articles, docs/PERFORMANCE.md). A passage holds a few
 * matches, so its distinct terms are found by comparing each with those seen before; they are
 * summed in the order they first occur, as the hash numbers them, so the sum rounds the same.
 * Thread-safe.
 */
final class LeanPassageScorer extends PassageScorer {
  @Override
  public float score(Passage passage, int contentLength) {
    int matches = passage.getNumMatches();
    BytesRef[] matched = passage.getMatchTerms();
    int[] freqsInDoc = passage.getMatchTermFreqsInDoc();
    BytesRef[] distinct = new BytesRef[matches];
    int[] inPassage = new int[matches];
    int[] inDoc = new int[matches];
    int size = 0;
    for (int i = 0; i < matches; i++) {
      int k = 0;
      while (k < size && !distinct[k].bytesEquals(matched[i])) {
        k++;
      }
      if (k == size) {
        distinct[size] = matched[i];
        inDoc[size] = freqsInDoc[i];
        size++;
      }
      inPassage[k]++;
    }
    double score = 0d;
    for (int k = 0; k < size; k++) {
      score += tf(inPassage[k], passage.getLength()) * weight(contentLength, inDoc[k]);
    }
    score *= norm(passage.getStartOffset());
    return (float) score;
  }
}
