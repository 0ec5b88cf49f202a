package org.feedfold.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.feedfold.config.Subscriptions;
import org.feedfold.coord.FeedList;
import org.feedfold.coord.ShareSettings;
import org.feedfold.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a cluster ({@code --zk} or {@code cluster.zk-hosts}), {@code stats} and {@code fetch} run
 * without a daemon read the cluster's subscription list in ZooKeeper, not {@code feeds.file} (issue
 * 13): the file lists one feed the cluster does not, the cluster three the file does not.
 */
class ClusterListCommandsTest {
  private static final List<String> CLUSTER = List.of("c0", "c1", "c2");

  @TempDir Path dir;
  private TestingServer zk;
  private WireMockServer http;
  private Path opml;

  @BeforeEach
  void setUp() throws Exception {
    zk =
        new TestingServer(
            new InstanceSpec(dir.resolve("zk").toFile(), -1, -1, -1, true, -1, 500, -1), true);
    http = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    http.start();
    String template = Files.readString(Path.of("src/test/resources/ingest/group-feed.xml"));
    List<Subscription> cluster = new ArrayList<>();
    for (String name : List.of("c0", "c1", "c2", "file")) {
      http.stubFor(
          get(urlPathEqualTo("/" + name + ".xml"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/rss+xml")
                      .withBody(
                          template
                              .replace("http://example.org/", http.baseUrl() + "/")
                              .replace("NAME", name))));
      if (CLUSTER.contains(name)) {
        cluster.add(new Subscription(url(name), null, null));
      }
    }
    opml = dir.resolve("feeds.opml");
    Subscriptions.add(opml, List.of(new Subscription(url("file"), null, null)));
    try (FeedList list =
        FeedList.connect(
            new ShareSettings(zk.getConnectString(), "test", Duration.ofSeconds(8), "setup"))) {
      assertEquals(3, list.add(cluster).added().size());
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    http.stop();
    zk.close();
  }

  @Test
  void statsWithZkCountsTheClusterFeedsNotTheFile() throws Exception {
    Path config = config("");
    assertEquals(0, run(config, "fetch").code(), "fetches the file's feed, which the index keeps");

    JsonNode n = stats(config, "--zk", zk.getConnectString());
    assertEquals(3, n.get("feeds").asInt(), n.toString());
    assertEquals(3, n.get("feeds_never_fetched").asInt(), n.toString());
  }

  @Test
  void statsInAClusterConfigCountsTheClusterFeedsByStatus() throws Exception {
    Path config = config("cluster.zk-hosts=" + zk.getConnectString() + "\n");
    assertEquals(0, run(config, "fetch", "--feed", url("c0").toString()).code());

    JsonNode n = stats(config);
    assertEquals(3, n.get("feeds").asInt(), n.toString());
    assertEquals(1, n.get("feeds_ok").asInt(), n.toString());
    assertEquals(2, n.get("feeds_never_fetched").asInt(), n.toString());
  }

  @Test
  void fetchWithZkFetchesEveryClusterFeedOnceAndNotTheFilesFeed() {
    CliRun r = run(config(""), "fetch", "--zk", zk.getConnectString());
    assertEquals(0, r.code(), r.out() + r.err());
    for (String name : CLUSTER) {
      http.verify(1, getRequestedFor(urlPathEqualTo("/" + name + ".xml")));
    }
    http.verify(0, getRequestedFor(urlPathEqualTo("/file.xml")));
    assertTrue(r.out().contains("3 of 3 feeds fetched"), r.out());
  }

  @Test
  void fetchInAClusterConfigFetchesEveryClusterFeed() {
    CliRun r = run(config("cluster.zk-hosts=" + zk.getConnectString() + "\n"), "fetch");
    assertEquals(0, r.code(), r.out() + r.err());
    for (String name : CLUSTER) {
      http.verify(1, getRequestedFor(urlPathEqualTo("/" + name + ".xml")));
    }
    http.verify(0, getRequestedFor(urlPathEqualTo("/file.xml")));
  }

  private URI url(String name) {
    return URI.create(http.baseUrl() + "/" + name + ".xml");
  }

  private Path config(String extra) {
    Path config = dir.resolve("feedfold-" + extra.hashCode() + ".properties");
    try {
      Files.writeString(
          config,
          "data.dir="
              + dir.resolve("data")
              + "\nfeeds.file="
              + opml
              + "\ncluster.name=test\n"
              + extra);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return config;
  }

  private JsonNode stats(Path config, String... extra) throws Exception {
    String[] args = new String[extra.length + 2];
    args[0] = "stats";
    args[1] = "--json";
    System.arraycopy(extra, 0, args, 2, extra.length);
    CliRun r = run(config, args);
    assertEquals(0, r.code(), r.err());
    return Json.mapper().readTree(r.out());
  }

  private CliRun run(Path config, String... args) {
    return CliRun.run(config, args);
  }
}
