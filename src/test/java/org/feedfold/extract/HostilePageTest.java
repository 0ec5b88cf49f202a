package org.feedfold.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.feedfold.model.ExtractedArticle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pages written to hurt the extractor: deep nesting, NUL bytes, invalid UTF-8, huge titles and
 * strings built to make a backtracking regex blow up. Each is extracted, cut or emptied, never a
 * crash. The fixtures are under {@code src/test/resources/extract/hostile/}; the {@code @Timeout}
 * guards against a hang, it is not a performance assertion.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostilePageTest {
  static final ArticleExtractor EXTRACTOR = new ArticleExtractor();
  static final PageSource SOURCE =
      new PageSource(URI.create("https://hostile.example/a.html"), "text/html");

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = HostilePageTest.class.getResourceAsStream("/extract/hostile/" + name)) {
      return Objects.requireNonNull(in, name).readAllBytes();
    }
  }

  static ExtractedArticle extract(String html) {
    return EXTRACTOR.extract(html.getBytes(StandardCharsets.UTF_8), SOURCE);
  }

  static List<String> strings(ExtractedArticle a) {
    List<String> out =
        new ArrayList<>(
            Arrays.asList(
                a.url(),
                a.title(),
                a.text(),
                a.html() == null ? null : a.html().html(),
                a.author(),
                a.canonical(),
                a.language(),
                a.siteName(),
                a.image()));
    out.removeIf(Objects::isNull);
    return out;
  }

  /** Runs {@code work} on a thread with a small stack, as a pool thread may have. */
  static <T> T onSmallStack(Supplier<T> work) throws InterruptedException {
    List<Object> result = new ArrayList<>(List.of("none"));
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result.set(0, work.get());
              } catch (Throwable e) {
                result.set(0, e);
              }
            },
            "small-stack",
            256 * 1024);
    t.start();
    t.join();
    if (result.get(0) instanceof Throwable e) {
      throw new AssertionError("extraction failed: " + e, e);
    }
    @SuppressWarnings("unchecked")
    T value = (T) result.get(0);
    return value;
  }

  @ParameterizedTest(name = "{0} levels")
  @ValueSource(ints = {10_000, 100_000})
  void extractsAPageNestedThousandsOfLevelsDeep(int depth) throws InterruptedException {
    String html =
        "<html><head><title>Deep page</title></head><body><article><p>"
            + "Some words of the article before the deep part begins here.</p>"
            + "<div>".repeat(depth)
            + "deep text"
            + "</div>".repeat(depth)
            + "</article></body></html>";

    ExtractedArticle a = onSmallStack(() -> extract(html));

    assertEquals("Deep page", a.title());
    assertTrue(a.text().contains("Some words"), a.text());
  }

  @ParameterizedTest(name = "{0} levels")
  @ValueSource(ints = {10_000, 100_000})
  void cleansAFragmentNestedThousandsOfLevelsDeep(int depth) throws InterruptedException {
    String html = "<p>Lead words.</p>" + "<span>".repeat(depth) + "deep" + "</span>".repeat(depth);

    ExtractedArticle a = onSmallStack(() -> EXTRACTOR.extractFragment(html, SOURCE));

    assertTrue(a.text().contains("Lead words."), a.text());
  }

  @Test
  void neverHandsOnANulCharacter() throws IOException {
    ExtractedArticle a = EXTRACTOR.extract(fixture("nul-bytes.html"), SOURCE);

    assertTrue(a.text().contains("First para"), a.text());
    for (String s : strings(a)) {
      assertFalse(s.indexOf('\0') >= 0, () -> "NUL in " + s);
    }
  }

  @Test
  void neverHandsOnANulCharacterFromAFragment() {
    ExtractedArticle a =
        EXTRACTOR.extractFragment("<p>a\0b &#0; c</p><img alt=\"x\0y\" src=\"p\0.png\">", SOURCE);

    for (String s : strings(a)) {
      assertFalse(s.indexOf('\0') >= 0, () -> "NUL in " + s);
    }
  }

  @Test
  void replacesInvalidUtf8() throws IOException {
    ExtractedArticle a = EXTRACTOR.extract(fixture("invalid-utf8.html"), SOURCE);

    assertNotNull(a.title());
    assertTrue(a.text().contains("inside a paragraph"), a.text());
  }

  @Test
  void cutsATenMegabyteTitle() {
    String huge = "word ".repeat(2 * 1024 * 1024);
    ExtractedArticle a =
        extract(
            "<html><head><title>"
                + huge
                + "</title><meta property=\"og:title\" content=\""
                + huge
                + "\"></head><body><article><p>Body text of the page.</p></article></body></html>");

    assertTrue(
        a.title().length() <= ArticleExtractor.MAX_TITLE_CHARS, "title " + a.title().length());
  }

  /** Long strings built to make a backtracking regex go exponential or quadratic. */
  static List<String> adversarial() {
    return List.of(
        ", ".repeat(100_000) + "x",
        " | ".repeat(50_000),
        " - ".repeat(50_000) + "!",
        "1".repeat(100_000) + "x",
        "a-".repeat(50_000) + "!",
        "en" + "-ab".repeat(50_000) + "!",
        "(foto: ".repeat(30_000),
        "/ dpa".repeat(30_000),
        "share ".repeat(30_000),
        "comment".repeat(30_000) + "!",
        "--".repeat(50_000),
        "post-1 ".repeat(30_000),
        "2024-01-01T".repeat(20_000));
  }

  @Test
  void matchesLongAdversarialStringsWithoutBlowingUp() throws InterruptedException {
    for (String s : adversarial()) {
      onSmallStack(
          () -> {
            Boilerplate.isBoilerplate(s);
            Boilerplate.isCredit(s);
            Boilerplate.commentsHeading(s);
            Boilerplate.feedFooter(s);
            Hints.classify(s);
            TitleCleaner.clean(s, s, s);
            Dates.parse(s);
            return s;
          });
    }
  }

  @Test
  void extractsPagesMadeOfAdversarialStrings() throws InterruptedException {
    for (String s : adversarial()) {
      String attr = s.replace("\"", "");
      String html =
          "<html lang=\""
              + attr
              + "\"><head><title>"
              + s
              + "</title><meta name=\"author\" content=\""
              + attr
              + "\"><meta property=\"article:published_time\" content=\""
              + attr
              + "\"></head><body><div class=\""
              + attr
              + "\" id=\""
              + attr
              + "\"><p class=\"byline\">"
              + s
              + "</p><p>"
              + s
              + "</p><figcaption>"
              + s
              + "</figcaption></div></body></html>";

      ExtractedArticle a = onSmallStack(() -> extract(html));

      assertNotNull(a.text());
    }
  }
}
