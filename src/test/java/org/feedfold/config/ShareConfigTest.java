package org.feedfold.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.feedfold.coord.ShareSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code cluster.zk-hosts} keys of daemons sharing the fetch work (issue 13). */
class ShareConfigTest {
  @TempDir Path dir;

  private Path write(String... lines) throws IOException {
    Path f = dir.resolve("feedfold.properties");
    Files.write(f, List.of(lines), StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void aDaemonFetchesAloneByDefault() {
    assertNull(FeedfoldConfig.defaults(dir).shareSettings());
  }

  @Test
  void readsTheGroup() throws Exception {
    Path f =
        write(
            "cluster.zk-hosts=zk1:2181,zk2:2181/solr",
            "cluster.name=news",
            "cluster.session-timeout=30s",
            "cluster.member-id=fetcher-1");
    assertEquals(
        new ShareSettings("zk1:2181,zk2:2181/solr", "news", Duration.ofSeconds(30), "fetcher-1"),
        FeedfoldConfig.load(f, dir).shareSettings());
  }

  @Test
  void namesAMemberAfterItsHostAndProcess() throws Exception {
    Path f = write("cluster.zk-hosts=localhost:2181");
    ShareSettings s = FeedfoldConfig.load(f, dir).shareSettings();
    assertTrue(s.memberId().endsWith("-" + ProcessHandle.current().pid()), s.memberId());
    assertEquals(Duration.ofSeconds(20), s.sessionTimeout());
    assertEquals("default", s.name());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "cluster.zk-hosts=localhost|cluster.zk-hosts",
        "cluster.name=a/b|cluster.name",
        "cluster.session-timeout=10m|cluster.session-timeout",
        "cluster.member-id=my host|cluster.member-id"
      })
  void namesTheLineAndKeyOfABadValue(String line, String key) throws IOException {
    Path f = write("# comment", line);
    ConfigException e = assertThrows(ConfigException.class, () -> FeedfoldConfig.load(f, dir));
    assertTrue(e.getMessage().startsWith(f + ":2: "), e.getMessage());
    assertTrue(e.getMessage().contains(key), e.getMessage());
  }
}
