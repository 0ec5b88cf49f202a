package org.feedfold.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatesTest {
  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      delimiter = '|',
      value = {
        "2024-05-01T10:00:00Z           | 2024-05-01T10:00:00Z",
        "2024-05-01T10:00:00+02:00      | 2024-05-01T08:00:00Z",
        "2024-05-01T10:00:00+0200       | 2024-05-01T08:00:00Z",
        "2024-05-01T10:00:00.123-05:00  | 2024-05-01T15:00:00.123Z",
        "2024-05-01T10:00+02:00         | 2024-05-01T08:00:00Z",
        "2024-05-01 10:00:00            | 2024-05-01T10:00:00Z",
        "2024-05-01T10:00:00            | 2024-05-01T10:00:00Z",
        "2024-05-01                     | 2024-05-01T00:00:00Z",
        "Wed, 01 May 2024 10:00:00 GMT  | 2024-05-01T10:00:00Z",
        "Wed, 1 May 2024 10:00:00 +0200 | 2024-05-01T08:00:00Z",
        "1. Mai 2024                    | -",
        "yesterday                      | -",
        "2024-13-45                     | -",
      })
  void parsesMetadataDateForms(String raw, String expected) {
    assertEquals(expected == null ? null : Instant.parse(expected), Dates.parse(raw));
  }
}
