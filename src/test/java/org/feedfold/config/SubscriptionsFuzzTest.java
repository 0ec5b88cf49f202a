package org.feedfold.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Fuzzes the OPML reader, {@link Subscriptions#read(java.io.Reader, Path)}: it may refuse a file
 * with {@link ConfigException}; anything else escaping is a bug.
 *
 * <p>{@code ./mvnw verify} replays the inputs under {@code
 * src/test/resources/org/feedfold/config/SubscriptionsFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes (see docs/RELIABILITY.md).
 */
class SubscriptionsFuzzTest {
  private static final Path NAME = Path.of("fuzz.opml");

  @FuzzTest(maxDuration = "4m")
  void readsOrRefusesAnyOpml(byte[] opml) {
    try {
      Subscriptions.read(new StringReader(new String(opml, StandardCharsets.UTF_8)), NAME);
    } catch (ConfigException refused) {
      // The documented way to refuse a file.
    }
  }
}
