package org.feedfold.solr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.feedfold.cluster.ArticleEntry;
import org.feedfold.cluster.ArticleHistory;
import org.feedfold.cluster.ArticleHistory.History;
import org.feedfold.cluster.ArticleHistory.Version;
import org.feedfold.cluster.Claimant;
import org.feedfold.cluster.StoryState;
import org.feedfold.index.StoreQueries;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.ArticleVersion;
import org.feedfold.model.FeedState;

/**
 * Maps Feedfold's records to the collection's documents and back (schema: {@code
 * org/feedfold/solr/configset/schema.xml}). Ids are prefixed by kind so the five kinds share one id
 * space: {@code a:} articles, {@code s:} stories, {@code r:} redirects of merged stories, {@code
 * f:} feed states, {@code claim!c:} claims (route key {@code claim!}: all on one shard; see {@link
 * SolrStories}), {@code k:c:} and {@code k:p:} key documents (the article last written under a
 * canonical or page key), and the marker {@value #KEYS_MARKER}.
 */
final class SolrDocs {
  static final String ID = "id";
  static final String TYPE = "type";
  static final String VERSION = "_version_";
  static final String ARTICLE = "article";
  static final String STORY = "story";
  static final String REDIRECT = "redirect";
  static final String FEED = "feed";
  static final String CLAIM = "claim";

  /** The type of a key document: the article last written under a canonical or page key. */
  static final String KEY = "key";

  /** The marker a collection holds when every article in it has its key documents. */
  static final String KEYS_MARKER = "m:keys";

  /** A key document's key, stored only. */
  static final String KEY_VALUE = "key_s";

  static final String ARTICLE_ID = "article_id";
  static final String CANONICAL_KEY = "canonical_key";
  static final String PAGE_KEY = "page_key";
  static final String TITLE = "title";
  static final String TEXT = "text";
  static final String TIME = "time";
  static final String STORY_FIELD = "story";
  static final String SID = "sid";
  static final String TO_STORY = "to_story";
  static final String UPDATED = "updated";
  static final String FIRST_SEEN = "first_seen";
  static final String FEED_KEY = "feed_key";
  static final String ENTRY = "entry_s";
  static final String URL = "url_s";
  static final String SOURCE = "source_s";
  static final String PUBLISHED = "published_l";
  static final String TEXT_HASH = "text_hash_l";
  static final String MATCHED = "matched_s";
  static final String EVIDENCE = "evidence_s";
  static final String VIA = "via_s";
  static final String SEEN = "seen_l";
  static final String VERSION_TIME = "version_time";
  static final String VERSION_TITLE = "version_title";
  static final String VERSION_TEXT = "version_text";
  static final String REVISED = "revised_l";
  static final String DROPPED = "versions_dropped_l";

  private SolrDocs() {}

  static String articleKey(String id) {
    return "a:" + id;
  }

  static String storyKey(long story) {
    return "s:" + storyId(story);
  }

  static String redirectKey(long story) {
    return "r:" + storyId(story);
  }

  static String feedKey(String url) {
    return "f:" + url;
  }

  /**
   * Returns the id of the claim of sampled shingle {@code shingle}. Every claim carries the route
   * key {@code claim!} (compositeId router), so all claims live on one shard: a new story's claims
   * then go in one update request that the shard's leader applies in order and stops at the first
   * conflict, as sending them one by one did (see {@link SolrStories}).
   */
  static String claimKey(int shingle) {
    return CLAIM_ROUTE + "c:" + HexFormat.of().toHexDigits(shingle);
  }

  /** The compositeId route key of every claim. */
  static final String CLAIM_ROUTE = "claim!";

  /**
   * Returns the id of the key document of canonical key {@code key} ({@link
   * StoreQueries#canonicalKey}): {@code k:c:} and the key's SHA-256 in Base64url, so that an id of
   * bounded length without {@code !} or {@code /} spreads the key documents over the shards by the
   * compositeId hash, as articles are.
   */
  static String canonicalDoc(String key) {
    return "k:c:" + digest(key);
  }

