package org.feedfold.solr;

import java.time.Instant;
import java.util.Random;
import org.feedfold.model.ArticleInput;

/** Makes articles of distinct made-up stories, and copies of one, from a seeded generator. */
final class Copies {
  private final Random random;

  Copies(long seed) {
    this.random = new Random(seed);
  }

  /** Returns the text of a new story: 250 words drawn from 20,000 made-up ones. */
  String story() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      b.append(i == 0 ? "" : i % 17 == 0 ? ". " : " ").append("w").append(random.nextInt(20_000));
    }
    return b.append('.').toString();
  }

  static ArticleInput article(String id, String source, String title, String text, Instant at) {
    return new ArticleInput(
        id,
        "https://" + source + ".example/" + id,
        null,
        title,
        text,
        null,
        at,
        at,
        source,
        "https://" + source + ".example/feed.xml",
        null,
        "en");
  }
}
