package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedSummaryTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "HTTP 410 (gone)|gone",
        "HTTP 429 (rate limited, retry after 60s)|rate-limited",
        "HTTP 503|http-5xx",
        "HTTP 404|http-4xx",
        "connect timed out after 10s|timeout",
        "read timed out after 30s|timeout",
        "timed out: took longer than the 60s deadline (fetch.deadline)|timeout",
        "unknown host feeds.example|dns",
        "connection refused by feeds.example|refused",
        "TLS failed: PKIX path building failed|tls",
        "redirect failed: Circular redirect|redirect",
        "protocol error: bad header|protocol",
        "SocketException: reset|other",
      })
  void namesTheKindOfAFailureReason(String reason, String kind) {
    assertEquals(kind, FeedSummary.kind(reason));
  }
}
