package org.feedfold.index;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.feedfold.cluster.ArticleEntry;
import org.feedfold.cluster.Explainer;
import org.feedfold.cluster.MatchEvidence;
import org.feedfold.cluster.StoryState;
import org.feedfold.cluster.TextTokens;
import org.feedfold.model.ArticleInput;

/**
 * Names the index fields and builds the four kinds of document the index holds: articles, stories,
 * story redirects and feed states, told apart by {@link #TYPE}.
 */
final class Fields {
  static final String TYPE = "type";
  static final String ARTICLE = "article";
  static final String STORY_DOC = "story";
  static final String REDIRECT = "redirect";
  static final String FEED = "feed";

  static final String ID = "id";
  static final String CANONICAL = "canonical";

  /** The page an article's link names, with its headline ({@link PageKey}): indexed only. */
  static final String PAGE = "page";

  static final String URL = "url";
  static final String TITLE = "title";
  static final String TEXT = "text";
  static final String HTML = "html";
  static final String SOURCE = "source";
  static final String FEED_URL = "feed_url";
  static final String PUBLISHED = "published";
  static final String SEEN = "seen";

  /** Publication time, or first-seen time if unknown: epoch millis, point + doc value. */
  static final String TIME = "time";

  /** The story the article was first assigned to, as a hex id; redirects resolve it. */
  static final String STORY = "story";

  static final String FINGERPRINT = "fingerprint";
  static final String MATCHED = "matched";
  static final String EVIDENCE = "evidence";

  static final String SID = "sid";
  static final String UPDATED = "updated";
  static final String FIRST_SEEN = "first_seen";

  /**
   * A story's first-seen time as a point and doc values, for finding the stories nearest a time
   * (the merged feed's archive links). A name of its own: {@link #FIRST_SEEN} is stored only, and
   * Lucene refuses to give a field of older segments points or doc values.
   */
  static final String FIRST_SEEN_AT = "first_seen_at";

  static final String SIZE = "size";
  static final String REPRESENTATIVE = "representative";
  static final String REPRESENTATIVE_LENGTH = "representative_length";
  static final String ORIGINAL = "original";
  static final String ORIGINAL_TIME = "original_time";

  static final String FROM = "from";
  static final String TO = "to";
  static final String VIA = "via";

  static final String FEED_KEY = "feed_key";

  /**
   * The outlet's name, analysed like the text (so {@code source:"wire service"} matches "Wire
   * Service"); indexed only, under its own name because {@link #SOURCE} is stored-only in indexes
   * written before it (Lucene refuses a field whose index options change).
   */
  static final String SOURCE_NAME = "source_name";

  /** The host of the article's link and of its feed, lower case, without {@code www.}. */
  static final String SOURCE_HOST = "source_host";

  /** The article's language tag, lower case, and its primary subtag ({@code en-gb}, {@code en}). */
  static final String LANG = "lang";

  /** The article's language tag as given, stored only (for export). */
  static final String LANGUAGE = "language";

  /**
   * The number of {@link #STORY} as a numeric doc value, so that collapsing a search reads the
   * stories of its hits without decompressing their stored fields. Absent from segments written
   * before it (2026-11-30); readers fall back to {@link #STORY} there ({@link HitKeys}).
   */
  static final String STORY_NUMBER = "story_number";

  /**
   * A 64-bit hash of the outlet's name ({@link #sourceHash}) as a numeric doc value, for the same
   * reason: collapsing only counts distinct outlets. Absent from segments written before it.
   */
  static final String SOURCE_HASH = "source_hash";

  private Fields() {}

  static Term idTerm(String id) {
    return new Term(ID, id);
  }

  static Term typeTerm(String type) {
    return new Term(TYPE, type);
  }

  /** Formats a story number as its public id: 16 lower-case hex digits. */
  static String storyId(long story) {
    return HexFormat.of().toHexDigits(story);
  }