  /** Returns the id of the key document of page key {@code key} ({@link StoreQueries#pageKey}). */
  static String pageDoc(String key) {
    return "k:p:" + digest(key);
  }

  private static String digest(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * A key document: names the article last written under canonical or page key {@code key}, so that
   * a real-time get finds it before any commit (a search would not). A hint: the reader checks that
   * the article still holds the key.
   */
  static SolrInputDocument keyDoc(String id, String key, String articleId) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField(ID, id);
    d.setField(TYPE, KEY);
    d.setField(KEY_VALUE, key);
    d.setField(ARTICLE_ID, articleId);
    return d;
  }

  /**
   * A key document's article's {@code _version_}, written by {@code solr backfill-keys} only (an
   * add writes the key document right after its article, so its own {@code _version_} tells when).
   */
  static final String KEY_ARTICLE_VERSION = "article_version_l";

  /**
   * A key document written by the backfill: as {@link #keyDoc(String, String, String)}, with the
   * {@code _version_} of the article it names, so that it can be compared with the other articles
   * under the key.
   */
  static SolrInputDocument keyDoc(String id, String key, String articleId, long articleVersion) {
    SolrInputDocument d = keyDoc(id, key, articleId);
    d.setField(KEY_ARTICLE_VERSION, articleVersion);
    return d;
  }

  /** Returns the canonical key of a stored article's document, as it was written. */
  static String canonicalKey(SolrDocument d) {
    Instant seen = instant(d, SEEN);
    return StoreQueries.canonicalKey(
        new ArticleInput(
            string(d, ARTICLE_ID),
            string(d, URL),
            string(d, "canonical_s"),
            string(d, TITLE),
            "",
            null,
            instant(d, PUBLISHED),
            seen == null ? Instant.EPOCH : seen,
            string(d, SOURCE),
            string(d, "feed_url_s"),
            null,
            null));
  }

  /** Returns the page key of a stored article's document, as it was written. */
  static String pageKey(SolrDocument d) {
    return StoreQueries.pageKey(string(d, URL), string(d, TITLE));
  }

  static String storyId(long story) {
    return StoreQueries.storyId(story);
  }

  static OptionalLong parseStoryId(String id) {
    return StoreQueries.parseStoryId(id);
  }

