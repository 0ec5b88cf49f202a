package org.feedfold.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FetchSettingsTest {
  static final Duration S = Duration.ofSeconds(1);

  @Test
  void defaultsMatchDocumentedValues() {
    FetchSettings d = FetchSettings.defaults("0.1.0");

    assertEquals(
        new FetchSettings(
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            10 * 1024 * 1024,
            "Feedfold/0.1.0 (+https://github.com/feedfold/feedfold)",
            5,
            2,
            32,
            Duration.ofSeconds(60)),
        d);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "fetch.connect-timeout",
            (Supplier<?>) () -> new FetchSettings(Duration.ZERO, S, 1, "ua", 1, 1, 1)),
        Arguments.of(
            "fetch.read-timeout", (Supplier<?>) () -> new FetchSettings(S, null, 1, "ua", 1, 1, 1)),
        Arguments.of(
            "fetch.max-body", (Supplier<?>) () -> new FetchSettings(S, S, 0, "ua", 1, 1, 1)),
        Arguments.of(
            "fetch.user-agent", (Supplier<?>) () -> new FetchSettings(S, S, 1, " ", 1, 1, 1)),
        Arguments.of(
            "fetch.user-agent", (Supplier<?>) () -> new FetchSettings(S, S, 1, "a\nb", 1, 1, 1)),
        Arguments.of(
            "fetch.max-redirects", (Supplier<?>) () -> new FetchSettings(S, S, 1, "ua", -1, 1, 1)),
        Arguments.of(
            "fetch.max-connections-per-host",
            (Supplier<?>) () -> new FetchSettings(S, S, 1, "ua", 1, 0, 1)),
        Arguments.of(
            "fetch.max-connections", (Supplier<?>) () -> new FetchSettings(S, S, 1, "ua", 1, 4, 2)),
        Arguments.of(
            "fetch.deadline",
            (Supplier<?>) () -> new FetchSettings(S, S, 1, "ua", 1, 1, 1, Duration.ZERO)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsInvalidValueNamingItsKey(String key, Supplier<?> settings) {
    var e = assertThrows(IllegalArgumentException.class, settings::get);
    assertTrue(e.getMessage().startsWith(key + " "), e.getMessage());
  }
}