  /** Parses a public story id; returns empty for anything else. */
  static OptionalLong parseStoryId(String id) {
    if (id == null || id.length() != 16) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseUnsignedLong(id, 16));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Returns the key that makes a re-fetched entry update its article: the canonical URL (or the
   * link) within one feed (or, for imports, one source). Scoped so that a republication whose page
   * names the original as canonical stays its own article, and its outlet stays listed. A dated
   * feed entry without a link is keyed by its feed, title and date instead, so that one whose guid
   * alone changed still finds its article ({@link Reissues} then asks for the same text; issue 10);
   * other link-less articles have no key. {@code null} when there is none.
   */
  static String canonicalKey(ArticleInput a) {
    String url = a.canonical() != null && !a.canonical().isBlank() ? a.canonical() : a.url();
    if (url == null) {
      // Without a link, an entry is known by its title and date, but only within its own feed
      // and only when dated: imported articles, and undated entries sharing a headline (wire
      // copies of one story often do), are different articles.
      if (a.title() == null
          || a.title().isBlank()
          || a.feedUrl() == null
          || a.published() == null) {
        return null;
      }
      url = "title:" + a.title() + "\n" + a.published();
    }
    String scope = a.feedUrl() != null ? a.feedUrl() : a.source() != null ? a.source() : "";
    return scope + " " + url;
  }

  /**
   * Builds an article's document; {@code tokens}, if not {@code null}, are the text's tokens as the
   * index analyzer would emit them, indexed instead of analysing the text again.
   */
  static Document article(
      ArticleInput a, ArticleEntry e, TextTokens tokens, String matched, MatchEvidence evidence) {
    Document d = new Document();
    d.add(new StringField(TYPE, ARTICLE, Field.Store.NO));
    d.add(new StringField(ID, a.id(), Field.Store.YES));
    String key = canonicalKey(a);
    if (key != null) {
      d.add(new StringField(CANONICAL, key, Field.Store.NO));
    }
    String page = PageKey.of(a.url(), a.title());
    if (page != null) {
      d.add(new StringField(PAGE, page, Field.Store.NO));
    }
    stored(d, URL, a.url());
    stored(d, CANONICAL, a.canonical());
    d.add(new TextField(TITLE, a.title(), Field.Store.YES));
    if (tokens != null) {
      d.add(new Field(TEXT, tokens.stream(), TextField.TYPE_NOT_STORED));
      d.add(new StoredField(TEXT, a.text()));
    } else {
      d.add(new TextField(TEXT, a.text(), Field.Store.YES));
    }
    stored(d, HTML, a.html() == null ? null : a.html().html());
    stored(d, SOURCE, a.source());
    stored(d, FEED_URL, a.feedUrl());
    stored(d, LANGUAGE, a.language());
    searchable(d, a);
    if (a.published() != null) {
      d.add(new StoredField(PUBLISHED, a.published().toEpochMilli()));
    }
    d.add(new StoredField(SEEN, a.seen().toEpochMilli()));
    d.add(new LongPoint(TIME, e.time()));
    d.add(new NumericDocValuesField(TIME, e.time()));
    d.add(new StringField(STORY, storyId(e.story()), Field.Store.YES));
    d.add(new NumericDocValuesField(STORY_NUMBER, e.story()));
    d.add(new NumericDocValuesField(SOURCE_HASH, sourceHash(a.source())));
    d.add(new BinaryDocValuesField(FINGERPRINT, EntryCodec.encode(e)));
    if (matched != null) {
      d.add(new StoredField(MATCHED, matched));
      d.add(new StoredField(EVIDENCE, Explainer.encode(evidence)));
    }
    return d;
  }

  /**
   * Builds the part of an article's document that queries match ({@code title text source lang
   * published}), analysed from the strings: what {@link SavedQueries} matches a new article on.
   */
  static Document matchable(ArticleInput a, long time) {
    Document d = new Document();
    d.add(new TextField(TITLE, a.title() == null ? "" : a.title(), Field.Store.NO));
    d.add(new TextField(TEXT, a.text() == null ? "" : a.text(), Field.Store.NO));
    searchable(d, a);
    d.add(new LongPoint(TIME, time));
    return d;
  }

