package org.feedfold.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.RefreshSettings;
import org.feedfold.ingest.IngestSettings;
import org.feedfold.serve.ServeSettings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedfoldConfigTest {
  @TempDir Path dir;

  private Path write(String... lines) throws IOException {
    Path f = dir.resolve("feedfold.properties");
    Files.write(f, List.of(lines), StandardCharsets.UTF_8);
    return f;
  }

  @Nested
  class ShippedFile {
    @Test
    void listsEveryKeyWithItsDefault() throws IOException {
      Map<String, String> shipped = new LinkedHashMap<>();
      for (String line : Files.readAllLines(Path.of("config/feedfold.properties"))) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          shipped.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
        }
      }
      Map<String, String> declared = new LinkedHashMap<>();
      for (ConfigKey k : ConfigKey.values()) {
        declared.put(k.key, k.defaultValue);
      }
      assertEquals(declared, shipped);
    }

    @Test
    void documentsEveryKeyWithItsDescription() throws IOException {
      String text = Files.readString(Path.of("config/feedfold.properties"));
      for (ConfigKey k : ConfigKey.values()) {
        assertTrue(text.contains("# " + k.description + "\n" + k.key + "="), k.key);
      }
    }

    @Test
    void loadsToTheDefaults() throws ConfigException {
      FeedfoldConfig shipped = FeedfoldConfig.load(Path.of("config/feedfold.properties"), dir);
      FeedfoldConfig defaults = FeedfoldConfig.defaults(dir);
      assertEquals(defaults.dataDir(), shipped.dataDir());
      assertEquals(defaults.clusterSettings(), shipped.clusterSettings());
      assertEquals(dir.resolve("data"), shipped.dataDir());
    }
  }

  @Test
  void embeddedDefaultsAreTheStagesOwnDefaults() {
    FeedfoldConfig c = FeedfoldConfig.defaults(dir);
    assertEquals(ClusterSettings.defaults(), c.clusterSettings());
    assertEquals(FetchSettings.defaults("1.0"), c.feedFetchSettings("1.0"));
    assertEquals(RefreshSettings.defaults(), c.refreshSettings());
    assertEquals(IngestSettings.defaults(), c.ingestSettings());
    assertEquals(ServeSettings.defaults(), c.serveSettings(null, null));
  }

  @Test
  void readsTypedValues() throws Exception {
    FeedfoldConfig c =
        FeedfoldConfig.load(
            write("# comment", "", "cluster.window = 36h", "data.dir=/var/lib/feedfold"), dir);
    assertEquals(Duration.ofHours(36), c.clusterSettings().window());
    assertEquals(Path.of("/var/lib/feedfold"), c.dataDir());
  }

  @Test
  void resolvesRelativePathsAgainstTheHome() throws Exception {
    FeedfoldConfig c = FeedfoldConfig.load(write("feeds.file=my/feeds.opml"), dir);
    assertEquals(dir.resolve("my/feeds.opml"), c.feedsFile());
  }

  @Nested
  class Rejects {
    @Test
    void unknownKeyNamingFileLineAndKey() throws IOException {
      Path f = write("http.port=8080", "fetch.timeout=10s");
      ConfigException e = assertThrows(ConfigException.class, () -> FeedfoldConfig.load(f, dir));
      assertTrue(e.getMessage().startsWith(f + ":2: unknown key 'fetch.timeout'"), e.getMessage());
      assertTrue(e.getMessage().contains("fetch.connect-timeout"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "http.port=eighty|key 'http.port': expected a port number 0-65535, got 'eighty'",
          "http.port=70000|key 'http.port': expected a port number 0-65535",
          "fetch.interval=0s|key 'fetch.interval': expected a positive duration",
          "fetch.interval=soon|key 'fetch.interval': expected a positive duration",
          "fetch.max-body=lots|key 'fetch.max-body': expected a positive size",
          "extract.enabled=maybe|key 'extract.enabled': expected true or false",
          "cluster.min-containment=1.5|key 'cluster.min-containment': expected a number in (0, 1]",
          "serve.public-url=/feeds|key 'serve.public-url': expected an absolute http(s) URL",
          "store.solr.settle-articles=200000|key 'store.solr.settle-articles': must be at most"
              + " 100000",
          "store.solr.claims-max-age=30m|key 'store.solr.claims-max-age': must be at least 1h",
          "just some words|expected key=value",
        })
    void badValueNamingLineAndKey(String line, String message) throws IOException {
      Path f = write("# first line", line);
      ConfigException e = assertThrows(ConfigException.class, () -> FeedfoldConfig.load(f, dir));
      assertTrue(e.getMessage().startsWith(f + ":2: " + message), e.getMessage());
    }

    @Test
    void repeatedKey() throws IOException {
      Path f = write("http.port=1", "http.port=2");
      ConfigException e = assertThrows(ConfigException.class, () -> FeedfoldConfig.load(f, dir));
      assertTrue(e.getMessage().contains(":2: key 'http.port' is already set on line 1"));
    }

    @Test
    void minIntervalAboveMaxInterval() throws IOException {
      Path f = write("fetch.max-interval=1h", "fetch.min-interval=2h");
      ConfigException e = assertThrows(ConfigException.class, () -> FeedfoldConfig.load(f, dir));
      assertTrue(e.getMessage().contains(":2: key 'fetch.min-interval': must not exceed"));
    }

    @Test
    void claimsMaxAgeShorterThanTenCommitIntervals() throws IOException {
      Path f = write("fetch.commit-interval=10m", "store.solr.claims-max-age=90m");
      ConfigException e = assertThrows(ConfigException.class, () -> FeedfoldConfig.load(f, dir));
      assertTrue(
          e.getMessage().contains(":2: key 'store.solr.claims-max-age': must be at least"),
          e.getMessage());
      assertTrue(e.getMessage().contains("fetch.commit-interval"), e.getMessage());
    }

    @Test
    void missingFile() {
      Path f = dir.resolve("nope.properties");
      ConfigException e = assertThrows(ConfigException.class, () -> FeedfoldConfig.load(f, dir));
      assertEquals(f + ": no such file", e.getMessage());
    }
  }
}
