package org.feedfold.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Slice;
import org.feedfold.cli.Main;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.Assignment;
import org.feedfold.model.ArticleInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Deletes shingle claims once they are older than an age ({@link SolrStore#cleanClaims}): the old
 * go, the young stay, and stories are assigned as before (issue 13: 8 claims per new story, all on
 * one shard, never deleted before).
 */
@ExtendWith(SolrCluster.class)
class SolrClaimsIT {
  private static final Instant T = Instant.parse("2026-11-30T06:00:00Z");
  private static final InstantSource CLOCK = InstantSource.fixed(T.plus(Duration.ofHours(1)));
  private static final Duration DAY = Duration.ofDays(1);

  @Test
  void deletesClaimsOlderThanTheAgeAndKeepsYoungerOnes(SolrCluster.Running solr) throws Exception {
    String c = solr.newCollection("claims");
    SolrSettings settings = SolrSettings.parse(solr.zkHost(), c);
    Copies gen = new Copies(21);
    String oldText = gen.story();
    String newText = gen.story();
    try (SolrStore one = SolrStore.open(settings, ClusterSettings.defaults(), CLOCK, false);
        SolrStore two = SolrStore.open(settings, ClusterSettings.defaults(), CLOCK, false);
        CloudSolrClient client = solr.client()) {
      Assignment old = one.add(Copies.article("old", "wire", "Old story", oldText, T));
      one.commit();
      Map<String, Long> oldClaims = claims(client, c, "old");
      assertEquals(SolrStories.CLAIMS, oldClaims.size());
      long oldest = oldClaims.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      Assignment young = one.add(Copies.article("new", "wire", "New story", newText, T));
      one.commit();
      Map<String, Long> newClaims = claims(client, c, "new");
      assertEquals(SolrStories.CLAIMS, newClaims.size());
      long newest = newClaims.values().stream().mapToLong(Long::longValue).min().orElseThrow();
      // _version_ is the shard leader's clock in milliseconds, shifted left by 20 bits.
      long between = (oldest >> 20) + 1;
      assertTrue(newest >> 20 >= between, "the second story's claims were written later");

      // A day after the first story's claims and before the second's.
      InstantSource later = InstantSource.fixed(Instant.ofEpochMilli(between).plus(DAY));
      try (SolrStore cleaner = SolrStore.open(settings, ClusterSettings.defaults(), later, false)) {
        cleaner.cleanClaims(DAY, false);
      }
      // Gone for real-time gets at once, before any commit; the younger ones still there.
      assertEquals(List.of(), client.getById(c, oldClaims.keySet()));
      assertEquals(SolrStories.CLAIMS, client.getById(c, newClaims.keySet()).size());
      one.commit();
      assertEquals(Map.of(), claims(client, c, "old"));
      assertEquals(newClaims, claims(client, c, "new"));

      // Both stories still take their copies, on either instance: the founders are searchable.
      Assignment a = two.add(Copies.article("old-copy", "blog", "Old story", oldText, T));
      Assignment b = two.add(Copies.article("new-copy", "blog", "New story", newText, T));
      assertEquals(old.storyId(), a.storyId());
      assertEquals(young.storyId(), b.storyId());
      two.commit();
      assertEquals(2, one.stats().stories());
    }
  }

  @Test
  void neverDeletesClaimsYoungerThanAnHour(SolrCluster.Running solr) throws Exception {
    String c = solr.newCollection("claims");
    SolrSettings settings = SolrSettings.parse(solr.zkHost(), c);
    try (SolrStore one = SolrStore.open(settings, ClusterSettings.defaults(), CLOCK, false)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> one.cleanClaims(Duration.ofMinutes(59), false));
      assertTrue(e.getMessage().contains("at least"), e.getMessage());
    }
  }

  @Test
  void reachesClaimsOfEarlierVersionsOnOtherShardsOnlyWhenAskedTo(SolrCluster.Running solr)
      throws Exception {
    String c = solr.newCollection("claims");
    SolrSettings settings = SolrSettings.parse(solr.zkHost(), c);
    try (CloudSolrClient client = solr.client();
        SolrStore one = SolrStore.open(settings, ClusterSettings.defaults(), CLOCK, false)) {
      // A claim as versions before the claim! route wrote it, on the shard claims are not on.
      DocCollection coll = client.getClusterStateProvider().getCollection(c);
      Slice claimsShard =
          coll.getRouter().getTargetSlice(SolrDocs.claimKey(0), null, null, null, coll);
      String legacy = null;
      for (int h = 0; legacy == null; h++) {
        String id = "c:" + String.format(java.util.Locale.ROOT, "%08x", h);
        if (!coll.getRouter().getTargetSlice(id, null, null, null, coll).equals(claimsShard)) {
          legacy = id;
        }
      }
      SolrInputDocument d = new SolrInputDocument();
      d.setField(SolrDocs.ID, legacy);
      d.setField(SolrDocs.TYPE, SolrDocs.CLAIM);
      d.setField(SolrDocs.ARTICLE_ID, "older");
      client.add(c, d);
      one.add(Copies.article("x", "wire", "A story", new Copies(5).story(), T));
      one.commit();
      assertEquals(SolrStories.CLAIMS + 1, allClaims(client, c));

      InstantSource later =
          InstantSource.fixed(InstantSource.system().instant().plus(Duration.ofDays(2)));
      try (SolrStore cleaner = SolrStore.open(settings, ClusterSettings.defaults(), later, false)) {
        cleaner.cleanClaims(DAY, false);
        one.commit();
        assertEquals(1, allClaims(client, c), "only the claims' shard was asked");
        cleaner.cleanClaims(DAY, true);
        one.commit();
        assertEquals(0, allClaims(client, c));
      }
    }
  }

  @Test
  void racesStillMakeOneStoryWhenEarlierClaimsAreDeletedBetweenThem(SolrCluster.Running solr)
      throws Exception {
    String c = solr.newCollection("claims");
    SolrSettings settings = SolrSettings.parse(solr.zkHost(), c);
    ExecutorService pool =
        new ThreadPoolExecutor(
            2,
            2,
            1,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> new Thread(r, "claims-race-" + System.identityHashCode(r)));
    Copies gen = new Copies(17);
    int races = 8;
    List<String> texts = new ArrayList<>();
    List<String> stories = new ArrayList<>();
    InstantSource later =
        InstantSource.fixed(InstantSource.system().instant().plus(Duration.ofDays(2)));
    try (SolrStore one = SolrStore.open(settings, ClusterSettings.defaults(), CLOCK, false);
        SolrStore two = SolrStore.open(settings, ClusterSettings.defaults(), CLOCK, false);
        SolrStore cleaner = SolrStore.open(settings, ClusterSettings.defaults(), later, false)) {
      for (int race = 0; race < races; race++) {
        String text = gen.story();
        texts.add(text);
        Instant at = T.plusSeconds(race * 60L);
        ArticleInput a = Copies.article("a-" + race, "wire", "Story " + race, text, at);
        ArticleInput b =
            Copies.article("b-" + race, "blog", "Story " + race, text + " Via the wire.", at);
        CountDownLatch go = new CountDownLatch(1);
        Future<Assignment> fa = pool.submit(adding(one, a, go));
        Future<Assignment> fb = pool.submit(adding(two, b, go));
        go.countDown();
        Assignment x = fa.get(60, TimeUnit.SECONDS);
        Assignment y = fb.get(60, TimeUnit.SECONDS);
        String sx = one.story(x.storyId()).orElseThrow().id();
        assertEquals(sx, two.story(y.storyId()).orElseThrow().id(), "race " + race);
        stories.add(sx);
        one.commit();
        two.commit();
        // Every claim so far, this race's too, is older than a day by the cleaner's clock.
        cleaner.cleanClaims(DAY, false);
      }
      one.commit();
      try (CloudSolrClient client = solr.client()) {
        assertEquals(0, allClaims(client, c));
      }
      // A third copy of each story, with no claim left, still joins it.
      for (int race = 0; race < races; race++) {
        Assignment z =
            two.add(
                Copies.article(
                    "c-" + race, "radio", "Story " + race, texts.get(race), T.plusSeconds(race)));
        assertEquals(stories.get(race), two.story(z.storyId()).orElseThrow().id());
      }
      two.commit();
      assertEquals(races, one.stats().stories());
      for (String s : stories) {
        assertEquals(3, one.story(s).orElseThrow().size(), s);
      }
      assertNotEquals(stories.get(0), stories.get(1));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void cleanClaimsCommandKeepsYoungClaimsAndRefusesAnAgeUnderAnHour(
      SolrCluster.Running solr, @TempDir Path dir) throws Exception {
    String c = solr.newCollection("claims");
    SolrSettings settings = SolrSettings.parse(solr.zkHost(), c);
    try (SolrStore one = SolrStore.open(settings, ClusterSettings.defaults(), CLOCK, false);
        CloudSolrClient client = solr.client()) {
      one.add(Copies.article("x", "wire", "A story", new Copies(9).story(), T));
      one.commit();
      Path config = dir.resolve("feedfold.properties");
      String common =
          "data.dir=" + dir + "\nstore.type=solr\nstore.solr.zk-hosts=" + solr.zkHost() + "\n";
      Files.writeString(config, common + "store.solr.collection=" + c + "\n");
      StringWriter out = new StringWriter();
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(out));
      assertEquals(0, cli.execute("--config", config.toString(), "solr", "clean-claims"));
      assertTrue(
          out.toString().startsWith("deleted the shingle claims older than 1 d"), out.toString());
      one.commit();
      assertEquals(SolrStories.CLAIMS, allClaims(client, c));

      Files.writeString(config, common + "store.solr.claims-max-age=30m\n");
      CommandLine bad = Main.commandLine();
      StringWriter err = new StringWriter();
      bad.setErr(new PrintWriter(err));
      assertEquals(2, bad.execute("--config", config.toString(), "solr", "clean-claims"));
      assertTrue(err.toString().contains("store.solr.claims-max-age"), err.toString());
    }
  }

  private static Callable<Assignment> adding(SolrStore store, ArticleInput a, CountDownLatch go) {
    return () -> {
      go.await();
      return store.add(a);
    };
  }

  /** Returns the committed claims held by {@code article}: id to {@code _version_}. */
  private static Map<String, Long> claims(CloudSolrClient client, String c, String article)
      throws Exception {
    SolrQuery q =
        new SolrQuery("*:*")
            .addFilterQuery("type:claim")
            .addFilterQuery(SolrDocs.ARTICLE_ID + ":" + SolrDocs.quote(article))
            .setFields(SolrDocs.ID, SolrDocs.VERSION)
            .setRows(100);
    Map<String, Long> out = new HashMap<>();
    for (SolrDocument d : client.query(c, q).getResults()) {
      out.put(SolrDocs.string(d, SolrDocs.ID), SolrDocs.version(d));
    }
    return out;
  }

  private static long allClaims(CloudSolrClient client, String c) throws Exception {
    return client
        .query(c, new SolrQuery("*:*").addFilterQuery("type:claim").setRows(0))
        .getResults()
        .getNumFound();
  }
}
