package org.feedfold.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.feedfold.config.ConfigException;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolrSettingsTest {
  @TempDir Path home;

  @Test
  void readsHostsAndChrootAsZooKeeperConnectStringsDo() {
    SolrSettings s = SolrSettings.parse("zk1:2181, zk2:2181/solr/prod", "news");
    assertEquals(List.of("zk1:2181", "zk2:2181"), s.zkHosts());
    assertEquals(Optional.of("/solr/prod"), s.chroot());
    assertEquals("zk1:2181,zk2:2181/solr/prod", s.connectString());
    assertEquals(Optional.empty(), SolrSettings.parse("127.0.0.1:9983", "feedfold").chroot());
  }

  @Test
  void refusesMalformedAddressesAndNamesNamingTheKey() {
    for (String zk : new String[] {"zk1", "zk1:2181,", "zk1:port", "zk1:2181/bad path"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> SolrSettings.parse(zk, "feedfold"));
      assertTrue(e.getMessage().startsWith("store.solr.zk-hosts"), e.getMessage());
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SolrSettings.parse("zk:1", "a/b"));
    assertTrue(e.getMessage().startsWith("store.solr.collection"), e.getMessage());
  }

  @Test
  void choosesTheSolrStoreFromTheConfiguration() throws ConfigException, IOException {
    StoreSettings s =
        FeedfoldConfig.load(write("store.type=solr", "store.solr.zk-hosts=zk1:2181/solr"), home)
            .storeSettings();
    assertEquals(StoreSettings.Type.SOLR, s.type());
    assertEquals("feedfold", s.solr().collection());
    assertEquals("zk1:2181/solr", s.solr().connectString());
    assertNull(FeedfoldConfig.defaults(home).storeSettings().solr());
  }

  @Test
  void refusesTheSolrStoreWithoutZooKeeperNamingTheKeyAndLine() throws IOException {
    Path f = write("data.dir=data", "store.type=solr");
    ConfigException e = assertThrows(ConfigException.class, () -> FeedfoldConfig.load(f, home));
    assertTrue(e.getMessage().contains("store.solr.zk-hosts"), e.getMessage());
  }

  private Path write(String... lines) throws IOException {
    Path f = home.resolve("feedfold.properties");
    Files.write(f, List.of(lines), StandardCharsets.UTF_8);
    return f;
  }
}
