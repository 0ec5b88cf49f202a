package org.feedfold.extract;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;

/**
 * Fuzzes the extract front door: page bytes plus URL and content type, and a feed fragment. {@link
 * ArticleExtractor} documents that it never throws for malformed HTML, so anything escaping (an
 * exception, a {@link StackOverflowError}, running out of memory, hanging) is a bug.
 *
 * <p>{@code ./mvnw verify} replays the inputs under {@code
 * src/test/resources/org/feedfold/extract/ArticleExtractorFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes (see docs/RELIABILITY.md).
 */
class ArticleExtractorFuzzTest {
  private static final ArticleExtractor EXTRACTOR = new ArticleExtractor();
  private static final String[] TYPES = {
    "",
    "text/html",
    "text/html; charset=utf-8",
    "text/html; charset=windows-1252",
    "application/xhtml+xml",
    "text/html; charset=shift_jis"
  };
  private static final String[] URLS = {
    "", "https://example.com/news/a.html", "http://example.org/a/b/?x=1#f", "https://ex.com"
  };

  @FuzzTest(maxDuration = "4m")
  void extractsAnyPage(FuzzedDataProvider data) {
    String type = data.pickValue(TYPES);
    String url = data.pickValue(URLS);
    boolean fragment = data.consumeBoolean();
    PageSource source =
        new PageSource(url.isEmpty() ? null : URI.create(url), type.isEmpty() ? null : type);
    if (fragment) {
      EXTRACTOR.extractFragment(data.consumeRemainingAsString(), source);
    } else {
      EXTRACTOR.extract(data.consumeRemainingAsBytes(), source);
    }
  }
}
