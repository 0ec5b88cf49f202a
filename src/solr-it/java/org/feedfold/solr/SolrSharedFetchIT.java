package org.feedfold.solr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.feedfold.Await.await;
import static org.feedfold.Await.awaitSettled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.coord.FetchGroup;
import org.feedfold.coord.ShareSettings;
import org.feedfold.extract.ArticleExtractor;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.fetch.RefreshPolicy;
import org.feedfold.fetch.RefreshSettings;
import org.feedfold.ingest.FeedIngester;
import org.feedfold.ingest.IngestSettings;
import org.feedfold.ingest.Scheduler;
import org.feedfold.ingest.SchedulerTicks;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.feedfold.model.Subscription;
import org.feedfold.parse.FeedParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two daemons (each a scheduler, an ingester, a fetcher and its own SolrStore client) share twelve
 * feeds through the SolrCloud's own ZooKeeper and store into one collection (issue 13): each feed
 * is fetched by exactly one of them, every entry is stored once and the republished copies fold
 * into one story each; when one stops cleanly the other takes its feeds over, keeping their
 * schedule from the shared store. Texts are Wikinews articles (the clustering fixture). The
 * schedule is driven by hand with a test clock; group changes, which ZooKeeper makes, and the fetch
 * threads' ends are awaited (bounded).
 */
@ExtendWith(SolrCluster.class)
class SolrSharedFetchIT {
  private static final List<ClusterCorpus.Original> WIKI = ClusterCorpus.wikinews();
  private static final int FEEDS = 12;
  private static final Instant T = Instant.parse("2026-11-30T12:00:00Z");
  private static final Duration SESSION = Duration.ofSeconds(10);

  private WireMockServer http;
  private final MovingClock clock = new MovingClock(T);
  private final List<Subscription> subs = new ArrayList<>();
  private final List<List<Item>> items = new ArrayList<>();
  private final List<UUID> stubs = new ArrayList<>();
  private final List<Daemon> daemons = new ArrayList<>();

  /** One entry of a feed: Wikinews article {@code original}, as published on feed {@code feed}. */
  private record Item(int feed, int original, boolean copy, String link) {}

  @BeforeEach
  void serve() {
    // Every loopback address: the feeds are spread over hosts 127.0.0.1 to 127.0.0.12, since a
    // daemon owns a host's feeds, not single feeds.
    http = new WireMockServer(wireMockConfig().dynamicPort());
    http.start();
    for (int k = 0; k < FEEDS; k++) {
      String host = "http://127.0.0." + (1 + k) + ":" + http.port();
      subs.add(new Subscription(URI.create(host + "/f" + k + ".xml"), null, null));
      stubs.add(UUID.randomUUID());
      items.add(new ArrayList<>());
    }
    // Feed k publishes story k, and republishes story k-1 (another host's, so often the other
    // daemon's) with its own link and a credit line.
    for (int k = 0; k < FEEDS; k++) {
      items.get(k).add(new Item(k, k, false, link(k, k)));
      int before = (k + FEEDS - 1) % FEEDS;
      items.get(k).add(new Item(k, before, true, link(k, before)));
      publish(k);
    }
  }

  @AfterEach
  void stop() throws IOException {
    for (Daemon d : daemons) {
      d.close();
    }
    http.stop();
  }

