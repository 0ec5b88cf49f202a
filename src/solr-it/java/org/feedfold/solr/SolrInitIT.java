package org.feedfold.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.cloud.DocCollection;
import org.feedfold.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SolrCluster.class)
class SolrInitIT {
  @TempDir Path dir;

  private String[] run(String... args) throws Exception {
    Path config = dir.resolve("feedfold.properties");
    Files.writeString(config, "data.dir=" + dir.resolve("data") + "\n");
    CliRun r = CliRun.run(config, args);
    return new String[] {Integer.toString(r.code()), r.out(), r.err()};
  }

  @Test
  void uploadsTheConfigsetAndCreatesTheCollection(SolrCluster.Running solr) throws Exception {
    String[] r =
        run("solr", "init", "--zk", solr.zkHost(), "--collection", "inited", "--shards", "2");
    assertEquals("0", r[0], r[1] + r[2]);
    assertTrue(r[1].contains("created collection inited (2 shards x 2 replicas"), r[1]);
    try (CloudSolrClient client = solr.client()) {
      DocCollection c = client.getClusterStateProvider().getCollection("inited");
      assertEquals(2, c.getSlices().size());
      c.getSlices().forEach(s -> assertEquals(2, s.getReplicas().size()));
    }
    String[] again = run("solr", "init", "--zk", solr.zkHost(), "--collection", "inited");
    assertEquals("1", again[0], "an existing collection is not created twice: " + again[2]);
  }

  @Test
  void refusesAMalformedAddressNamingTheKey() throws Exception {
    String[] r = run("solr", "init", "--zk", "not an address");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("store.solr.zk-hosts"), r[2]);
  }
}
