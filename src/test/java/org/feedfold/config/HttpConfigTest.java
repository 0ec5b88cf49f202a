package org.feedfold.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.feedfold.serve.ServeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code http.*} keys: token rules, timeouts and connection caps. */
class HttpConfigTest {
  @TempDir Path dir;

  private Path write(String... lines) throws IOException {
    Path f = dir.resolve("feedfold.properties");
    Files.write(f, List.of(lines), StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void refusesNonLoopbackBindWithoutTokenNamingTheKey() throws IOException {
    Path f = write("http.bind=0.0.0.0");

    ConfigException e = assertThrows(ConfigException.class, () -> FeedfoldConfig.load(f, dir));

    assertTrue(
        e.getMessage().contains("key 'http.bind': http.token (not set) must be set"),
        e.getMessage());
    assertTrue(e.getMessage().contains("0.0.0.0"), e.getMessage());
  }

  @Test
  void acceptsNonLoopbackBindWithToken() throws Exception {
    FeedfoldConfig c =
        FeedfoldConfig.load(write("http.bind=0.0.0.0", "http.token=abcdefghijklmnop0123"), dir);

    assertEquals("abcdefghijklmnop0123", c.serveSettings(null, null).token());
  }

  @Test
  void readsLimits() throws Exception {
    FeedfoldConfig c =
        FeedfoldConfig.load(
            write(
                "http.header-timeout=3s",
                "http.idle-timeout=20s",
                "http.max-connections-per-client=4",
                "http.max-connections=40",
                "http.threads=2",
                "http.queue=8"),
            dir);

    assertEquals(
        new ServeSettings.Limits(Duration.ofSeconds(3), Duration.ofSeconds(20), 4, 40, 2, 8),
        c.serveSettings(null, null).limits());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http.token=short|key 'http.token': must be at least 16 characters",
        "http.token=has spaces in it 0123456789|key 'http.token': must be at least 16",
        "http.header-timeout=0s|key 'http.header-timeout': expected a positive duration",
        "http.max-connections-per-client=0|key 'http.max-connections-per-client': expected",
        "http.max-connections=8|key 'http.max-connections': must be at least",
        "http.threads=1000|key 'http.threads': must be 1-256",
      })
  void badValueNamesTheKey(String line, String message) throws IOException {
    Path f = write(line);

    ConfigException e = assertThrows(ConfigException.class, () -> FeedfoldConfig.load(f, dir));

    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
