package org.feedfold.config;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.coord.ShareSettings;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HostGate;
import org.feedfold.fetch.RefreshSettings;
import org.feedfold.ingest.IngestSettings;
import org.feedfold.ingest.WebSubSettings;
import org.feedfold.serve.SavedFeed;
import org.feedfold.serve.ServeSettings;
import org.feedfold.solr.SolrSettings;
import org.feedfold.solr.SolrStore;
import org.feedfold.store.StoreSettings;

/**
 * Holds the validated configuration and hands each stage its typed settings.
 *
 * <p>Immutable and thread-safe. Relative paths resolve against the Feedfold home (the directory
 * holding {@code config/}; {@code bin/feedfold} passes it).
 */
public final class FeedfoldConfig {
  /** The largest configuration file read. */
  static final int MAX_BYTES = 1 << 20;

  private static final Pattern ISO_DURATION =
      Pattern.compile("\\bPT(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:\\.\\d+)?S)?\\b");
  private final Path home;
  private final Map<ConfigKey, Object> values;

  /** The saved feeds' {@code feed.NAME.FIELD} entries, checked by {@link SavedFeed#of}. */
  private Map<String, String> savedFeeds = Map.of();

  private FeedfoldConfig(Path home, Map<ConfigKey, Object> values) {
    this.home = home;
    this.values = values;
  }

  /** Returns the embedded defaults, with relative paths resolved against {@code home}. */
  public static FeedfoldConfig defaults(Path home) {
    try {
      return build(home, null, List.of());
    } catch (ConfigException e) {
      throw new IllegalStateException("embedded defaults are invalid", e);
    }
  }

