package org.feedfold.serve;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.feedfold.cluster.MatchEvidence;
import org.feedfold.index.IndexStats;
import org.feedfold.index.MemberExplanation;
import org.feedfold.model.ArticleVersion;
import org.feedfold.model.FeedState;
import org.feedfold.model.SearchHit;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.feedfold.model.Subscription;

/**
 * Maps records to the JSON objects of the CLI and HTTP API contract; the key names are a public
 * interface that scripts and the evaluation kits rely on, so they are spelled out here and nowhere
 * else. Values are maps and lists ready for Jackson; times stay {@link java.time.Instant}s. Article
 * links whose scheme could run code are given as {@code null}.
 */
public final class StoryJson {
  private StoryJson() {}

  /** Returns the JSON object of one record. */
  public static Map<String, Object> story(Story s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("story", s.id());
    m.put("title", s.title());
    m.put("url", Hrefs.of(s.url()));
    m.put("first_seen", iso(s.firstSeen()));
    m.put("updated", iso(s.updated()));
    m.put("size", s.size());
    m.put("articles", s.articles().stream().map(StoryJson::member).toList());
    m.put("versions", s.versions().stream().map(StoryJson::version).toList());
    return m;
  }

  /**
   * Returns the JSON object of one version of a member: {@code added} and {@code removed} are its
   * paragraphs relative to the member's version before (empty for the first version kept).
   */
  public static Map<String, Object> version(ArticleVersion v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", v.articleId());
    m.put("source", v.source());
    m.put("version", v.number());
    m.put("time", iso(v.time()));
    m.put("title", v.title());
    m.put("paragraphs", v.paragraphs());
    m.put("added", v.added());
    m.put("removed", v.removed());
    return m;
  }

  /** Returns the JSON object of one record. */
  public static Map<String, Object> member(StoryMember a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("url", Hrefs.of(a.url()));
    m.put("title", a.title());
    m.put("source", a.source());
    m.put("published", iso(a.published()));
    m.put("original", a.original());
    return m;
  }

  /** Returns the JSON object of one record. */
  public static Map<String, Object> explanation(MemberExplanation x) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", x.articleId());
    m.put("title", x.title());
    m.put("source", x.source());
    m.put("reason", x.reason());
    m.put("matched", x.matchedId());
    MatchEvidence e = x.evidence();
    if (e != null) {
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("containment", e.containment());
      ev.put("jaccard", e.jaccard());
      ev.put("title_similarity", e.titleSimilarity());
      ev.put("shared_shingles", e.shared());
      ev.put("smaller_shingles", e.smaller());
      ev.put("larger_shingles", e.larger());
      ev.put("apart_seconds", e.apart().toSeconds());
      m.put("evidence", ev);
    }
    m.put("shared_passages", x.sharedPassages());
    return m;
  }

  /** Returns the JSON object of one record. */
  public static Map<String, Object> hit(SearchHit h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", h.id());
    m.put("url", Hrefs.of(h.url()));
    m.put("title", h.title());
    m.put("source", h.source());
    m.put("published", iso(h.published()));
    m.put("story", h.story());
    m.put("score", h.score());
    m.put("snippet", h.snippet());
    return m;
  }

  /** Returns the JSON object of one record. */
  public static Map<String, Object> feed(Subscription sub, FeedState state) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", sub.url().toString());
    m.put("title", state.title() != null ? state.title() : sub.title());
    m.put("status", state.status());
    m.put("last_fetched", iso(state.lastFetched()));
    m.put("next_fetch", iso(state.nextFetch()));
    m.put("errors", state.errors());
    m.put("last_error", state.lastError());
    m.put("failing_since", iso(state.failingSince()));
    // A private feed's user name (never its password), so that a list says which feeds sign in.
    m.put("user", sub.credentials() == null ? null : sub.credentials().user());
    return m;
  }

  /** Returns the JSON object of {@code feedfold stats --json} and {@code /api/stats}. */
  public static Map<String, Object> stats(IndexStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("articles", s.articles());
    m.put("stories", s.stories());
    Map<String, Object> feeds = new LinkedHashMap<>();
    feeds.put("total", s.feeds());
    feeds.put("ok", s.feedsOk());
    feeds.put("failing", s.feedsFailing());
    feeds.put("disabled", s.feedsDisabled());
    m.put("feeds", feeds);
    m.put("index_bytes", s.bytes());
    m.put("last_fetch", iso(s.lastFetch()));
    m.put("errors_by_kind", new java.util.TreeMap<>(s.errorsByKind()));
    return m;
  }

  private static String iso(Instant t) {
    return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t);
  }
}