  @Test
  void twoDaemonsShareFeedsIntoOneCollectionAndTheSurvivorTakesOverAStoppedOnesFeeds(
      SolrCluster.Running solr) throws Exception {
    SolrSettings collection = SolrSettings.parse(solr.zkHost(), solr.newCollection("shared"));
    Daemon a = daemon("a", collection, solr.zkHost());
    Daemon b = daemon("b", collection, solr.zkHost());
    awaitSettled(List.of("a", "b"), a.group, b.group);

    fetchAll(1, a, b);

    for (Subscription s : subs) {
      assertEquals(1, requests(s, null), s.url() + " fetched once in all");
      assertEquals(1, requests(s, a) + requests(s, b), s.url() + " fetched by exactly one daemon");
    }
    List<Subscription> ofA = subs.stream().filter(s -> requests(s, a) == 1).toList();
    assertTrue(!ofA.isEmpty() && ofA.size() < FEEDS, "both daemons fetch: a fetched " + ofA);
    assertStored(a.store);
    assertEquals(FEEDS, b.store.feedStates().size(), "every feed's state is in the shared store");

    a.leave();
    awaitSettled(List.of("b"), b.group);
    // The feeds moved with their schedule, read from the shared store: none is due yet.
    b.tick();
    for (Subscription s : subs) {
      assertEquals(1, requests(s, null), s.url() + " not due again after the hand-over");
    }

    // A moved feed publishes a new story; the next day the survivor fetches every feed, its own
    // and the moved ones, once each.
    int moved = subs.indexOf(ofA.get(0));
    items.get(moved).add(0, new Item(moved, FEEDS, false, link(moved, FEEDS)));
    publish(moved);
    clock.advance(Duration.ofHours(25));
    fetchAll(2, b);

    for (Subscription s : subs) {
      assertEquals(2, requests(s, null), s.url() + " fetched once more in all");
      assertEquals(ofA.contains(s) ? 1 : 2, requests(s, b), s.url() + " fetched by the survivor");
    }
    assertStored(b.store);
  }

  /**
   * Asserts that {@code store} holds every entry published so far exactly once, and one story per
   * Wikinews article holding the original and its republished copy.
   */
  private void assertStored(SolrStore store) throws IOException {
    List<String> expected = new ArrayList<>();
    Set<Set<String>> stories = new HashSet<>();
    for (int original = 0; original <= FEEDS; original++) {
      Set<String> members = new HashSet<>();
      for (List<Item> feed : items) {
        for (Item i : feed) {
          if (i.original() == original) {
            members.add(i.link());
            expected.add(i.link());
          }
        }
      }
      if (!members.isEmpty()) {
        stories.add(members);
      }
    }
    List<String> stored = new ArrayList<>();
    store.forEachArticle(article -> stored.add(article.url()));
    expected.sort(null);
    stored.sort(null);
    assertEquals(expected, stored, "every entry stored once");
    Set<Set<String>> folded = new HashSet<>();
    List<Story> all = store.stories(null, null, 100);
    for (Story s : all) {
      Set<String> members = new HashSet<>();
      for (StoryMember m : s.articles()) {
        members.add(m.url());
      }
      folded.add(members);
    }
    assertEquals(stories.size(), all.size(), "one story per article and its copy: " + folded);
    assertEquals(stories, folded);
  }

  private Daemon daemon(String id, SolrSettings collection, String zk) throws Exception {
    Daemon d = new Daemon(id, collection, zk);
    daemons.add(d);
    return d;
  }

  private String link(int feed, int original) {
    return "http://127.0.0." + (1 + feed) + ":" + http.port() + "/a/" + original + ".html";
  }

  /** Returns how often feed {@code s} was requested, by daemon {@code by} or ({@code null}) all. */
  private long requests(Subscription s, Daemon by) {
    var pattern = getRequestedFor(urlPathEqualTo(s.url().getPath()));
    if (by != null) {
      pattern = pattern.withHeader("User-Agent", containing(by.userAgent));
    }
    return http.findAll(pattern).size();
  }

  /**
   * Ticks {@code ds} until each feed has been requested {@code times} in all: a tick while the
   * group settles grants nothing, and the next one catches up. The clock stands still, so no feed
   * is due twice.
   */
  private void fetchAll(int times, Daemon... ds) throws Exception {
    await(
        "every feed fetched " + times + " times",
        () -> {
          for (Daemon d : ds) {
            d.tick();
          }
          return subs.stream().allMatch(s -> requests(s, null) >= times);
        });
  }

