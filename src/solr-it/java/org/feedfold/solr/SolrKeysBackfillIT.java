package org.feedfold.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.feedfold.cli.Main;
import org.feedfold.cluster.ArticleEntry;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.Assignment;
import org.feedfold.index.StoreQueries;
import org.feedfold.model.ArticleInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code solr backfill-keys} gives a collection written before key documents its key documents and
 * its marker, after which lookups by canonical key and page send no search (issue 13).
 */
@ExtendWith(SolrCluster.class)
class SolrKeysBackfillIT {
  private static final Instant T = Instant.parse("2026-11-30T06:00:00Z");
  private static final InstantSource CLOCK = InstantSource.fixed(T.plus(Duration.ofHours(1)));

  @Test
  void aBackfilledCollectionFindsArticlesByTheirKeysWithoutSearching(
      SolrCluster.Running solr, @TempDir Path dir) throws Exception {
    String c = solr.newCollection("backfill");
    SolrSettings settings = SolrSettings.parse(solr.zkHost(), c);
    Copies gen = new Copies(8);
    String flood = gen.story();
    String storm = gen.story();
    String floodPage = "https://daily.example/2026/flood";
    String stormPage = "https://daily.example/2026/storm";
    ArticleInput stormArticle = section("sport", stormPage, "Storm nears", storm);
    try (SolrStore old = open(settings)) {
      old.add(section("world", floodPage, "Flood warning", flood));
      old.add(stormArticle);
      old.commit();
    }
    String stormPageDoc = SolrDocs.pageDoc(StoreQueries.pageKey(stormPage, "Storm nears"));
    try (CloudSolrClient client = solr.client()) {
      // A second article under the flood's keys, written after it (as versions before page keys
      // could leave one): the backfill names the later one.
      SolrDocument world = client.getById(c, SolrDocs.articleKey("world-1"));
      SolrInputDocument later = new SolrInputDocument();
      for (String f : world.getFieldNames()) {
        later.setField(f, world.getFieldValues(f));
      }
      later.removeField(SolrDocs.VERSION);
      later.setField(SolrDocs.ID, SolrDocs.articleKey("later-1"));
      later.setField(SolrDocs.ARTICLE_ID, "later-1");
      ArticleEntry e = SolrDocs.entry(world);
      later.setField(
          SolrDocs.ENTRY,
          SolrDocs.encode(
              new ArticleEntry(
                  "later-1",
                  e.story(),
                  e.time(),
                  e.contentHash(),
                  e.textLength(),
                  e.fingerprint())));
      client.add(c, later);
      // As an older version left it: no key documents, no marker.
      client.deleteByQuery(c, "type:" + SolrDocs.KEY);
      client.deleteById(c, SolrDocs.KEYS_MARKER);
      // A key document an instance wrote after all of them: the backfill keeps it.
      client.add(
          c,
          SolrDocs.keyDoc(
              stormPageDoc, StoreQueries.pageKey(stormPage, "Storm nears"), "meanwhile-1"));
      client.commit(c);
    }
    try (SolrStore before = open(settings)) {
      long selects = before.stories().requests("/select");
      assertTrue(before.containsPage(floodPage, "Flood warning"));
      assertTrue(before.stories().requests("/select") > selects, "without the marker: a search");
    }

    Path config = dir.resolve("feedfold.properties");
    Files.writeString(
        config,
        "data.dir="
            + dir
            + "\nstore.type=solr\nstore.solr.zk-hosts="
            + solr.zkHost()
            + "\nstore.solr.collection="
            + c
            + "\n");
    String out = cli(config, "solr", "backfill-keys");
    assertTrue(out.startsWith(c + ": 3 articles, 3 key documents written, 1 kept"), out);
    out = cli(config, "solr", "backfill-keys");
    assertTrue(out.startsWith(c + ": 3 articles, 0 key documents written, 4 kept"), out);

    try (CloudSolrClient client = solr.client()) {
      assertNotNull(client.getById(c, SolrDocs.KEYS_MARKER));
      String floodKey = StoreQueries.pageKey(floodPage, "Flood warning");
      assertEquals("later-1", articleOf(client, c, SolrDocs.pageDoc(floodKey)));
      assertEquals("meanwhile-1", articleOf(client, c, stormPageDoc));
      assertEquals(
          "sport-1",
          articleOf(client, c, SolrDocs.canonicalDoc(StoreQueries.canonicalKey(stormArticle))));
    }

    try (SolrStore store = open(settings)) {
      long selects = store.stories().requests("/select");
      assertTrue(store.containsPage(floodPage, "Flood warning"));
      Assignment carried = store.add(section("top", floodPage, "Flood warning", flood));
      assertFalse(carried.created(), carried.toString());
      assertEquals(0, store.stories().requests("/select") - selects, "no search for a key");
      // The flood's keys name the later of its two articles, which its re-issue is.
      Assignment reissued =
          store.add(section("world", floodPage, "Flood warning", flood).withId("world-2"));
      assertEquals("later-1", reissued.articleId());
      assertFalse(reissued.created(), reissued.toString());
      assertEquals(0, store.stories().requests("/select") - selects, "no search for a key");
      store.commit();
      assertEquals(3, store.stats().articles());
    }
  }

