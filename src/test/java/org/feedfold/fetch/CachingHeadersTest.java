package org.feedfold.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CachingHeadersTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  @ParameterizedTest(name = "Retry-After: {0} -> {1}s")
  @CsvSource(
      delimiter = '|',
      value = {
        "120                           | 120",
        "0                             | 0",
        "Fri, 27 Nov 2026 10:05:00 GMT | 300",
        "Fri, 27 Nov 2026 09:00:00 GMT | 0",
        "99999999999999                | 31536000",
        "soon                          | ",
        "-5                            | ",
        "                              | ",
      })
  void parsesRetryAfterSecondsOrHttpDate(String header, Long expectedSeconds) {
    assertEquals(
        expectedSeconds == null ? null : Duration.ofSeconds(expectedSeconds),
        CachingHeaders.retryAfter(header, NOW));
  }

  @ParameterizedTest(name = "Cache-Control: {0} -> {1}s")
  @CsvSource(
      delimiter = '|',
      value = {
        "max-age=600                  | 600",
        "public, MAX-AGE=60, must-revalidate | 60",
        "max-age=\"30\"               | 30",
        "no-cache                     | ",
        "max-age=abc                  | ",
        "s-maxage=100                 | ",
      })
  void parsesMaxAge(String header, Long expectedSeconds) {
    assertEquals(
        expectedSeconds == null ? null : Duration.ofSeconds(expectedSeconds),
        CachingHeaders.maxAge(header));
  }

  /** RFC 9111 §4.2.1: max-age wins over Expires; Expires counts from the response's Date. */
  @ParameterizedTest(name = "Cache-Control: {0}, Expires: {1}, Date: {2} -> {3}s")
  @CsvSource(
      delimiter = '|',
      value = {
        "max-age=600 | Fri, 27 Nov 2026 12:00:00 GMT |                               | 600",
        "            | Fri, 27 Nov 2026 12:00:00 GMT |                               | 7200",
        "            | Fri, 27 Nov 2026 12:00:00 GMT | Fri, 27 Nov 2026 11:00:00 GMT | 3600",
        "            | Fri, 27 Nov 2026 09:00:00 GMT |                               | 0",
        "            | 0                             |                               | 0",
        "no-cache    |                               |                               | ",
        "            |                               |                               | ",
      })
  void takesFreshnessFromMaxAgeOrExpires(
      String cacheControl, String expires, String date, Long expectedSeconds) {
    assertEquals(
        expectedSeconds == null ? null : Duration.ofSeconds(expectedSeconds),
        CachingHeaders.freshness(cacheControl, expires, date, NOW));
  }
}