  static Document story(StoryState s) {
    Document d = new Document();
    d.add(new StringField(TYPE, STORY_DOC, Field.Store.NO));
    d.add(new StringField(SID, storyId(s.id()), Field.Store.YES));
    d.add(new LongPoint(UPDATED, s.updated()));
    d.add(new NumericDocValuesField(UPDATED, s.updated()));
    d.add(new StoredField(UPDATED, s.updated()));
    d.add(new StoredField(FIRST_SEEN, s.firstSeen()));
    d.add(new LongPoint(FIRST_SEEN_AT, s.firstSeen()));
    d.add(new NumericDocValuesField(FIRST_SEEN_AT, s.firstSeen()));
    d.add(new StoredField(SIZE, s.size()));
    d.add(new StoredField(REPRESENTATIVE, s.representative()));
    d.add(new StoredField(REPRESENTATIVE_LENGTH, s.representativeLength()));
    d.add(new StoredField(ORIGINAL, s.original()));
    d.add(new StoredField(ORIGINAL_TIME, s.originalTime()));
    return d;
  }

  static StoryState story(Document d) {
    return new StoryState(
        parseStoryId(d.get(SID)).orElseThrow(),
        num(d, FIRST_SEEN),
        num(d, UPDATED),
        (int) num(d, SIZE),
        d.get(REPRESENTATIVE),
        (int) num(d, REPRESENTATIVE_LENGTH),
        d.get(ORIGINAL),
        num(d, ORIGINAL_TIME));
  }

  static Document redirect(long from, long to, String via) {
    Document d = new Document();
    d.add(new StringField(TYPE, REDIRECT, Field.Store.NO));
    d.add(new StringField(FROM, storyId(from), Field.Store.YES));
    d.add(new StoredField(TO, storyId(to)));
    stored(d, VIA, via);
    return d;
  }

  /** Adds what {@code source:} and {@code lang:} queries match; none of it is stored. */
  private static void searchable(Document d, ArticleInput a) {
    if (a.source() != null && !a.source().isBlank()) {
      d.add(new TextField(SOURCE_NAME, a.source(), Field.Store.NO));
    }
    Set<String> hosts = new LinkedHashSet<>();
    for (String u : new String[] {a.url(), a.feedUrl()}) {
      String h = host(u);
      if (h != null) {
        hosts.add(h);
      }
    }
    for (String h : hosts) {
      d.add(new StringField(SOURCE_HOST, h, Field.Store.NO));
    }
    if (a.language() != null && !a.language().isBlank()) {
      String tag = a.language().strip().replace('_', '-').toLowerCase(Locale.ROOT);
      d.add(new StringField(LANG, tag, Field.Store.NO));
      int dash = tag.indexOf('-');
      if (dash > 0) {
        d.add(new StringField(LANG, tag.substring(0, dash), Field.Store.NO));
      }
    }
  }

  /**
   * Returns the host of {@code url} (or of a bare host name) as {@code source:} compares it: lower
   * case, without a leading {@code www.}; {@code null} if there is none.
   */
  static String host(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String h;
    try {
      URI u = new URI(url.strip());
      h = u.getHost() != null ? u.getHost() : u.getScheme() == null ? url.strip() : null;
    } catch (URISyntaxException e) {
      return null;
    }
    if (h == null || h.isEmpty()) {
      return null;
    }
    h = h.toLowerCase(Locale.ROOT);
    return h.startsWith("www.") ? h.substring(4) : h;
  }

  /**
   * Returns a 64-bit hash of an outlet's name (FNV-1a over its chars, then MurmurHash3's
   * finaliser); {@code null} hashes as the empty name. Stable across runs: it is stored.
   */
  static long sourceHash(String source) {
    long h = 0xcbf29ce484222325L;
    String s = source == null ? "" : source;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  static long num(Document d, String field) {
    IndexableField f = d.getField(field);
    return f == null ? 0 : f.numericValue().longValue();
  }

  static Instant instant(Document d, String field) {
    IndexableField f = d.getField(field);
    return f == null ? null : Instant.ofEpochMilli(f.numericValue().longValue());
  }

  static void stored(Document d, String field, String value) {
    if (value != null) {
      d.add(new StoredField(field, value));
    }
  }
}
