package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** Checks that passages score the same numbers as with Lucene's scorer, bit for bit. */
class LeanPassageScorerTest {
  @Test
  void scoresEveryPassageAsLucenesScorerDoes() {
    PassageScorer lucene = new PassageScorer();
    PassageScorer lean = new LeanPassageScorer();
    String[] words = {"storm", "gale", "flood", "wind", "rain", "storms"};
    Random random = new Random(7);
    for (int p = 0; p < 5_000; p++) {
      Passage passage = new Passage();
      int start = random.nextInt(20_000);
      passage.setStartOffset(start);
      int end = start + 1 + random.nextInt(600);
      passage.setEndOffset(end);
      for (int m = random.nextInt(12); m > 0; m--) {
        // A new BytesRef per match, as a highlighter may hand out: equal bytes are one term.
        BytesRef term = new BytesRef(words[random.nextInt(words.length)]);
        int at = start + random.nextInt(end - start);
        passage.addMatch(at, at + 1, term, 1 + random.nextInt(3));
      }
      int length = end + random.nextInt(50_000);
      assertEquals(
          Float.floatToRawIntBits(lucene.score(passage, length)),
          Float.floatToRawIntBits(lean.score(passage, length)),
          passage.toString());
    }
  }
}