  /**
   * An instance that writes a key between the backfill's read of it and its write wins: the
   * backfill's conditional write meets a 409 and leaves the instance's key document.
   */
  @Test
  void keepsAKeyDocumentAnInstanceWritesDuringTheBackfill(SolrCluster.Running solr)
      throws Exception {
    String c = solr.newCollection("backfill");
    SolrSettings settings = SolrSettings.parse(solr.zkHost(), c);
    String text = new Copies(12).story();
    String page = "https://daily.example/2026/fire";
    ArticleInput fire = section("world", page, "Fire spreads", text);
    try (SolrStore old = open(settings)) {
      old.add(fire);
      old.commit();
    }
    try (CloudSolrClient client = solr.client()) {
      client.deleteByQuery(c, "type:" + SolrDocs.KEY);
      client.deleteById(c, SolrDocs.KEYS_MARKER);
      client.commit(c);
    }
    String canonicalDoc = SolrDocs.canonicalDoc(StoreQueries.canonicalKey(fire));
    String pageDoc = SolrDocs.pageDoc(StoreQueries.pageKey(page, "Fire spreads"));
    try (SolrStore live = open(settings);
        SolrStore backfill = open(settings)) {
      backfill.stories().beforeKeyWrites =
          () -> {
            try {
              // The feed's entry changed: the live instance updates the article and its keys.
              assertEquals(
                  "world-1",
                  live.add(section("world", page, "Fire spreads", text + " Updated.")).articleId());
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          };
      SolrStore.KeysBackfilled b = backfill.backfillKeys();
      assertEquals(new SolrStore.KeysBackfilled(1, 0, 2), b);
    }
    try (CloudSolrClient client = solr.client()) {
      for (String id : new String[] {canonicalDoc, pageDoc}) {
        SolrDocument d = client.getById(c, id);
        assertEquals("world-1", SolrDocs.string(d, SolrDocs.ARTICLE_ID));
        assertEquals(
            null, d.getFirstValue(SolrDocs.KEY_ARTICLE_VERSION), "the live instance's, kept");
      }
      assertNotNull(client.getById(c, SolrDocs.KEYS_MARKER));
    }
  }

  private static String articleOf(CloudSolrClient client, String c, String keyDoc)
      throws Exception {
    SolrDocument d = client.getById(c, keyDoc);
    return d == null ? null : SolrDocs.string(d, SolrDocs.ARTICLE_ID);
  }

  private static String cli(Path config, String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 2];
    all[0] = "--config";
    all[1] = config.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    assertEquals(0, cli.execute(all), err.toString());
    return out.toString();
  }

  private static SolrStore open(SolrSettings settings) throws Exception {
    return SolrStore.open(settings, ClusterSettings.defaults(), CLOCK, false);
  }

  private static ArticleInput section(String section, String url, String title, String text) {
    return new ArticleInput(
        section + "-1",
        url,
        null,
        title,
        text,
        null,
        T,
        T,
        "Daily " + section,
        "https://daily.example/" + section + ".rss",
        null,
        "en");
  }
}
