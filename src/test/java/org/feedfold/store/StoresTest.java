package org.feedfold.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.feedfold.config.ConfigException;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.ArticleInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {
  @TempDir Path home;

  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-11-30T07:00:00Z"));

  @Test
  void opensTheEmbeddedLuceneIndexByDefault() throws IOException {
    StoreSettings s = FeedfoldConfig.defaults(home).storeSettings();
    assertEquals(StoreSettings.Type.LUCENE, s.type());
    assertEquals(home.resolve("data").resolve("index"), s.indexDir());
    assertFalse(Stores.exists(s));
    try (Store store = Stores.open(s, CLOCK)) {
      assertInstanceOf(ArticleIndex.class, store);
      store.add(article("a1"));
      store.commit();
    }
    assertTrue(Stores.exists(s));
    try (Store reader = Stores.openReadOnly(s, CLOCK)) {
      assertTrue(reader.contains("a1"));
      assertThrows(IllegalStateException.class, () -> reader.add(article("a2")));
    }
  }

  @Test
  void readOnlyOpenOfNothingSaysWhichCommandsStore() {
    StoreSettings s = FeedfoldConfig.defaults(home).storeSettings();
    IOException e = assertThrows(IOException.class, () -> Stores.openReadOnly(s, CLOCK));
    assertTrue(e.getMessage().contains("'feedfold fetch'"), e.getMessage());
  }

  @Test
  void readsTheStoreTypeFromTheConfiguration() throws ConfigException, IOException {
    Path f = write("store.type=Lucene");
    assertEquals(StoreSettings.Type.LUCENE, FeedfoldConfig.load(f, home).storeSettings().type());
  }

  @Test
  void refusesAnUnknownStoreTypeNamingTheKeyAndTheChoices() throws IOException {
    Path f = write("data.dir=data", "store.type=cassandra");
    ConfigException e = assertThrows(ConfigException.class, () -> FeedfoldConfig.load(f, home));
    assertTrue(e.getMessage().startsWith(f + ":2: "), e.getMessage());
    assertTrue(e.getMessage().contains("store.type"), e.getMessage());
    assertTrue(e.getMessage().contains("lucene"), e.getMessage());
  }

  private Path write(String... lines) throws IOException {
    Path f = home.resolve("feedfold.properties");
    Files.write(f, List.of(lines), StandardCharsets.UTF_8);
    return f;
  }

  private static ArticleInput article(String id) {
    return new ArticleInput(
        id,
        "https://example.org/" + id,
        null,
        "A headline of " + id,
        "Some text of the article " + id + ".",
        null,
        Instant.parse("2026-11-30T06:00:00Z"),
        Instant.parse("2026-11-30T06:00:00Z"),
        "example.org",
        "https://example.org/feed",
        null,
        null);
  }
}