  /**
   * Builds an article's document: its text analysed by the engine, its entry stored, its earlier
   * versions {@code history} kept as {@link ArticleHistory} says.
   */
  static SolrInputDocument article(
      ArticleInput a, ArticleEntry e, String matched, String evidence, History history) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField(ID, articleKey(a.id()));
    d.setField(TYPE, ARTICLE);
    d.setField(ARTICLE_ID, a.id());
    String key = StoreQueries.canonicalKey(a);
    if (key != null) {
      d.setField(CANONICAL_KEY, key);
    }
    String page = StoreQueries.pageKey(a.url(), a.title());
    if (page != null) {
      d.setField(PAGE_KEY, page);
    }
    put(d, URL, a.url());
    put(d, "canonical_s", a.canonical());
    d.setField(TITLE, a.title() == null ? "" : a.title());
    d.setField(TEXT, a.text() == null ? "" : a.text());
    put(d, "html_s", a.html() == null ? null : a.html().html());
    put(d, SOURCE, a.source());
    put(d, "feed_url_s", a.feedUrl());
    put(d, "language_s", a.language());
    if (a.source() != null && !a.source().isBlank()) {
      d.setField("source_name", a.source());
    }
    Set<String> hosts = new LinkedHashSet<>();
    for (String u : new String[] {a.url(), a.feedUrl()}) {
      String h = StoreQueries.host(u);
      if (h != null) {
        hosts.add(h);
      }
    }
    if (!hosts.isEmpty()) {
      d.setField("source_host", hosts);
    }
    if (a.language() != null && !a.language().isBlank()) {
      String tag = a.language().strip().replace('_', '-').toLowerCase(Locale.ROOT);
      Set<String> langs = new LinkedHashSet<>();
      langs.add(tag);
      int dash = tag.indexOf('-');
      if (dash > 0) {
        langs.add(tag.substring(0, dash));
      }
      d.setField("lang", langs);
    }
    if (a.published() != null) {
      d.setField(PUBLISHED, a.published().toEpochMilli());
    }
    d.setField(SEEN, a.seen().toEpochMilli());
    d.setField(TIME, e.time());
    d.setField(STORY_FIELD, storyId(e.story()));
    d.setField(ENTRY, encode(e));
    d.setField(TEXT_HASH, Claimant.textHash(a.text() == null ? "" : a.text()));
    put(d, MATCHED, matched);
    put(d, EVIDENCE, evidence);
    if (!history.earlier().isEmpty()) {
      List<Long> times = new ArrayList<>();
      List<String> titles = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (Version v : history.earlier()) {
        times.add(v.time());
        titles.add(v.title());
        texts.add(v.text());
      }
      d.setField(VERSION_TIME, times);
      d.setField(VERSION_TITLE, titles);
      d.setField(VERSION_TEXT, texts);
    }
    if (history.revised() >= 0) {
      d.setField(REVISED, history.revised());
    }
    if (history.dropped() > 0) {
      d.setField(DROPPED, (long) history.dropped());
    }
    return d;
  }

  /** Reads the history stored in an article's document. */
  static History history(SolrDocument d) {
    List<Version> earlier = new ArrayList<>();
    List<Object> times = values(d, VERSION_TIME);
    List<Object> titles = values(d, VERSION_TITLE);
    List<Object> texts = values(d, VERSION_TEXT);
    for (int i = 0; i < times.size() && i < titles.size() && i < texts.size(); i++) {
      earlier.add(
          new Version(
              ((Number) times.get(i)).longValue(), (String) titles.get(i), (String) texts.get(i)));
    }
    Object revised = d.getFirstValue(REVISED);
    return new History(
        earlier, revised == null ? -1 : ((Number) revised).longValue(), (int) num(d, DROPPED));
  }

  /** Returns the current version of a stored article whose history is {@code h}. */
  static Version current(SolrDocument d, History h) {
    Object published = d.getFirstValue(PUBLISHED);
    long time = published != null ? ((Number) published).longValue() : num(d, SEEN);
    return new Version(ArticleHistory.currentTime(h, time), string(d, TITLE), string(d, TEXT));
  }

  /** Returns every kept version of a stored article, oldest first; see {@link ArticleHistory}. */
  static List<ArticleVersion> versions(SolrDocument d) {
    History h = history(d);
    return ArticleHistory.versions(string(d, ARTICLE_ID), string(d, SOURCE), h, current(d, h));
  }

  private static List<Object> values(SolrDocument d, String field) {
    Collection<Object> v = d.getFieldValues(field);
    return v == null ? List.of() : new ArrayList<>(v);
  }

  static SolrInputDocument story(StoryState s) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField(ID, storyKey(s.id()));
    d.setField(TYPE, STORY);
    d.setField(SID, storyId(s.id()));
    d.setField(UPDATED, s.updated());
    d.setField(FIRST_SEEN, s.firstSeen());
    d.setField("size_l", (long) s.size());
    d.setField("representative_s", s.representative());
    d.setField("representative_length_l", (long) s.representativeLength());
    d.setField("original_s", s.original());
    d.setField("original_time_l", s.originalTime());
    return d;
  }

  static StoryState story(SolrDocument d) {
    return new StoryState(
        parseStoryId((String) d.getFirstValue(SID)).orElseThrow(),
        num(d, FIRST_SEEN),
        num(d, UPDATED),
        (int) num(d, "size_l"),
        (String) d.getFirstValue("representative_s"),
        (int) num(d, "representative_length_l"),
        (String) d.getFirstValue("original_s"),
        num(d, "original_time_l"));
  }

  static SolrInputDocument redirect(long from, long to, String via) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField(ID, redirectKey(from));
    d.setField(TYPE, REDIRECT);
    d.setField(SID, storyId(from));
    d.setField(TO_STORY, storyId(to));
    put(d, VIA, via);
    return d;
  }

  /**
   * A claim: the first new story to hold sampled shingle {@code h}, and the article founding it.
   */
  static SolrInputDocument claim(int h, ArticleEntry e) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField(ID, claimKey(h));
    d.setField(TYPE, CLAIM);
    d.setField(STORY_FIELD, storyId(e.story()));
    d.setField(ARTICLE_ID, e.id());
    d.setField(TIME, e.time());
    d.setField(ENTRY, encode(e));
    return d;
  }

  static SolrInputDocument feed(FeedState s) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField(ID, feedKey(s.url()));
    d.setField(TYPE, FEED);
    d.setField(FEED_KEY, s.url());
    put(d, "feed_title_s", s.title());
    put(d, "etag_s", s.etag());
    put(d, "last_modified_s", s.lastModified());
    put(d, "last_fetched_l", s.lastFetched());
    put(d, "next_fetch_l", s.nextFetch());
    d.setField("errors_l", (long) s.errors());
    put(d, "last_error_s", s.lastError());
    d.setField("disabled_l", s.disabled() ? 1L : 0L);
    put(d, "moved_to_s", s.movedTo());
    if (s.interval() != null) {
      d.setField("poll_interval_l", s.interval().toMillis());
    }
    put(d, "failing_since_l", s.failingSince());
    return d;
  }

  static FeedState feed(SolrDocument d) {
    return new FeedState(
        (String) d.getFirstValue(FEED_KEY),
        (String) d.getFirstValue("feed_title_s"),
        (String) d.getFirstValue("etag_s"),
        (String) d.getFirstValue("last_modified_s"),
        instant(d, "last_fetched_l"),
        instant(d, "next_fetch_l"),
        (int) num(d, "errors_l"),
        (String) d.getFirstValue("last_error_s"),
        num(d, "disabled_l") == 1,
        d.getFirstValue("poll_interval_l") == null
            ? null
            : Duration.ofMillis(num(d, "poll_interval_l")),
        instant(d, "failing_since_l"),
        (String) d.getFirstValue("moved_to_s"));
  }

  static ArticleEntry entry(SolrDocument d) {
    Object v = d.getFirstValue(ENTRY);
    return v == null ? null : decode((String) v);
  }

  static String string(SolrDocument d, String field) {
    Object v = d.getFirstValue(field);
    return v == null ? null : v.toString();
  }

  static long num(SolrDocument d, String field) {
    Object v = d.getFirstValue(field);
    return v == null ? 0 : ((Number) v).longValue();
  }

  static long version(SolrDocument d) {
    return num(d, VERSION);
  }

  static Instant instant(SolrDocument d, String field) {
    Object v = d.getFirstValue(field);
    return v == null ? null : Instant.ofEpochMilli(((Number) v).longValue());
  }

  /** Encodes an entry as the Lucene index keeps it ({@link StoreQueries#entryBytes}), in Base64. */
  static String encode(ArticleEntry e) {
    return Base64.getEncoder().encodeToString(StoreQueries.entryBytes(e));
  }

  static ArticleEntry decode(String base64) {
    return StoreQueries.entry(Base64.getDecoder().decode(base64));
  }

  /** Quotes a value for a term in the standard query syntax. */
  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Returns {@code field:("a" OR "b" ...)}; never empty (matches nothing for no values). */
  static String anyOf(String field, Collection<String> values) {
    if (values.isEmpty()) {
      return "(-*:*)";
    }
    StringBuilder b = new StringBuilder(field).append(":(");
    boolean first = true;
    for (String v : values) {
      b.append(first ? "" : " OR ").append(quote(v));
      first = false;
    }
    return b.append(')').toString();
  }

  private static void put(SolrInputDocument d, String field, String value) {
    if (value != null) {
      d.setField(field, value);
    }
  }

  private static void put(SolrInputDocument d, String field, Instant value) {
    if (value != null) {
      d.setField(field, value.toEpochMilli());
    }
  }
}
