package org.feedfold.parse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;

/**
 * Fuzzes the parse front door: bytes plus content type plus URL. {@link FeedParser#parse} may
 * refuse with {@link FeedParseException}; anything else escaping (a runtime exception, a {@link
 * StackOverflowError}, running out of memory, hanging) is a bug.
 *
 * <p>{@code ./mvnw verify} replays the inputs under {@code
 * src/test/resources/org/feedfold/parse/FeedParserFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes
 * (see docs/RELIABILITY.md).
 */
class FeedParserFuzzTest {
  private static final FeedParser PARSER = new FeedParser();
  private static final String[] TYPES = {
    "",
    "application/rss+xml",
    "application/atom+xml; charset=utf-8",
    "text/xml; charset=iso-8859-1",
    "application/feed+json",
    "application/json; charset=utf-16",
    "text/html; charset=windows-1252",
  };
  private static final String[] URLS = {
    "", "https://example.com/feed.xml", "http://example.org/a/b/rss?x=1#f", "https://ex.com/"
  };

  @FuzzTest(maxDuration = "4m")
  void parsesOrRefusesAnyBytes(FuzzedDataProvider data) {
    String type = data.pickValue(TYPES);
    String url = data.pickValue(URLS);
    byte[] body = data.consumeRemainingAsBytes();
    FeedSource source =
        new FeedSource(url.isEmpty() ? null : URI.create(url), type.isEmpty() ? null : type, null);
    try {
      PARSER.parse(body, source);
    } catch (FeedParseException refused) {
      // The documented way to refuse a body.
    }
  }
}