  /** Serves feed {@code k} as RSS with its items, newest first; each text is the item's article. */
  private void publish(int k) {
    StringBuilder b =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Feed "
                + k
                + "</title><link>http://127.0.0."
                + (1 + k)
                + "/</link><description>d</description>");
    for (Item i : items.get(k)) {
      ClusterCorpus.Original o = WIKI.get(i.original());
      StringBuilder text = new StringBuilder();
      for (String p : o.paragraphs()) {
        text.append("<p>").append(escape(p)).append("</p>");
      }
      if (i.copy()) {
        text.append("<p>This story was first published by Feed ")
            .append(i.original())
            .append(".</p>");
      }
      Instant at =
          T.minus(Duration.ofHours(FEEDS + 1 - i.original())).plusSeconds(i.copy() ? 60 : 0);
      b.append("<item><guid>f")
          .append(k)
          .append('-')
          .append(i.original())
          .append("</guid><title>")
          .append(escape(o.title()))
          .append("</title><link>")
          .append(i.link())
          .append("</link><pubDate>")
          .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC)))
          .append("</pubDate><description><![CDATA[")
          .append(text)
          .append("]]></description></item>");
    }
    MappingBuilder feed =
        get(urlPathEqualTo("/f" + k + ".xml"))
            .withId(stubs.get(k))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/rss+xml; charset=utf-8")
                    .withBody(b.append("</channel></rss>").toString()));
    if (http.getSingleStubMapping(stubs.get(k)) == null) {
      http.stubFor(feed);
    } else {
      http.editStub(feed);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * One daemon as {@code feedfold daemon} builds it with {@code store.type=solr} and {@code
   * cluster.zk-hosts}: its own store client, fetcher, ingester and scheduler, in the group over its
   * own ZooKeeper connection. Page extraction is off: the feeds carry the whole texts.
   */
  private final class Daemon implements AutoCloseable {
    final String id;
    final String userAgent;
    final FetchGroup group;
    final HttpFetcher fetcher;
    final SolrStore store;
    final FeedIngester ingester;
    final Scheduler scheduler;
    private boolean left;

    Daemon(String id, SolrSettings collection, String zk) throws IOException {
      this.id = id;
      FetchSettings fetch = FetchSettings.defaults("test-" + id);
      userAgent = fetch.userAgent();
      group = FetchGroup.connect(new ShareSettings(zk, "shared", SESSION, id));
      fetcher = new HttpFetcher(fetch);
      store = SolrStore.open(collection, ClusterSettings.defaults(), clock, false);
      ingester =
          new FeedIngester(
              new FeedIngester.Stages(
                  fetcher,
                  fetcher,
                  new FeedParser(),
                  new ArticleExtractor(),
                  new RefreshPolicy(RefreshSettings.defaults())),
              store,
              new IngestSettings(4, 200, false, 1000),
              clock);
      scheduler =
          new Scheduler(
              () -> subs,
              ingester,
              store,
              4,
              clock,
              Duration.ofMinutes(1),
              Duration.ofSeconds(10),
              group);
    }

    /**
     * Runs one tick of the schedule, waits (bounded) for the fetches it started and commits them,
     * so that reads of the shared collection see them.
     */
    void tick() throws Exception {
      SchedulerTicks.tickOnce(scheduler);
      await(id + "'s fetches end", () -> scheduler.inFlight() == 0);
      ingester.flush();
    }

    /** Stops cleanly: the fetches end and are committed, then the daemon leaves the group. */
    void leave() {
      if (!left) {
        left = true;
        scheduler.close();
        group.close();
      }
    }

    @Override
    public void close() throws IOException {
      leave();
      store.close();
      fetcher.close();
    }
  }

  /** Is a clock the test moves by hand. */
  private static final class MovingClock implements InstantSource {
    private volatile Instant now;

    MovingClock(Instant start) {
      this.now = start;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }
}
