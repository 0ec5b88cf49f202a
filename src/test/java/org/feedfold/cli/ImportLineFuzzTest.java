package org.feedfold.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Fuzzes the import-line reader, {@link ImportCommand#article(String, Instant)}: it may refuse a
 * line with {@link IOException} (not JSON) or {@link IllegalArgumentException} (not an article);
 * anything else escaping is a bug.
 *
 * <p>{@code ./mvnw verify} replays the inputs under {@code
 * src/test/resources/org/feedfold/cli/ImportLineFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (see
 * docs/RELIABILITY.md).
 */
class ImportLineFuzzTest {
  private static final Instant SEEN = Instant.parse("2026-11-30T00:00:00Z");

  @FuzzTest(maxDuration = "4m")
  void readsOrRefusesAnyLine(byte[] line) {
    try {
      ImportCommand.article(new String(line, StandardCharsets.UTF_8), SEEN);
    } catch (IOException | IllegalArgumentException refused) {
      // The documented ways to refuse a line.
    }
  }
}
