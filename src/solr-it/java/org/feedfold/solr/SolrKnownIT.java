package org.feedfold.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.cluster.StoryAssigner;
import org.feedfold.extract.ArticleExtractor;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.fetch.RefreshPolicy;
import org.feedfold.fetch.RefreshSettings;
import org.feedfold.index.StoreQueries;
import org.feedfold.ingest.FeedIngester;
import org.feedfold.ingest.FeedReport;
import org.feedfold.ingest.IngestSettings;
import org.feedfold.model.ArticleInput;
import org.feedfold.model.Subscription;
import org.feedfold.parse.FeedParser;
import org.feedfold.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A re-fetched feed document costs one request to learn which of its entries are known, not two per
 * entry, and an identical re-fetch of a known entry none more (issue 13, docs/SCALING.md
 * "Re-fetched documents: one lookup"); {@link Store#known} answers as the single lookups it
 * replaces, on a collection with key documents, on one written before them, and by month.
 */
@ExtendWith(SolrCluster.class)
class SolrKnownIT {
  private static final Instant T = Instant.parse("2026-11-30T06:00:00Z");
  private static final InstantSource CLOCK = InstantSource.fixed(T.plus(Duration.ofHours(1)));
  private static final Subscription WIRE =
      new Subscription(URI.create("https://wire.example/feed.xml"), null, null);

  /** Entries of the re-fetched document, as many as docs/SCALING.md measures. */
  static final int ENTRIES = 30;

  @Test
  void reFetchingADocumentOfKnownEntriesCostsOneRequest(SolrCluster.Running solr) throws Exception {
    try (SolrStore store = open(solr, "known_refetch");
        Ingest ingest = new Ingest(store)) {
      byte[] document = rss(items(ENTRIES, 31));
      assertEquals(ENTRIES, ingest.push(document).added());

      long before = store.requests();
      FeedReport again = ingest.push(document);
      long sent = store.requests() - before;

      System.out.printf(Locale.ROOT, "re-fetch of %d known entries: %d requests%n", ENTRIES, sent);
      assertEquals(new FeedReport(WIRE.url(), "fetched", ENTRIES, 0, 0, null), again);
      assertEquals(0, ingest.counter.adds, "no add of an unchanged entry");
      assertEquals(1, sent, "one real-time get of the document's articles and page keys");
    }
  }

  @Test
  void aNewEntryInAReFetchedDocumentCostsOneLookupBesideItsAdd(SolrCluster.Running solr)
      throws Exception {
    try (SolrStore store = open(solr, "known_one_new");
        Ingest ingest = new Ingest(store)) {
      List<Item> items = items(ENTRIES, 32);
      ingest.push(rss(items));
      List<Item> more = new ArrayList<>(items(1, 33));
      more.addAll(items);

      long before = store.requests();
      FeedReport report = ingest.push(rss(more));
      long sent = store.requests() - before;

      System.out.printf(
          Locale.ROOT,
          "re-fetch of %d known entries and 1 new: %d requests, %d of them the new entry's add%n",
          ENTRIES,
          sent,
          ingest.counter.addRequests);
      assertEquals(new FeedReport(WIRE.url(), "fetched", ENTRIES + 1, 1, 0, null), report);
      assertEquals(1, ingest.counter.adds, "the new entry's add only");
      assertEquals(1, sent - ingest.counter.addRequests, "one lookup for the whole document");
    }
  }

  @Test
  void aChangedEntryIsAddedAndCountedAsChanged(SolrCluster.Running solr) throws Exception {
    try (SolrStore store = open(solr, "known_changed");
        Ingest ingest = new Ingest(store)) {
      List<Item> items = items(5, 34);
      ingest.push(rss(items));
      List<Item> edited = new ArrayList<>(items);
      Item first = items.get(0);
      edited.set(0, new Item(first.guid(), first.title() + " (updated)", first.text()));

      FeedReport report = ingest.push(rss(edited));

      assertEquals(new FeedReport(WIRE.url(), "fetched", 5, 0, 1, null), report);
      assertEquals(1, ingest.counter.adds, "the changed entry's add only");
    }
  }

  @Test
  void answersAsTheSingleLookupsOnACollectionWithKeyDocuments(SolrCluster.Running solr)
      throws Exception {
    try (SolrStore store = open(solr, "known_keyed")) {
      List<ArticleInput> stored = stored(store);
      List<Store.EntryKey> asked = asked(stored);

      long before = store.requests();
      Store.Known known = store.known(asked);
      long sent = store.requests() - before;

      assertSameAsSingleLookups(store, asked, known);
      assertEquals(3, known.carried().size(), known.toString());
      assertEquals(
          2,
          sent,
          "the articles and keys in one get; the article a key names, not read, in one more");
      ArticleInput first = stored.get(0);
      assertEquals(Map.of(first.id(), StoryAssigner.contentHash(first)), known.hashes());
      assertTrue(known.unchanged(first));
    }
  }

  /**
   * A key document is a hint: one naming an article that no longer holds its key, or missing in a
   * collection written before key documents, leaves the answer to the page search, as {@code
   * containsPage} does.
   */
  @Test
  void answersAsTheSingleLookupsOnACollectionWrittenBeforeKeyDocuments(SolrCluster.Running solr)
      throws Exception {
    String c = solr.newCollection("known_unkeyed");
    SolrSettings settings = SolrSettings.parse(solr.zkHost(), c);
    List<ArticleInput> stored;
    try (SolrStore store = SolrStore.open(settings, ClusterSettings.defaults(), CLOCK, false)) {
      stored = stored(store);
      store.commit();
    }
    ArticleInput first = stored.get(0);
    ArticleInput second = stored.get(1);
    try (CloudSolrClient client = solr.client()) {
      // Older versions wrote no marker and no key documents; and a key document naming another
      // article than the one holding its page.
      UpdateRequest u = new UpdateRequest();
      u.deleteById(SolrDocs.KEYS_MARKER);
      u.deleteById(SolrDocs.pageDoc(StoreQueries.pageKey(first.url(), first.title())));
      String page = StoreQueries.pageKey(second.url(), second.title());
      u.add(SolrDocs.keyDoc(SolrDocs.pageDoc(page), page, first.id()));
      u.process(client, c);
      client.commit(c);
    }
    try (SolrStore store = SolrStore.open(settings, ClusterSettings.defaults(), CLOCK, false)) {
      List<Store.EntryKey> asked = asked(stored);

      Store.Known known = store.known(asked);

      assertSameAsSingleLookups(store, asked, known);
      assertEquals(3, known.carried().size(), "two of them found by the search: " + known);
    }
  }

  @Test
  void answersAsTheSingleLookupsByMonth(SolrCluster.Running solr) throws Exception {
    String name = "known_by_month";
    SolrSettings settings = SolrSettings.parse(solr.zkHost(), name);
    SolrSetup.initByMonth(settings, 2, 1, ClusterSettings.defaults(), T.minus(Duration.ofDays(70)));
    try (SolrStore store = SolrStore.open(settings, ClusterSettings.defaults(), CLOCK, false)) {
      List<ArticleInput> stored = stored(store);
      List<Store.EntryKey> asked = asked(stored);

      Store.Known known = store.known(asked);

      assertSameAsSingleLookups(store, asked, known);
      assertEquals(3, known.carried().size(), known.toString());
      assertTrue(known.unchanged(stored.get(0)));
    }
  }

  /**
   * Stores three articles (the last one not committed, so found among this instance's pending
   * adds); returns them.
   */
  private static List<ArticleInput> stored(SolrStore store) throws Exception {
    Copies copies = new Copies(35);
    List<ArticleInput> out = new ArrayList<>();
    out.add(Copies.article("s-1", "wire", "Harbour crane repaired", copies.story(), T));
    out.add(Copies.article("s-2", "wire", "Library opens late", copies.story(), T));
    for (ArticleInput a : out) {
      store.add(a);
    }
    store.commit();
    ArticleInput pending = Copies.article("s-3", "wire", "Ferry aground", copies.story(), T);
    store.add(pending);
    out.add(pending);
    return out;
  }

  /**
   * Returns entries to ask about: the first stored article by id (twice), and other entries of
   * other ids: the first one's page (with tracking parameters on its link), the second's (an
   * article not asked about by id) and the pending third's, the second's link under another
   * headline, one without a link, and a new one.
   */
  private static List<Store.EntryKey> asked(List<ArticleInput> stored) {
    ArticleInput first = stored.get(0);
    ArticleInput second = stored.get(1);
    ArticleInput pending = stored.get(2);
    List<Store.EntryKey> out = new ArrayList<>();
    out.add(new Store.EntryKey(first.id(), first.url(), first.title()));
    out.add(out.get(0));
    out.add(new Store.EntryKey("o-1", first.url() + "?utm_source=top", first.title()));
    out.add(new Store.EntryKey("o-6", second.url(), second.title()));
    out.add(new Store.EntryKey("o-3", pending.url(), pending.title()));
    out.add(new Store.EntryKey("o-2", second.url(), "Another headline"));
    out.add(new Store.EntryKey("o-4", null, first.title()));
    out.add(new Store.EntryKey("o-5", "https://wire.example/new", "Something new"));
    return out;
  }

  private static void assertSameAsSingleLookups(
      SolrStore store, List<Store.EntryKey> asked, Store.Known known) throws Exception {
    for (Store.EntryKey e : asked) {
      boolean contains = store.contains(e.articleId());
      assertEquals(contains, known.stored(e.articleId()), "stored: " + e);
      boolean page = !contains && e.link() != null && store.containsPage(e.link(), e.title());
      assertEquals(page, known.carried(e), "carried: " + e);
    }
    assertFalse(known.stored("o-5"));
  }

  private static SolrStore open(SolrCluster.Running solr, String prefix) throws Exception {
    return SolrStore.open(
        SolrSettings.parse(solr.zkHost(), solr.newCollection(prefix)),
        ClusterSettings.defaults(),
        CLOCK,
        false);
  }

  /** One entry of the generated feed. */
  record Item(String guid, String title, String text) {}

  /** Returns {@code n} entries of distinct made-up stories. */
  static List<Item> items(int n, long seed) {
    Copies copies = new Copies(seed);
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Item("e-" + seed + "-" + i, "Story " + seed + "-" + i, copies.story()));
    }
    return out;
  }

  /** Returns an RSS 2.0 document of {@code items}, each with its text in full. */
  static byte[] rss(List<Item> items) {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(T.atOffset(ZoneOffset.UTC));
    StringBuilder b =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>Wire</title><link>https://wire.example/</link>"
                + "<description>News</description>");
    for (Item i : items) {
      b.append("<item><guid isPermaLink=\"false\">")
          .append(i.guid())
          .append("</guid><title>")
          .append(i.title())
          .append("</title><link>https://wire.example/")
          .append(i.guid())
          .append("</link><pubDate>")
          .append(date)
          .append("</pubDate><description>")
          .append(i.text())
          .append("</description></item>");
    }
    return b.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * An ingester over {@code store} as the daemon builds it (page extraction off: every entry's text
   * is in the feed), through a store that counts the adds and the requests sent inside them.
   */
  static final class Ingest implements Closeable {
    final AddCounter counter;
    private final HttpFetcher fetcher = new HttpFetcher(FetchSettings.defaults("test"));
    private final FeedIngester ingester;

    Ingest(SolrStore store) {
      this(store, false);
    }

    /**
     * @param singleLookups whether the store answers {@link Store#known} by the single lookups (its
     *     default), as before the batched lookup: for comparing the two
     */
    Ingest(SolrStore store, boolean singleLookups) {
      counter = new AddCounter(store, singleLookups);
      Store counted =
          (Store)
              Proxy.newProxyInstance(
                  Store.class.getClassLoader(), new Class<?>[] {Store.class}, counter);
      ingester =
          new FeedIngester(
              new FeedIngester.Stages(
                  fetcher,
                  fetcher,
                  new FeedParser(),
                  new ArticleExtractor(),
                  new RefreshPolicy(RefreshSettings.defaults())),
              counted,
              new IngestSettings(4, 200, false, 1000),
              CLOCK);
    }

    /** Indexes {@code document} as the feed's body and commits, as a pushed document is. */
    FeedReport push(byte[] document) throws Exception {
      counter.adds = 0;
      counter.addRequests = 0;
      return ingester.pushed(WIRE, document, "application/rss+xml");
    }

    @Override
    public void close() throws IOException {
      fetcher.close();
    }
  }

  /** Counts the adds through it and the requests sent inside them. */
  static final class AddCounter implements InvocationHandler {
    private final SolrStore store;
    private final boolean singleLookups;
    int adds;
    long addRequests;

    /** False to drop commits (a benchmark measuring the lookups and adds alone). */
    boolean commits = true;

    AddCounter(SolrStore store, boolean singleLookups) {
      this.store = store;
      this.singleLookups = singleLookups;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (singleLookups && method.getName().equals("known")) {
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      if (!commits && method.getName().equals("commit")) {
        return null;
      }
      long before = store.requests();
      try {
        return method.invoke(store, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      } finally {
        if (method.getName().equals("add")) {
          adds++;
          addRequests += store.requests() - before;
        }
      }
    }
  }
}
