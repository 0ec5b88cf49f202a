package org.feedfold.config;

/**
 * Declares every configuration key once: its name, its default and what it means. {@code
 * config/feedfold.properties} is generated from the same facts and checked against this table by a
 * test.
 */
enum ConfigKey {
  DATA_DIR("data.dir", Kind.PATH, "data", "Directory of the index and logs; relative to the home."),
  FEEDS_FILE(
      "feeds.file",
      Kind.PATH,
      "config/feeds.opml",
      "OPML file listing the subscriptions; edited by hand or by 'feeds add/remove/import'."),
  STORE_TYPE(
      "store.type",
      Kind.STRING,
      "lucene",
      "Where articles, stories and feed state are kept: lucene = the embedded index in data.dir; solr = a SolrCloud collection (store.solr.*)."),
  STORE_SOLR_ZK_HOSTS(
      "store.solr.zk-hosts",
      Kind.STRING,
      "",
      "store.type=solr: SolrCloud's ZooKeeper, HOST:PORT[,HOST:PORT...][/CHROOT]; see docs/SCALING.md."),
  STORE_SOLR_COLLECTION(
      "store.solr.collection",
      Kind.STRING,
      "feedfold",
      "store.type=solr: the collection ('feedfold solr init' creates it)."),
  STORE_SOLR_SETTLE_ARTICLES(
      "store.solr.settle-articles",
      Kind.NON_NEGATIVE_INT,
      "1000",
      "store.type=solr with cluster.zk-hosts: the leader looks again at up to this many recent articles per pass (every 5s, at most 100000) and merges stories that adds on two daemons between commits split; 0 = off. See docs/SCALING.md."),
  STORE_SOLR_CLAIMS_MAX_AGE(
      "store.solr.claims-max-age",
      Kind.DURATION,
      "1d",
      "store.type=solr: shingle claims (8 per new story, all on one shard) older than this are deleted by the cluster's leader every hour and by 'feedfold solr clean-claims'; at least 1h and 10 x fetch.commit-interval. See docs/SCALING.md."),
  HTTP_BIND("http.bind", Kind.HOST, "127.0.0.1", "Address the merged-feed server listens on."),
  HTTP_PORT("http.port", Kind.PORT, "8080", "Port of the merged-feed server (0 = any free port)."),
  HTTP_TOKEN(
      "http.token",
      Kind.STRING,
      "",
      "Bearer token (16+ characters) every request but /healthz must send; empty = none, loopback only."),
  HTTP_HEADER_TIMEOUT(
      "http.header-timeout",
      Kind.DURATION,
      "10s",
      "Time a client has to send a whole request, from connecting or from its first byte."),
  HTTP_IDLE_TIMEOUT(
      "http.idle-timeout",
      Kind.DURATION,
      "60s",
      "An idle keep-alive connection is closed after this."),
  HTTP_MAX_CONNECTIONS_PER_CLIENT(
      "http.max-connections-per-client",
      Kind.POSITIVE_INT,
      "16",
      "Open connections from one client address at most; more are answered 429 and closed."),
  HTTP_MAX_CONNECTIONS(
      "http.max-connections",
      Kind.POSITIVE_INT,
      "512",
      "Open connections in all at most; more are answered 503 and closed."),
  HTTP_THREADS(
      "http.threads",
      Kind.POSITIVE_INT,
      "4",
      "Threads that read the index and render feeds for requests."),
  HTTP_QUEUE(
      "http.queue",
      Kind.POSITIVE_INT,
      "64",
      "Requests waiting for one of those threads at most; more are answered 503."),
  SERVE_TITLE("serve.title", Kind.STRING, "Feedfold", "Title of the merged feed."),
  SERVE_PUBLIC_URL(
      "serve.public-url",
      Kind.OPTIONAL_URI,
      "",
      "Public base URL of the server behind a proxy; empty = the request's host."),
  SERVE_LIMIT("serve.limit", Kind.POSITIVE_INT, "50", "Stories per merged feed by default."),
  SERVE_MAX_LIMIT("serve.max-limit", Kind.POSITIVE_INT, "500", "Largest ?limit= accepted."),
  SERVE_WEBSUB_HUB(
      "serve.websub-hub",
      Kind.OPTIONAL_URI,
      "",
      "WebSub hub the feeds advertise (rel=hub) and ping when they change; empty = none."),
  WEBSUB_ENABLED(
      "websub.enabled",
      Kind.BOOLEAN,
      "true",
      "Subscribe to the WebSub hubs feeds advertise and take their pushes at"
          + " serve.public-url/websub/; only when serve.public-url is set."),
  WEBSUB_LEASE(
      "websub.lease",
      Kind.DURATION,
      "7d",
      "Lease asked of WebSub hubs (5m to 365d); renewed at 85% of what the hub grants."),
  FETCH_INTERVAL(
      "fetch.interval",
      Kind.DURATION,
      "30m",
      "Starting poll interval of a feed, and the base of the failure back-off."),
  FETCH_MIN_INTERVAL(
      "fetch.min-interval",
      Kind.DURATION,
      "15m",
      "Shortest poll interval, however often a feed publishes (lowered to fetch.interval if"
          + " that is set shorter)."),
  FETCH_MAX_INTERVAL(
      "fetch.max-interval",
      Kind.DURATION,
      "24h",
      "Longest poll interval and back-off, whatever a quiet feed or a server asks."),
  FETCH_CONCURRENCY("fetch.concurrency", Kind.POSITIVE_INT, "4", "Feeds fetched at the same time."),
  FETCH_CONNECT_TIMEOUT(
      "fetch.connect-timeout", Kind.DURATION, "10s", "Time allowed to open a connection."),
  FETCH_READ_TIMEOUT(
      "fetch.read-timeout", Kind.DURATION, "30s", "Time allowed between bytes of a response."),
  FETCH_DEADLINE(
      "fetch.deadline",
      Kind.DURATION,
      "60s",
      "Longest one fetch may take in all, however slowly the server sends; then it fails."),
  FETCH_MAX_BODY(
      "fetch.max-body", Kind.SIZE, "10MiB", "Largest feed body read; the rest is cut and logged."),
  FETCH_MAX_REDIRECTS("fetch.max-redirects", Kind.NON_NEGATIVE_INT, "5", "Redirects followed."),
  FETCH_MAX_CONNECTIONS_PER_HOST(
      "fetch.max-connections-per-host",
      Kind.POSITIVE_INT,
      "2",
      "Open connections to one host at most (politeness)."),
  FETCH_HOST_DELAY(
      "fetch.host-delay",
      Kind.DURATION_OR_ZERO,
      "1s",
      "Least time between the starts of two requests to one host (feeds and pages); 0 = none."),
  FETCH_USER_AGENT(
      "fetch.user-agent",
      Kind.STRING,
      "",
      "User-Agent header; empty = Feedfold/<version> (+https://github.com/feedfold/feedfold)."),
  FETCH_MAX_ENTRIES(
      "fetch.max-entries", Kind.POSITIVE_INT, "200", "Entries taken from one feed document."),
  FETCH_ALLOW_PRIVATE(
      "fetch.allow-private",
      Kind.BOOLEAN,
      "true",
      "Fetch loopback and private addresses; false for public deployments (link-local and cloud"
          + " metadata addresses are refused either way)."),
  FETCH_COMMIT_INTERVAL(
      "fetch.commit-interval",
      Kind.DURATION,
      "1s",
      "Feeds fetched within this share one index commit (a crash refetches them)."),
  FETCH_COMMIT_FEEDS(
      "fetch.commit-feeds", Kind.POSITIVE_INT, "500", "Feeds after which a commit is made anyway."),
  EXTRACT_ENABLED(
      "extract.enabled",
      Kind.BOOLEAN,
      "true",
      "Fetch the linked page when an entry carries less than the article."),
  EXTRACT_MIN_TEXT(
      "extract.min-text",
      Kind.NON_NEGATIVE_INT,
      "1000",
      "Entries with less feed text than this many characters get their page fetched."),
  EXTRACT_MAX_PAGE("extract.max-page", Kind.SIZE, "5MiB", "Largest article page read."),
  CLUSTER_WINDOW(
      "cluster.window",
      Kind.DURATION,
      "7d",
      "How far apart in time two articles may be published and still be one story."),
  CLUSTER_MIN_CONTAINMENT(
      "cluster.min-containment",
      Kind.FRACTION,
      "0.5",
      "Least share of the shorter text's passages found in the longer one to join a story."),
  CLUSTER_STRONG_CONTAINMENT(
      "cluster.strong-containment",
      Kind.FRACTION,
      "0.9",
      "A containment that needs no other support, even when the shared passage is short."),
  CLUSTER_STRONG_SHARED_SHINGLES(
      "cluster.strong-shared-shingles",
      Kind.POSITIVE_INT,
      "20",
      "A shared passage this long (sampled shingles, ~4 words each) needs no title support."),
  CLUSTER_TITLE_SUPPORTED_CONTAINMENT(
      "cluster.title-supported-containment",
      Kind.FRACTION,
      "0.3",
      "Lower containment accepted when titles strongly agree and the shared passage is long."),
  CLUSTER_MIN_TITLE_SIMILARITY(
      "cluster.min-title-similarity",
      Kind.FRACTION,
      "0.5",
      "How alike titles must be (Dice of content words) to support a short match."),
  CLUSTER_STRONG_TITLE_SIMILARITY(
      "cluster.strong-title-similarity",
      Kind.FRACTION,
      "0.8",
      "How alike titles must be to support a match below cluster.min-containment."),
  CLUSTER_MIN_SHARED_SHINGLES(
      "cluster.min-shared-shingles",
      Kind.POSITIVE_INT,
      "3",
      "Least shared informative shingles for any match, so short texts cannot glue stories."),
  CLUSTER_SHINGLE_WORDS("cluster.shingle-words", Kind.POSITIVE_INT, "5", "Words per shingle."),
  CLUSTER_SAMPLE_MODULUS(
      "cluster.sample-modulus",
      Kind.POSITIVE_INT,
      "4",
      "Keep one shingle in this many, chosen by hash value so every text keeps the same ones."),
  CLUSTER_BOILERPLATE_STORIES(
      "cluster.boilerplate-stories",
      Kind.POSITIVE_INT,
      "3",
      "A shingle found in this many different stories is boilerplate and counts for nothing."),
  CLUSTER_MAX_CANDIDATES(
      "cluster.max-candidates",
      Kind.POSITIVE_INT,
      "12",
      "Candidate articles verified per added article."),
  CLUSTER_WINDOW_ARTICLES(
      "cluster.window-articles",
      Kind.POSITIVE_INT,
      "50000",
      "Most articles whose fingerprints are held in memory for matching (about 3 KB each)."),
  CLUSTER_ZK_HOSTS(
      "cluster.zk-hosts",
      Kind.STRING,
      "",
      "ZooKeeper (host:port,host:port[/path]) of daemons sharing the fetch work; empty = fetch alone."),
  CLUSTER_NAME(
      "cluster.name",
      Kind.STRING,
      "default",
      "Group of daemons sharing the feeds; its ZooKeeper nodes are under /feedfold/NAME."),
  CLUSTER_SESSION_TIMEOUT(
      "cluster.session-timeout",
      Kind.DURATION,
      "20s",
      "A daemon not heard from for this long leaves the group; its feeds move to the others."),
  CLUSTER_MEMBER_ID(
      "cluster.member-id",
      Kind.STRING,
      "",
      "This daemon's name in the group, unique in it; empty = host name and process id.");

  /** How a key's value is read. */
  enum Kind {
    STRING,
    HOST,
    PATH,
    PORT,
    POSITIVE_INT,
    NON_NEGATIVE_INT,
    DURATION,
    DURATION_OR_ZERO,
    SIZE,
    BOOLEAN,
    FRACTION,
    OPTIONAL_URI
  }

  final String key;
  final Kind kind;
  final String defaultValue;
  final String description;

  ConfigKey(String key, Kind kind, String defaultValue, String description) {
    this.key = key;
    this.kind = kind;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** Returns the key with this name, or {@code null}. */
  static ConfigKey byName(String name) {
    for (ConfigKey k : values()) {
      if (k.key.equals(name)) {
        return k;
      }
    }
    return null;
  }
}
