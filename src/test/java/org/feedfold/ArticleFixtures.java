package org.feedfold;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.feedfold.model.ArticleInput;

/**
 * Reads the article fixtures of src/test/resources (lines of {@code key: value}, a blank line, the
 * text) into what a store is given.
 */
public final class ArticleFixtures {
  private ArticleFixtures() {}

  /** Returns the fixture's header lines as keys and values, in their order. */
  public static Map<String, String> header(Path file) throws IOException {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    Map<String, String> h = new LinkedHashMap<>();
    for (String line : s.substring(0, s.indexOf("\n\n")).split("\n")) {
      h.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2));
    }
    return h;
  }

  /** Returns the fixture's text: what follows the blank line, stripped. */
  public static String body(Path file) throws IOException {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    return s.substring(s.indexOf("\n\n") + 2).strip();
  }

  /**
   * Returns the article of header {@code h} with {@code text}, published and updated at {@code
   * published}, in English, from the feed {@code https://ID.example/feed}.
   */
  public static ArticleInput article(Map<String, String> h, String text, Instant published) {
    return new ArticleInput(
        h.get("id"),
        h.get("url"),
        null,
        h.get("title"),
        text,
        null,
        published,
        published,
        h.get("source"),
        "https://" + h.get("id") + ".example/feed",
        null,
        "en");
  }
}
