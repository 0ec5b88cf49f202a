package org.feedfold.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * Is what a page's schema.org JSON-LD says about its article: the first object typed as an article
 * (NewsArticle, BlogPosting, ...), searched through arrays and {@code @graph}.
 *
 * <p>Parsing is lenient (comments, trailing commas, raw control characters: common in CMS output)
 * and bounded: scripts over {@value #MAX_SCRIPT} characters and nesting past 8 levels are skipped.
 * Any component may be {@code null}. Immutable.
 */
record LinkedData(
    String headline,
    String author,
    String published,
    String modified,
    String body,
    String image,
    String publisher,
    String url,
    String language) {
  static final int MAX_SCRIPT = 2_000_000;
  static final LinkedData NONE =
      new LinkedData(null, null, null, null, null, null, null, null, null);

  private static final Set<String> ARTICLE_TYPES =
      Set.of(
          "Article",
          "NewsArticle",
          "BlogPosting",
          "ReportageNews",
          "AnalysisNewsArticle",
          "OpinionNewsArticle",
          "ReviewNewsArticle",
          "BackgroundNewsArticle",
          "LiveBlogPosting",
          "TechArticle",
          "ScholarlyArticle",
          "Report",
          "SocialMediaPosting",
          "Blog",
          "AskPublicMediaNewsArticle",
          "SatiricalArticle",
          "Review");

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .build();

  /** Reads the JSON-LD {@code scripts}; {@link #NONE} if there is no article object. */
  static LinkedData read(List<Element> scripts) {
    JsonNode article = null;
    String siteName = null;
    for (Element script : scripts) {
      String json = script.data();
      if (json.length() > MAX_SCRIPT) {
        continue;
      }
      JsonNode root;
      try {
        root = MAPPER.readTree(json.strip());
      } catch (JsonProcessingException e) {
        continue;
      }
      for (JsonNode node : objects(root)) {
        if (article == null && hasType(node, ARTICLE_TYPES)) {
          article = node;
        } else if (siteName == null && hasType(node, Set.of("Organization", "WebSite"))) {
          siteName = string(node.get("name"));
        }
      }
    }
    if (article == null) {
      return NONE;
    }
    String publisher = name(article.get("publisher"));
    JsonNode entity = article.get("mainEntityOfPage");
    String url = string(article.get("url"));
    if (url == null && entity != null) {
      url = entity.isTextual() ? entity.asText() : string(entity.get("@id"));
    }
    return new LinkedData(
        string(article.get("headline")),
        name(article.get("author")),
        string(article.get("datePublished")),
        string(article.get("dateModified")),
        string(article.get("articleBody")),
        imageUrl(article.get("image")),
        publisher != null ? publisher : siteName,
        url,
        string(article.get("inLanguage")));
  }

  private static List<JsonNode> objects(JsonNode root) {
    List<JsonNode> out = new ArrayList<>();
    Deque<JsonNode> todo = new ArrayDeque<>();
    todo.add(root);
    int budget = 200;
    while (!todo.isEmpty() && budget-- > 0) {
      JsonNode n = todo.poll();
      if (n.isArray()) {
        n.forEach(todo::add);
      } else if (n.isObject()) {
        out.add(n);
        JsonNode graph = n.get("@graph");
        if (graph != null) {
          todo.add(graph);
        }
      }
    }
    return out;
  }

  private static boolean hasType(JsonNode node, Set<String> types) {
    JsonNode t = node.get("@type");
    if (t == null) {
      return false;
    }
    if (t.isArray()) {
      for (JsonNode x : t) {
        if (types.contains(x.asText())) {
          return true;
        }
      }
      return false;
    }
    return types.contains(t.asText());
  }

  private static String string(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isArray()) {
      return n.isEmpty() ? null : string(n.get(0));
    }
    if (n.isValueNode()) {
      String s = n.asText().strip();
      return s.isEmpty() ? null : s;
    }
    return null;
  }

  /** Reads a Person/Organization name, a plain string, or a list of either joined by ", ". */
  private static String name(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isArray()) {
      List<String> names = new ArrayList<>();
      for (JsonNode x : n) {
        String s = name(x);
        if (s != null && !names.contains(s)) {
          names.add(s);
        }
      }
      return names.isEmpty() ? null : String.join(", ", names);
    }
    if (n.isObject()) {
      return string(n.get("name"));
    }
    String s = string(n);
    return s == null || s.startsWith("http") ? null : s;
  }

  private static String imageUrl(JsonNode n) {
    if (n == null) {
      return null;
    }
    if (n.isArray()) {
      return n.isEmpty() ? null : imageUrl(n.get(0));
    }
    if (n.isObject()) {
      return string(n.get("url"));
    }
    return string(n);
  }
}
