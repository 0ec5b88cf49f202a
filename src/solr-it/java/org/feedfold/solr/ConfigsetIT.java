package org.feedfold.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.response.FacetField;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.cloud.DocCollection;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.cluster.Fingerprint;
import org.feedfold.cluster.Fingerprinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SolrCluster.class)
class ConfigsetIT {
  private static final String TEXT =
      "The harbour authority said on Tuesday that the Café del Mar ferry would resume service to"
          + " the northern islands after the storm damaged two piers, and that repairs to the"
          + " breakwater were expected to take until the end of the month.";

  @Test
  void createsTwoShardsOfTwoReplicas(SolrCluster.Running solr) throws Exception {
    String name = solr.newCollection("shape");
    try (CloudSolrClient client = solr.client()) {
      DocCollection c = client.getClusterStateProvider().getCollection(name);
      assertEquals(2, c.getSlices().size());
      c.getSlices().forEach(s -> assertEquals(2, s.getReplicas().size()));
    }
  }

  @Test
  void indexesTheSameShinglesAsTheFingerprinter(SolrCluster.Running solr) throws Exception {
    String name = solr.newCollection("shingles");
    Fingerprint f = new Fingerprinter(ClusterSettings.defaults()).of("", TEXT);
    try (CloudSolrClient client = solr.client()) {
      SolrInputDocument d = new SolrInputDocument();
      d.addField("id", "a:1");
      d.addField("type", "article");
      d.addField("text", TEXT);
      client.add(name, d);
      client.commit(name);
      SolrQuery all = new SolrQuery("id:\"a:1\"");
      all.setFacet(true).addFacetField("shingles").setFacetLimit(-1).setFacetMinCount(1);
      Set<String> indexed = new TreeSet<>();
      for (FacetField.Count c : client.query(name, all).getFacetField("shingles").getValues()) {
        indexed.add(c.getName());
      }
      Set<String> ours = new TreeSet<>();
      for (int shingle : f.shingles()) {
        ours.add(String.format(Locale.ROOT, "%08x", shingle));
      }
      assertEquals(ours, indexed);
      assertTrue(ours.size() > 5, "a sentence keeps a few shingles: " + ours);
    }
  }
}
