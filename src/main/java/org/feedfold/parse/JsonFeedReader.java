package org.feedfold.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.feedfold.model.Enclosure;
import org.feedfold.model.FeedEntry;
import org.feedfold.model.FeedMeta;
import org.feedfold.sanitize.SafeHtml;
import org.feedfold.sanitize.Sanitizer;

/**
 * Maps JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/) to Feedfold's records. Titles
 * are plain text as the spec says; {@code content_html} and {@code summary} are sanitised; URLs are
 * resolved against the document URL. Items whose id is an object or array are dropped, since no
 * stable id can be made from them. Thread-safe (the mapper is immutable once built).
 */
final class JsonFeedReader {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(20_000_000)
                .build());
    MAPPER.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  private JsonFeedReader() {}

  /** Says whether decoded text looks like a JSON document rather than XML. */
  static boolean looksLikeJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c == '{';
      }
    }
    return false;
  }

  /** Returns the mapped feed; throws when the text is not a JSON object. */
  static FeedMapper.Result read(String text, URI base, URI feedUrl) throws JsonProcessingException {
    JsonNode root = MAPPER.readTree(text.strip());
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("JSON feed is not an object");
    }
    String v = str(root, "version");
    String version = v != null && v.contains("/1.1") ? "json11" : "json10";
    FeedMeta meta =
        new FeedMeta(
            InputLimits.title(str(root, "title"), feedUrl),
            url(base, str(root, "home_page_url")),
            str(root, "description"),
            str(root, "feed_url"),
            str(root, "language"),
            null,
            null,
            author(root),
            null,
            hub(root, base),
            url(base, str(root, "feed_url")));
    List<FeedEntry> entries = new ArrayList<>();
    JsonNode items = root.get("items");
    if (items != null && items.isArray()) {
      for (JsonNode item : items) {
        if (entries.size() >= FeedMapper.MAX_ENTRIES) {
          InputLimits.entriesCut(feedUrl, items.size(), FeedMapper.MAX_ENTRIES);
          break;
        }
        if (item.isObject() && !(item.has("id") && item.get("id").isContainerNode())) {
          entries.add(entry(item, base, feedUrl));
        }
      }
    }
    return new FeedMapper.Result(version, meta, entries);
  }

  /** Returns the URL of the first {@code hubs} entry of type WebSub (JSON Feed 1.1), else null. */
  private static String hub(JsonNode root, URI base) {
    JsonNode hubs = root.get("hubs");
    if (hubs != null && hubs.isArray()) {
      for (JsonNode h : hubs) {
        String type = h.isObject() ? str(h, "type") : null;
        if (type != null && type.strip().equalsIgnoreCase("websub")) {
          return url(base, str(h, "url"));
        }
      }
    }
    return null;
  }

  private static FeedEntry entry(JsonNode item, URI base, URI feedUrl) {
    String title = InputLimits.title(str(item, "title"), feedUrl);
    String link = url(base, str(item, "url"));
    if (link == null) {
      link = url(base, str(item, "external_url"));
    }
    Instant published = DateParser.parse(str(item, "date_published"));
    Instant updated = DateParser.parse(str(item, "date_modified"));
    String id = scalar(item.get("id"));
    if (id == null || id.isEmpty()) {
      id = link != null && !link.isEmpty() ? link : EntryIds.hash(title, published, updated);
    }
    String html = str(item, "content_html");
    SafeHtml content =
        html != null ? Sanitizer.html(html, base) : Sanitizer.text(str(item, "content_text"));
    // JSON Feed 1.1: summary is plain text.
    SafeHtml summary = Sanitizer.text(str(item, "summary"));
    Set<String> tags = new LinkedHashSet<>();
    JsonNode t = item.get("tags");
    if (t != null && t.isArray()) {
      for (JsonNode tag : t) {
        if (tag.isTextual() && !tag.asText().isBlank()) {
          tags.add(InputLimits.withoutControls(tag.asText()).strip());
        }
      }
    }
    List<Enclosure> enclosures = new ArrayList<>();
    JsonNode att = item.get("attachments");
    if (att != null && att.isArray()) {
      for (JsonNode a : att) {
        String u = url(base, str(a, "url"));
        if (u != null && !u.isEmpty()) {
          JsonNode size = a.get("size_in_bytes");
          enclosures.add(
              new Enclosure(
                  u,
                  str(a, "mime_type"),
                  size != null && size.canConvertToLong() ? size.asLong() : null));
        }
      }
    }
    return new FeedEntry(
        id,
        title,
        link,
        published,
        updated,
        author(item),
        summary,
        content,
        List.copyOf(tags),
        enclosures);
  }

  private static String author(JsonNode node) {
    JsonNode authors = node.get("authors");
    JsonNode a =
        authors != null && authors.isArray() && !authors.isEmpty()
            ? authors.get(0)
            : node.get("author");
    return a != null && a.isObject() ? str(a, "name") : null;
  }

  private static String url(URI base, String u) {
    return u == null ? null : Sanitizer.resolve(base, u);
  }

  /** Returns a string member, stripped; {@code null} when absent or not a string. */
  private static String str(JsonNode node, String field) {
    JsonNode v = node.get(field);
    // A \u0000 escape is valid JSON but must not reach the index.
    return v != null && v.isTextual() ? InputLimits.withoutControls(v.asText()).strip() : null;
  }

  /** Returns any scalar as text (JSON Feed 1.0 ids were sometimes numbers). */
  private static String scalar(JsonNode v) {
    if (v == null || v.isContainerNode()) {
      return null;
    }
    if (v.isNull()) {
      return "null";
    }
    if (v.isDouble() && Double.isNaN(v.asDouble())) {
      return "NaN";
    }
    if (v.isDouble() && Double.isInfinite(v.asDouble())) {
      return v.asDouble() > 0 ? "Infinity" : "-Infinity";
    }
    return v.isNumber() && v.canConvertToLong() && !v.isFloatingPointNumber()
        ? Long.toString(v.asLong())
        : InputLimits.withoutControls(v.asText()).strip();
  }
}