  /**
   * Loads {@code file}: {@code key=value} lines, {@code #} or {@code !} comments, keys not named
   * keep their defaults.
   *
   * @throws ConfigException naming the file, the line and the key of the first problem: an unknown
   *     or repeated key, a bad value, a line without {@code =}, a missing or unreadable file
   */
  public static FeedfoldConfig load(Path file, Path home) throws ConfigException {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ConfigException(file, 0, "larger than " + (MAX_BYTES >> 10) + " KiB");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(file, 0, Values.ioProblem(file, e));
    }
    return build(home, file, lines(bytes, file));
  }

  /** Splits UTF-8 text into lines, naming the first line that is not UTF-8. */
  private static List<String> lines(byte[] bytes, Path file) throws ConfigException {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        if (i == bytes.length && start == i) {
          break;
        }
        try {
          lines.add(
              StandardCharsets.UTF_8
                  .newDecoder()
                  .decode(ByteBuffer.wrap(bytes, start, i - start))
                  .toString());
        } catch (CharacterCodingException e) {
          throw new ConfigException(file, lines.size() + 1, "not UTF-8 text");
        }
        start = i + 1;
      }
    }
    return lines;
  }

  private static FeedfoldConfig build(Path home, Path file, List<String> lines)
      throws ConfigException {
    Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
    for (ConfigKey k : ConfigKey.values()) {
      values.put(k, Values.parse(k.kind, k.defaultValue));
    }
    Map<ConfigKey, Integer> seenAt = new EnumMap<>(ConfigKey.class);
    Map<String, String> saved = new LinkedHashMap<>();
    Map<String, Integer> savedAt = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(file, lineNo, "expected key=value, got '" + line + "'");
      }
      String name = line.substring(0, eq).strip();
      if (SavedFeed.isKey(name)) {
        // Saved feeds are named by the user, so their keys are checked as a group below.
        Integer earlier = savedAt.putIfAbsent(name, lineNo);
        if (earlier != null) {
          throw new ConfigException(
              file, lineNo, "key '" + name + "' is already set on line " + earlier);
        }
        saved.put(name, line.substring(eq + 1));
        try {
          SavedFeed.of(Map.of(name, line.substring(eq + 1)));
        } catch (IllegalArgumentException e) {
          throw new ConfigException(file, lineNo, e.getMessage());
        }
        continue;
      }
      ConfigKey key = ConfigKey.byName(name);
      if (key == null) {
        throw new ConfigException(file, lineNo, "unknown key '" + name + "'" + suggest(name));
      }
      Integer earlier = seenAt.put(key, lineNo);
      if (earlier != null) {
        throw new ConfigException(
            file, lineNo, "key '" + name + "' is already set on line " + earlier);
      }
      try {
        values.put(key, Values.parse(key.kind, line.substring(eq + 1)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(file, lineNo, "key '" + name + "': " + e.getMessage());
      }
    }
    FeedfoldConfig config = new FeedfoldConfig(home, values);
    config.savedFeeds = Map.copyOf(saved);
    try {
      config.serveSettings(null, null);
    } catch (IllegalArgumentException e) {
      String first = e.getMessage().split("[ :]", 2)[0];
      if (savedAt.containsKey(first)) {
        throw new ConfigException(file, savedAt.get(first), e.getMessage());
      }
    }
    config.checkRelations(file, seenAt);
    return config;
  }

  /**
   * Builds every stage's settings once, so that rules between keys (a minimum above a maximum) fail
   * at load time with the line of the key the stage names.
   */
  private void checkRelations(Path file, Map<ConfigKey, Integer> at) throws ConfigException {
    try {
      if (duration(ConfigKey.FETCH_MIN_INTERVAL).compareTo(duration(ConfigKey.FETCH_MAX_INTERVAL))
          > 0) {
        throw new IllegalArgumentException("fetch.min-interval must not exceed fetch.max-interval");
      }
      feedFetchSettings("check");
      pageFetchSettings("check");
      refreshSettings();
      hostGate();
      ingestSettings();
      serveSettings(null, null);
      clusterSettings();
      webSubSettings();
      storeSettings();
      solrSettleArticles();
      solrClaimsMaxAge();
      shareSettings();
    } catch (IllegalArgumentException | IllegalStateException e) {
      Throwable cause =
          e instanceof IllegalStateException && e.getCause() != null ? e.getCause() : e;
      String message = humanDurations(cause.getMessage());
      ConfigKey named = null;
      for (ConfigKey k : ConfigKey.values()) {
        if (message.startsWith(k.key) && (named == null || k.key.length() > named.key.length())) {
          named = k;
        }
      }
      String rest = named == null ? message : message.substring(named.key.length()).strip();
      if (named != null && !at.containsKey(named)) {
        // The rule names a key left at its default: point at the key of the file it clashes with.
        ConfigKey set = null;
        for (ConfigKey k : ConfigKey.values()) {
          if (at.containsKey(k)
              && rest.matches(".*\\b" + Pattern.quote(k.key) + "\\b.*")
              && (set == null || k.key.length() > set.key.length())) {
            set = k;
          }
        }
        if (set != null) {
          throw new ConfigException(
              file,
              at.get(set),
              "key '"
                  + set.key
                  + "': "
                  + named.key
                  + (named.defaultValue.isEmpty()
                      ? " (not set) "
                      : " (" + named.defaultValue + ", the default) ")
                  + rest.replaceFirst(":\\s*\\S+$", ""));
        }
      }
      int line = named == null ? 0 : at.getOrDefault(named, 0);
      throw new ConfigException(
          file, line, "key '" + (named == null ? "?" : named.key) + "': " + rest);
    }
  }

  /** Writes ISO-8601 durations ({@code PT30M}) in the file's syntax ({@code 30m}). */
  private static String humanDurations(String message) {
    Matcher m = ISO_DURATION.matcher(message);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      Duration d = Duration.parse(m.group());
      String human =
          d.toMillis() % 86_400_000 == 0
              ? d.toDays() + "d"
              : d.toMillis() % 3_600_000 == 0
                  ? d.toHours() + "h"
                  : d.toMillis() % 60_000 == 0
                      ? d.toMinutes() + "m"
                      : d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
      m.appendReplacement(b, human);
    }
    m.appendTail(b);
    return b.toString();
  }

  private static String suggest(String name) {
    String prefix = name.contains(".") ? name.substring(0, name.indexOf('.') + 1) : name;
    String same =
        Stream.of(ConfigKey.values())
            .map(k -> k.key)
            .filter(k -> k.startsWith(prefix))
            .collect(Collectors.joining(", "));
    return same.isEmpty() ? "" : " (known keys: " + same + ")";
  }

  /** Returns a copy whose data directory is {@code dir} (resolved against the home). */
  public FeedfoldConfig withDataDir(Path dir) {
    Map<ConfigKey, Object> copy = new EnumMap<>(values);
    copy.put(ConfigKey.DATA_DIR, dir);
    return new FeedfoldConfig(home, copy);
  }

  /** Returns the home directory that relative paths resolve against. */
  public Path home() {
    return home;
  }

  /** Returns the data directory (index, logs), absolute. */
  public Path dataDir() {
    return home.resolve((Path) values.get(ConfigKey.DATA_DIR)).normalize();
  }

  /** Returns the OPML subscription file, absolute. */
  public Path feedsFile() {
    return home.resolve((Path) values.get(ConfigKey.FEEDS_FILE)).normalize();
  }

  /** Returns the clustering thresholds. */
  public ClusterSettings clusterSettings() {
    try {
      return new ClusterSettings(
          duration(ConfigKey.CLUSTER_WINDOW),
          fraction(ConfigKey.CLUSTER_MIN_CONTAINMENT),
          fraction(ConfigKey.CLUSTER_STRONG_CONTAINMENT),
          integer(ConfigKey.CLUSTER_STRONG_SHARED_SHINGLES),
          fraction(ConfigKey.CLUSTER_TITLE_SUPPORTED_CONTAINMENT),
          fraction(ConfigKey.CLUSTER_MIN_TITLE_SIMILARITY),
          fraction(ConfigKey.CLUSTER_STRONG_TITLE_SIMILARITY),
          integer(ConfigKey.CLUSTER_MIN_SHARED_SHINGLES),
          integer(ConfigKey.CLUSTER_SHINGLE_WORDS),
          integer(ConfigKey.CLUSTER_SAMPLE_MODULUS),
          integer(ConfigKey.CLUSTER_BOILERPLATE_STORIES),
          integer(ConfigKey.CLUSTER_MAX_CANDIDATES),
          integer(ConfigKey.CLUSTER_WINDOW_ARTICLES));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Returns which store to open ({@code store.type}) and where. */
  public StoreSettings storeSettings() {
    StoreSettings.Type type = StoreSettings.Type.parse(string(ConfigKey.STORE_TYPE));
    return new StoreSettings(
        type,
        dataDir().resolve("index"),
        clusterSettings(),
        type == StoreSettings.Type.SOLR ? solrSettings() : null);
  }

  /** Returns {@code store.solr.zk-hosts} as written (empty if unset). */
  public String solrSettingsZk() {
    return string(ConfigKey.STORE_SOLR_ZK_HOSTS);
  }

  /** Returns {@code store.solr.collection}. */
  public String solrSettingsCollection() {
    return string(ConfigKey.STORE_SOLR_COLLECTION);
  }

  /** The most articles {@code store.solr.settle-articles} lets one settle pass look at. */
  public static final int MAX_SETTLE_ARTICLES = 100_000;

  /**
   * Returns {@code store.solr.settle-articles}: how many recent articles the group's leader looks
   * at again per settle pass (0: no pass).
   *
   * @throws IllegalArgumentException naming the key if over {@link #MAX_SETTLE_ARTICLES}
   */
  public int solrSettleArticles() {
    int n = integer(ConfigKey.STORE_SOLR_SETTLE_ARTICLES);
    if (n > MAX_SETTLE_ARTICLES) {
      throw new IllegalArgumentException(
          "store.solr.settle-articles must be at most " + MAX_SETTLE_ARTICLES + ": " + n);
    }
    return n;
  }

  /**
   * Returns {@code store.solr.claims-max-age}: shingle claims older than this are deleted ({@link
   * SolrStore#cleanClaims}).
   *
   * @throws IllegalArgumentException naming the key if shorter than {@link SolrStore#minClaimAge}
   *     of {@code fetch.commit-interval}
   */
  public Duration solrClaimsMaxAge() {
    Duration age = duration(ConfigKey.STORE_SOLR_CLAIMS_MAX_AGE);
    Duration min = SolrStore.minClaimAge(duration(ConfigKey.FETCH_COMMIT_INTERVAL));
    if (age.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "store.solr.claims-max-age must be at least "
              + SolrStore.MIN_CLAIM_AGE
              + " and 10 times fetch.commit-interval ("
              + min
              + "): "
              + age);
    }
    return age;
  }

  /**
   * Returns where the SolrCloud store lives ({@code store.solr.*}).
   *
   * @throws IllegalArgumentException naming the key if the address or the name is malformed
   */
  public SolrSettings solrSettings() {
    return SolrSettings.parse(
        string(ConfigKey.STORE_SOLR_ZK_HOSTS), string(ConfigKey.STORE_SOLR_COLLECTION));
  }

  /** Returns the settings of the feed fetcher; {@code version} goes into the default User-Agent. */
  public FetchSettings feedFetchSettings(String version) {
    return fetchSettings(version, size(ConfigKey.FETCH_MAX_BODY));
  }

  /** Returns the settings of the article-page fetcher: as for feeds, with the page size cap. */
  public FetchSettings pageFetchSettings(String version) {
    return fetchSettings(version, size(ConfigKey.EXTRACT_MAX_PAGE));
  }

  private FetchSettings fetchSettings(String version, long maxBody) {
    String agent = string(ConfigKey.FETCH_USER_AGENT);
    FetchSettings defaults = FetchSettings.defaults(version);
    return new FetchSettings(
        duration(ConfigKey.FETCH_CONNECT_TIMEOUT),
        duration(ConfigKey.FETCH_READ_TIMEOUT),
        maxBody,
        agent.isEmpty() ? defaults.userAgent() : agent,
        integer(ConfigKey.FETCH_MAX_REDIRECTS),
        integer(ConfigKey.FETCH_MAX_CONNECTIONS_PER_HOST),
        Math.max(
            defaults.maxConnectionsTotal(),
            Math.max(
                integer(ConfigKey.FETCH_MAX_CONNECTIONS_PER_HOST),
                2 * integer(ConfigKey.FETCH_CONCURRENCY))),
        duration(ConfigKey.FETCH_DEADLINE),
        bool(ConfigKey.FETCH_ALLOW_PRIVATE));
  }

  /**
   * Returns a new per-host gate ({@code fetch.max-connections-per-host}, {@code fetch.host-delay})
   * to share between the feed and page fetchers of one process.
   */
  public HostGate hostGate() {
    return new HostGate(
        integer(ConfigKey.FETCH_MAX_CONNECTIONS_PER_HOST), duration(ConfigKey.FETCH_HOST_DELAY));
  }

  /** Returns the poll intervals and back-off limits. */
  public RefreshSettings refreshSettings() {
    Duration interval = duration(ConfigKey.FETCH_INTERVAL);
    Duration min = duration(ConfigKey.FETCH_MIN_INTERVAL);
    if (interval.compareTo(min) < 0
        && min.equals(
            Values.parse(
                ConfigKey.FETCH_MIN_INTERVAL.kind, ConfigKey.FETCH_MIN_INTERVAL.defaultValue))) {
      // A fetch.interval set below the default minimum (15m, issue 10) keeps working as before.
      min = interval;
    }
    return new RefreshSettings(interval, min, duration(ConfigKey.FETCH_MAX_INTERVAL));
  }

  /** Returns the ingest limits. */
  public IngestSettings ingestSettings() {
    return new IngestSettings(
        integer(ConfigKey.FETCH_CONCURRENCY),
        integer(ConfigKey.FETCH_MAX_ENTRIES),
        bool(ConfigKey.EXTRACT_ENABLED),
        integer(ConfigKey.EXTRACT_MIN_TEXT),
        duration(ConfigKey.FETCH_COMMIT_INTERVAL),
        integer(ConfigKey.FETCH_COMMIT_FEEDS));
  }

  /**
   * Returns the merged-feed server settings.
   *
   * @param bind overrides {@code http.bind} unless {@code null}
   * @param port overrides {@code http.port} unless {@code null}
   */
  public ServeSettings serveSettings(String bind, Integer port) {
    return new ServeSettings(
        bind != null ? bind : string(ConfigKey.HTTP_BIND),
        port != null ? port : integer(ConfigKey.HTTP_PORT),
        integer(ConfigKey.SERVE_LIMIT),
        integer(ConfigKey.SERVE_MAX_LIMIT),
        string(ConfigKey.SERVE_TITLE),
        uri(ConfigKey.SERVE_PUBLIC_URL),
        new ServeSettings.Limits(
            duration(ConfigKey.HTTP_HEADER_TIMEOUT),
            duration(ConfigKey.HTTP_IDLE_TIMEOUT),
            integer(ConfigKey.HTTP_MAX_CONNECTIONS_PER_CLIENT),
            integer(ConfigKey.HTTP_MAX_CONNECTIONS),
            integer(ConfigKey.HTTP_THREADS),
            integer(ConfigKey.HTTP_QUEUE)),
        string(ConfigKey.HTTP_TOKEN),
        SavedFeed.of(savedFeeds),
        uri(ConfigKey.SERVE_WEBSUB_HUB));
  }

  /**
   * Returns the WebSub subscriber settings, or {@code null} when push is off: {@code
   * websub.enabled=false} or no {@code serve.public-url} for hubs to call back.
   */
  public WebSubSettings webSubSettings() {
    URI base = uri(ConfigKey.SERVE_PUBLIC_URL);
    Duration lease = duration(ConfigKey.WEBSUB_LEASE);
    if (lease.compareTo(Duration.ofMinutes(5)) < 0 || lease.compareTo(Duration.ofDays(365)) > 0) {
      throw new IllegalArgumentException("websub.lease must be between 5m and 365d: " + lease);
    }
    if (!bool(ConfigKey.WEBSUB_ENABLED) || base == null) {
      return null;
    }
    return new WebSubSettings(base, lease, size(ConfigKey.FETCH_MAX_BODY));
  }

  /**
   * Returns the settings of the group of daemons sharing the fetch work, or {@code null} when
   * {@code cluster.zk-hosts} is empty (the daemon fetches every feed alone).
   */
  public ShareSettings shareSettings() {
    String hosts = string(ConfigKey.CLUSTER_ZK_HOSTS);
    String id = string(ConfigKey.CLUSTER_MEMBER_ID);
    String name = string(ConfigKey.CLUSTER_NAME);
    Duration session = duration(ConfigKey.CLUSTER_SESSION_TIMEOUT);
    if (hosts.isEmpty()) {
      // Checked all the same, so a mistake shows before the group is switched on.
      new ShareSettings("localhost:2181", name, session, id.isEmpty() ? "check" : id);
      return null;
    }
    return new ShareSettings(
        hosts,
        name,
        session,
        id.isEmpty()
            ? ShareSettings.defaultMemberId(hostName(), ProcessHandle.current().pid())
            : id);
  }

  /**
   * Returns the group's settings at the ZooKeeper {@code zkHosts} (a command's {@code --zk}) with
   * the configured {@code cluster.name} and {@code cluster.session-timeout}, for a command that
   * edits the group's data without joining it ({@code memberId} names it).
   *
   * @throws IllegalArgumentException if {@code zkHosts} is not a connect string
   */
  public ShareSettings shareSettings(String zkHosts, String memberId) {
    return new ShareSettings(
        zkHosts,
        string(ConfigKey.CLUSTER_NAME),
        duration(ConfigKey.CLUSTER_SESSION_TIMEOUT),
        memberId);
  }

  /** Returns {@code cluster.zk-hosts}, empty when the daemon fetches alone. */
  public String clusterZkHosts() {
    return string(ConfigKey.CLUSTER_ZK_HOSTS);
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "feedfold";
    }
  }

  Duration duration(ConfigKey key) {
    return (Duration) Objects.requireNonNull(values.get(key), key.key);
  }

  double fraction(ConfigKey key) {
    return (Double) values.get(key);
  }

  int integer(ConfigKey key) {
    return (Integer) values.get(key);
  }

  long size(ConfigKey key) {
    return (Long) values.get(key);
  }

  boolean bool(ConfigKey key) {
    return (Boolean) values.get(key);
  }

  String string(ConfigKey key) {
    return (String) values.get(key);
  }

  URI uri(ConfigKey key) {
    return (URI) values.get(key);
  }
}
