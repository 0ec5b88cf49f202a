package org.feedfold.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class DateParserTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvFileSource(resources = "/parse/dates.csv", nullValues = "")
  void parsesFeedDatesToUtcOrLeavesThemAbsent(String input, String expected) {
    Instant want = expected == null ? null : Instant.parse(expected);
    assertEquals(want, DateParser.parse(input));
  }
}
