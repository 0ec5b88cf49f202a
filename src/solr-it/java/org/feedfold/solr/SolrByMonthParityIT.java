package org.feedfold.solr;

import java.time.Instant;
import org.feedfold.cluster.ClusterSettings;

/**
 * Runs every {@link SolrParityIT} comparison on the by-month layout ({@code solr init --by-month}):
 * articles in a time routed alias of one collection per month, stories, claims, redirects and feed
 * state in {@code NAME_stories}. The alias starts two months before the fixtures, so Solr's router
 * creates the fixtures' month when their first article arrives and the store reads articles across
 * three collections; the stories, versions, explanations, hits, counts and saved feeds must be
 * those of the embedded index, as they are on one collection.
 */
class SolrByMonthParityIT extends SolrParityIT {
  @Override
  String collection(SolrCluster.Running cluster) throws Exception {
    String name = "parity_by_month";
    SolrSetup.initByMonth(
        SolrSettings.parse(cluster.zkHost(), name),
        2,
        1,
        ClusterSettings.defaults(),
        Instant.parse("2026-09-20T00:00:00Z"));
    return name;
  }
}
