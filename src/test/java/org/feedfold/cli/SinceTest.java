package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class SinceTest {
  private final Since since = new Since(InstantSource.fixed(Instant.parse("2026-11-27T12:00:00Z")));

  @ParameterizedTest
  @CsvSource({
    "90m, 2026-11-27T10:30:00Z",
    "24h, 2026-11-26T12:00:00Z",
    "7d, 2026-11-20T12:00:00Z",
    "2w, 2026-11-13T12:00:00Z",
    "2026-11-01, 2026-11-01T00:00:00Z",
    "2026-11-01T08:00:00+02:00, 2026-11-01T06:00:00Z",
  })
  void convertsDurationsDatesAndInstants(String value, String expected) {
    assertEquals(Instant.parse(expected), since.convert(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "-5d", "2026-13-01", "7 days"})
  void rejectsAnythingElse(String value) {
    assertThrows(TypeConversionException.class, () -> since.convert(value));
  }
}
