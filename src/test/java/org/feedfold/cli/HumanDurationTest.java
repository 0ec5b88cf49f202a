package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {
  @ParameterizedTest
  @CsvSource({
    "PT0S, 0 s",
    "PT40S, 40 s",
    "PT40M, 40 min",
    "PT40M59S, 40 min",
    "PT5H, 5 h",
    "PT5H20M, 5 h 20 min",
    "PT51H, 2 d 3 h",
    "PT48H30M, 2 d",
    "-PT5H, 5 h",
  })
  void formatsAsPeopleReadIt(String iso, String expected) {
    assertEquals(expected, HumanDuration.format(Duration.parse(iso)));
  }
}
