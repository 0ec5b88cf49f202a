package org.feedfold.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.feedfold.cli.CliRun;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.model.ArticleInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code solr init --by-month} makes articles a time routed alias (Solr's router, one collection
 * per month) and {@code NAME_stories} for the rest, and can be run again; the store keeps an
 * article in the month it was first stored in and finds it there by id.
 */
@ExtendWith(SolrCluster.class)
class SolrByMonthIT {
  private static final String CRANE =
      "The old harbour crane was repaired over the weekend by a crew of twelve, who replaced its"
          + " cables and its motor, and the port authority says it will lift containers again.";
  private static final String LIBRARY =
      "The city library will open until ten at night on Thursdays from next month, after a"
          + " petition signed by four thousand readers asked the council for longer hours.";
  @TempDir Path dir;

  private CliRun run(String... args) throws Exception {
    Path config = dir.resolve("feedfold.properties");
    Files.writeString(config, "data.dir=" + dir.resolve("data") + "\n");
    return CliRun.run(config, args);
  }

  @Test
  void initByMonthMakesATimeRoutedAliasAndAStoriesCollectionAndCanRunAgain(SolrCluster.Running solr)
      throws Exception {
    String[] args = {
      "solr",
      "init",
      "--zk",
      solr.zkHost(),
      "--collection",
      "monthly",
      "--by-month",
      "--shards",
      "1",
      "--replicas",
      "1"
    };
    CliRun first = run(args);
    assertEquals(0, first.code(), first.out() + first.err());
    assertTrue(first.out().startsWith("created time routed alias monthly"), first.out());

    CliRun again = run(args);
    assertEquals(0, again.code(), "idempotent: " + again.out() + again.err());
    assertTrue(again.out().startsWith("found time routed alias monthly"), again.out());

    try (CloudSolrClient client = solr.client()) {
      var state = client.getClusterStateProvider();
      Map<String, String> props = state.getAliasProperties("monthly");
      assertEquals("time", props.get("router.name"), props.toString());
      assertEquals("routed_at", props.get("router.field"), props.toString());
      assertEquals(1, state.resolveAlias("monthly").size(), "one month so far");
      assertNotNull(state.getCollection("monthly_stories"));
    }
    try (SolrStore store =
        SolrStore.open(
            SolrSettings.parse(solr.zkHost(), "monthly"),
            ClusterSettings.defaults(),
            InstantSource.system(),
            true)) {
      assertEquals(0, store.stats().articles(), "opens the by-month layout");
    }
  }

  @Test
  void anArticleStaysInTheMonthItWasFirstStoredInAndIsFoundThereById(SolrCluster.Running solr)
      throws Exception {
    SolrSettings settings = SolrSettings.parse(solr.zkHost(), "kept");
    SolrSetup.initByMonth(
        settings, 1, 1, ClusterSettings.defaults(), Instant.parse("2026-09-01T00:00:00Z"));
    SolrParityIT.Clock clock = new SolrParityIT.Clock();
    clock.now = Instant.parse("2026-09-10T08:00:00Z");
    try (SolrStore store = SolrStore.open(settings, ClusterSettings.defaults(), clock, false)) {
      store.add(article("september", CRANE, clock));
      store.commit();
      clock.now = Instant.parse("2026-11-10T08:00:00Z");
      store.add(article("november", LIBRARY, clock));
      assertTrue(store.contains("november"), "uncommitted, by real-time get in the newest month");
      store.commit();
      try (CloudSolrClient client = solr.client()) {
        assertEquals(
            3,
            client.getClusterStateProvider().resolveAlias("kept").size(),
            "Solr's router made October and November");
      }
      assertTrue(store.contains("september"), "committed, two months back: by a search");

      store.add(article("september", CRANE + " On Monday morning it lifted its first box.", clock));
      store.commit();
      assertEquals(2, store.stats().articles(), "an update is not routed to a second month");
      SolrQuery q = new SolrQuery("id:\"a:september\"");
      try (CloudSolrClient client = solr.client()) {
        List<String> months =
            client.getClusterStateProvider().resolveAlias("kept").stream().sorted().toList();
        for (String month : months) {
          long n = client.query(month, q).getResults().getNumFound();
          assertEquals(month.equals(months.get(0)) ? 1 : 0, n, month + " of " + months);
        }
      }
      assertEquals(
          List.of(true),
          store.stories(null, null, 10).stream()
              .filter(s -> s.articles().get(0).id().equals("september"))
              .map(s -> s.text().contains("lifted its first box"))
              .toList());
    }
  }

  private static ArticleInput article(String id, String text, InstantSource clock) {
    Instant at = clock.instant();
    return new ArticleInput(
        id, "https://a.example/" + id, null, id, text, null, at, at, "Test", null, null, "en");
  }
}
