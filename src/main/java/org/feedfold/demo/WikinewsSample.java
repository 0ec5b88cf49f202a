package org.feedfold.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loads the Wikinews articles the demo wire republishes, from the resource {@code wikinews.jsonl}
 * beside this class (CC BY 2.5, credited in the resource's README).
 */
final class WikinewsSample {
  static final String RESOURCE = "wikinews.jsonl";

  /** Is one Wikinews article: its URL (the credit), headline and body paragraphs. */
  record Article(String id, String url, String title, List<String> paragraphs) {
    Article {
      paragraphs = List.copyOf(paragraphs);
      if (paragraphs.size() < 6) {
        throw new IllegalArgumentException(id + ": the demo needs at least 6 paragraphs");
      }
    }
  }

  private WikinewsSample() {}

  /** Returns the bundled articles in file order. */
  static List<Article> load() {
    ObjectMapper json = new ObjectMapper();
    List<Article> articles = new ArrayList<>();
    try (InputStream in = WikinewsSample.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = json.readTree(line);
        List<String> paragraphs =
            Arrays.stream(n.path("text").asText().split("\n\n"))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .toList();
        articles.add(
            new Article(
                n.path("id").asText(),
                n.path("url").asText(),
                n.path("title").asText(),
                paragraphs));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return articles;
  }
}
