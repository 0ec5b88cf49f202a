package org.feedfold.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TitleCleanerTest {
  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      delimiter = ';',
      value = {
        "Storm hits coast | Daily Planet; -; -; Storm hits coast",
        "Storm hits coast - Daily Planet; Daily Planet; -; Storm hits coast",
        "Daily Planet: Storm hits coast; Daily Planet; -; Storm hits coast",
        "Storm hits coast – News – Daily Planet; -; -; Storm hits coast – News",
        "Merkel - Macron: a new plan for Europe; -; -; Merkel - Macron: a new plan for Europe",
        "Storm hits the coast overnight » Lokales » DP; -; Storm hits the coast overnight; Storm hits the coast overnight",
        "-; -; Headline only; Headline only",
      })
  void stripsTheSiteName(String title, String site, String heading, String expected) {
    assertEquals(expected, TitleCleaner.clean(title, site, heading));
  }
}
