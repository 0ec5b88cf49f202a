package org.feedfold.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShareSettingsTest {
  private static final Duration SESSION = Duration.ofSeconds(20);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost:2181",
        "zk1:2181,zk2:2181,zk3:2181/solr",
        "10.0.0.7:9983",
        "[::1]:2181"
      })
  void acceptsZooKeeperConnectStrings(String hosts) {
    assertEquals(hosts, new ShareSettings(hosts, "default", SESSION, "a").zkHosts());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "localhost|default|20|a|cluster.zk-hosts",
        "zk1:2181, zk2:2181|default|20|a|cluster.zk-hosts",
        "localhost:2181|a/b|20|a|cluster.name",
        "localhost:2181|default|0|a|cluster.session-timeout",
        "localhost:2181|default|600|a|cluster.session-timeout",
        "localhost:2181|default|20|host name|cluster.member-id",
        "localhost:2181|default|20|..|cluster.member-id"
      })
  void namesTheKeyOfABadValue(String hosts, String name, int seconds, String id, String key) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ShareSettings(hosts, name, Duration.ofSeconds(seconds), id));
    assertTrue(e.getMessage().startsWith(key), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"node-1.example,4242,node-1.example-4242", "my host!,7,my-host--7"})
  void defaultMemberIdIsHostAndProcess(String host, long pid, String id) {
    assertEquals(id, ShareSettings.defaultMemberId(host, pid));
  }
}
