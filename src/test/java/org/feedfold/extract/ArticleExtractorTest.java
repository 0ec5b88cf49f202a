package org.feedfold.extract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.feedfold.model.ExtractedArticle;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArticleExtractorTest {
  private static final ArticleExtractor EXTRACTOR = new ArticleExtractor();

  static byte[] fixture(String name) {
    try (InputStream in = ArticleExtractorTest.class.getResourceAsStream("/extract/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ExtractedArticle extract(String name, String url, String contentType) {
    return EXTRACTOR.extract(
        fixture(name), new PageSource(url == null ? null : URI.create(url), contentType));
  }

  @Nested
  class EnglishNewsPage {
    final ExtractedArticle a =
        extract("news-en.html", "https://courier.example/news/harbour-bridge-reopens", null);

    @Test
    void keepsBodyParagraphsHeadingsQuotesAndListsInOrder() {
      String text = a.text();
      int first = text.indexOf("The harbour bridge reopened");
      int heading = text.indexOf("Cost overruns");
      int quote = text.indexOf("We would rather be late and safe");
      int item = text.indexOf("The speed limit on the bridge");
      int last = text.indexOf("another sixty years");
      assertAll(
          () -> assertTrue(first == 0, text),
          () -> assertTrue(first < heading && heading < quote && quote < item && item < last));
    }

    @Test
    void dropsNavigationShareBarCommentsRelatedLinksAndFooter() {
      String text = a.text();
      for (String boilerplate :
          new String[] {
            "Sport",
            "Share on Facebook",
            "Tweet",
            "cookies",
            "Finally!",
            "Post a comment",
            "Ferry timetable",
            "Related stories",
            "newsletter",
            "Most read",
            "All rights reserved",
            "Photo: Courier staff"
          }) {
        assertFalse(text.contains(boilerplate), () -> boilerplate + " leaked into:\n" + text);
      }
    }

    @Test
    void separatesParagraphsWithSingleNewlinesAndLeavesOutTheHeadline() {
      assertFalse(a.text().contains("Harbour bridge reopens after"));
      assertFalse(a.text().contains("\n\n"));
      assertTrue(a.text().lines().count() >= 7);
    }

    @Test
    void readsMetadataFromJsonLdOpenGraphAndLinks() {
      assertAll(
          () -> assertEquals("Harbour bridge reopens after two years of repairs", a.title()),
          () -> assertEquals("Maya Lindqvist", a.author()),
          () -> assertEquals(Instant.parse("2024-03-14T07:30:00Z"), a.published()),
          () -> assertEquals(Instant.parse("2024-03-14T09:05:00Z"), a.modified()),
          () -> assertEquals("https://courier.example/news/harbour-bridge-reopens", a.canonical()),
          () -> assertEquals("en-GB", a.language()),
          () -> assertEquals("The Riverside Courier", a.siteName()),
          () -> assertEquals("https://courier.example/images/bridge.jpg", a.image()),
          () -> assertEquals("https://courier.example/news/harbour-bridge-reopens", a.url()));
    }

    @Test
    void sanitisesBodyHtml() {
      String html = a.html().html();
      assertAll(
          () -> assertTrue(html.contains("<p>The harbour bridge reopened"), html),
          () -> assertTrue(html.contains("<blockquote>"), html),
          () -> assertTrue(html.contains("<li>The speed limit"), html),
          () -> assertFalse(html.contains("<script"), html),
          () -> assertFalse(html.contains("onclick"), html),
          () -> assertFalse(html.contains("class="), html));
    }
  }

  @Nested
  class GermanNewsPage {
    final ExtractedArticle a = extract("news-de.html", null, null);

    @Test
    void keepsTheArticleAndDropsGermanFurniture() {
      String text = a.text();
      assertAll(
          () -> assertTrue(text.startsWith("Der Stadtrat hat am Dienstagabend"), text),
          () -> assertTrue(text.contains("nach den Sommerferien am Ring"), text),
          () -> assertFalse(text.contains("Teilen"), text),
          () -> assertFalse(text.contains("Lesen Sie auch"), text),
          () -> assertFalse(text.contains("Mehr zum Thema"), text),
          () -> assertFalse(text.contains("Fahrradstraße"), text),
          () -> assertFalse(text.contains("Endlich passiert"), text),
          () -> assertFalse(text.contains("Kommentar"), text),
          () -> assertFalse(text.contains("Impressum"), text));
    }

    @Test
    void stripsSectionAndSiteFromTitleAndReadsMetaTags() {
      assertAll(
          () -> assertEquals("Neue Radwege für die Innenstadt", a.title()),
          () -> assertEquals("Jonas Weber", a.author()),
          () -> assertEquals(Instant.parse("2024-05-02T04:00:00Z"), a.published()),
          () -> assertEquals("de", a.language()),
          () -> assertNull(a.canonical()));
    }
  }

  @Nested
  class Charsets {
    @Test
    void decodesWindows1252DeclaredInMeta() {
      ExtractedArticle a = extract("windows-1252.html", null, null);
      assertAll(
          () -> assertTrue(a.text().contains("La préfecture a annoncé"), a.text()),
          () -> assertTrue(a.text().contains("jusqu’à deux heures"), a.text()),
          () -> assertTrue(a.text().contains("« Nous voulons"), a.text()),
          () ->
              assertEquals(
                  "Fête de la musique : la préfecture prévoit un dispositif renforcé", a.title()));
    }

    @Test
    void decodesLatin1DeclaredOnlyInTheHttpHeader() {
      ExtractedArticle a = extract("latin1-no-meta.html", null, "text/html; charset=ISO-8859-1");
      assertTrue(a.text().contains("place de l’Hôtel-de-Ville"), a.text());
    }

    @Test
    void fallsBackToWindows1252WhenBytesAreNotUtf8AndNothingIsDeclared() {
      ExtractedArticle a = extract("latin1-no-meta.html", null, null);
      assertTrue(a.text().contains("sécurité renforcé"), a.text());
    }

    @Test
    void honoursUtf8ByteOrderMark() {
      byte[] page = fixture("news-de.html");
      byte[] withBom = new byte[page.length + 3];
      withBom[0] = (byte) 0xEF;
      withBom[1] = (byte) 0xBB;
      withBom[2] = (byte) 0xBF;
      System.arraycopy(page, 0, withBom, 3, page.length);
      ExtractedArticle a =
          EXTRACTOR.extract(withBom, new PageSource(null, "text/html; charset=iso-8859-1"));
      assertTrue(a.text().contains("Kämmerin"), a.text());
    }
  }

  @Nested
  class InfiniteScroll {
    final ExtractedArticle a =
        extract("infinite-scroll.html", "https://diario.example/nacionales/bendicion", null);

    @Test
    void keepsTheStoryUnderThePageHeadlineOverALongerNextStory() {
      assertAll(
          () -> assertTrue(a.text().startsWith("La parroquia del barrio"), a.text()),
          () -> assertTrue(a.text().contains("consejos de seguridad"), a.text()),
          () -> assertFalse(a.text().contains("presupuesto"), a.text()));
    }
  }

  @Test
  void keepsTheStandfirstAfterAnH2HeadlineCarryingThePageTitle() {
    ExtractedArticle a = extract("h2-headline-lead.html", "https://landblatt.example/schnee", null);
    assertAll(
        () -> assertTrue(a.text().startsWith("Eine dicke Schneedecke"), a.text()),
        () -> assertTrue(a.text().contains("weiche Geräte"), a.text()),
        () -> assertFalse(a.text().contains("Impressum"), a.text()));
  }

  @Test
  void keepsSectionHeadingsInTheirOwnBoxButDropsAHeadingThatEndsTheBody() {
    String text = extract("section-headings.html", "https://town.example/library", null).text();
    assertAll(
        () -> assertTrue(text.contains("A building with a history\nThe library opened"), text),
        () -> assertTrue(text.contains("What happens next\nArchitects will present"), text),
        () -> assertTrue(text.endsWith("choose one of them."), text));
  }

  @Test
  void dropsCaptionsAuthorBiosCallsToActionAndDisclaimers() {
    String text = extract("section-headings.html", "https://town.example/library", null).text();
    assertAll(
        () -> assertFalse(text.contains("Town Archive"), text),
        () -> assertFalse(text.contains("card catalogue"), text),
        () -> assertFalse(text.contains("Anna Example"), text),
        () -> assertFalse(text.contains("advertisers"), text),
        () -> assertFalse(text.contains("Write to the editors"), text),
        () -> assertTrue(text.contains("where it stands."), text));
  }

  @Nested
  class StructuredData {
    @Test
    void usesJsonLdArticleBodyWhenThePageShowsOnlyATeaser() {
      ExtractedArticle a = extract("jsonld-body.html", null, null);
      assertAll(
          () -> assertTrue(a.text().contains("promised to table amendments in March"), a.text()),
          () -> assertEquals(3, a.text().lines().count(), a.text()),
          () -> assertFalse(a.text().contains("Subscribe"), a.text()),
          () -> assertTrue(a.html().html().startsWith("<p>The city council"), a.html().html()),
          () -> assertEquals("Sam Okafor", a.author()),
          () -> assertEquals(Instant.parse("2024-01-09T00:00:00Z"), a.published()),
          () -> assertEquals("en-US", a.language()));
    }
  }

  @Nested
  class OtherScripts {
    @ParameterizedTest
    @CsvSource({
      "zh.html, 经过十八个月的改造, 孩子们也有了更安全的游玩场所, 热点新闻, zh-CN",
      "ar.html, افتتحت البلدية يوم الأحد, أما الآن فأصبحت قريبة منهم, سياسة الخصوصية, ar"
    })
    void findsTheBodyWithoutEnglishClassNames(
        String page, String start, String end, String sidebar, String language) {
      ExtractedArticle a = extract(page, null, null);
      assertAll(
          () -> assertTrue(a.text().startsWith(start), a.text()),
          () -> assertTrue(a.text().contains(end), a.text()),
          () -> assertFalse(a.text().contains(sidebar), a.text()),
          () -> assertEquals(3, a.text().lines().count(), a.text()),
          () -> assertEquals(language, a.language()));
    }
  }

  @Nested
  class FeedFragments {
    final ExtractedArticle a =
        EXTRACTOR.extractFragment(
            new String(fixture("feed-content.html"), StandardCharsets.UTF_8),
            new PageSource(URI.create("https://blog.example/library-hours"), null));

    @Test
    void keepsTheStoryAndDropsShareLinksFollowPromptsAndThePostAppearedFirstFooter() {
      assertEquals(
          "The library will stay open until ten in the evening from next month, the council said"
              + " on Monday, after a petition signed by more than two thousand students.\n"
              + "Extra staff will be paid from the events budget, which shrinks by a fifth as a"
              + " result.",
          a.text());
    }

    @Test
    void leavesMetadataNullAndSanitisesHtml() {
      assertAll(
          () -> assertNull(a.title()),
          () -> assertNull(a.published()),
          () -> assertNull(a.canonical()),
          () -> assertFalse(a.html().html().contains("script")),
          () -> assertFalse(a.html().html().contains("onclick")));
    }
  }

  @Test
  void takesTheAuthorFromABylineWhenNoMetadataNamesOne() {
    String page =
        "<html><body><article><h1>Storm closes port</h1>"
            + "<div class=\"byline\">By Ana Ruiz | 12 May 2024, 10:30</div>"
            + "<p>The port closed on Sunday as winds reached a hundred kilometres an hour, and"
            + " ferries stayed in harbour until the evening.</p></article></body></html>";
    ExtractedArticle a =
        EXTRACTOR.extract(page.getBytes(StandardCharsets.UTF_8), PageSource.UNKNOWN);
    assertEquals("Ana Ruiz", a.author());
    assertEquals("Storm closes port", a.title());
  }

  @Test
  void dropsRubyAnnotationsSoAnnotatedWordsStayWhole() {
    String page =
        "<html lang=\"ja\"><body><div><p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>体罰<rp>(</rp>"
            + "<rt>たいばつ</rt><rp>)</rp></ruby>を<ruby>禁止<rt>きんし</rt></ruby>する"
            + "<ruby>法律<rt>ほうりつ</rt></ruby>ができました。</p></div></body></html>";
    ExtractedArticle a =
        EXTRACTOR.extract(page.getBytes(StandardCharsets.UTF_8), PageSource.UNKNOWN);
    assertEquals("子どもへの体罰を禁止する法律ができました。", a.text());
  }

  @Test
  void returnsEmptyBodyForAPageWithoutText() {
    ExtractedArticle a =
        EXTRACTOR.extract(
            "<html><head><title>x</title></head><body><script>1</script></body></html>"
                .getBytes(StandardCharsets.UTF_8),
            PageSource.UNKNOWN);
    assertEquals("", a.text());
    assertEquals("", a.html().html());
  }

  @Nested
  class Refresh {
    private String target(String content) {
      String page =
          "<html><head><meta http-equiv=\"Refresh\" content=\""
              + content
              + "\"></head><body><p>Redirecting…</p></body></html>";
      return EXTRACTOR
          .extract(
              page.getBytes(StandardCharsets.UTF_8),
              new PageSource(URI.create("https://short.example/r/26"), "text/html"))
          .refresh();
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "0; url=https://news.example/2026/story.html | https://news.example/2026/story.html",
          "0;URL='/2026/story.html'                    | https://short.example/2026/story.html",
          "2, &quot;/2026/story.html&quot;                     | https://short.example/2026/story.html",
          "5;url = story.html                           | https://short.example/r/story.html",
          "1.5; https://news.example/a                  | https://news.example/a",
        })
    void readsWhereARedirectPageSendsTheReader(String content, String expected) {
      assertEquals(expected, target(content));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "300; url=https://news.example/front",
          "0",
          "30",
          "0; url=javascript:alert(1)",
          "0; url=https://short.example/r/26",
          "0; url=ftp://news.example/a",
          "soon; url=https://news.example/a",
        })
    void ignoresReloadsSlowRefreshesAndOtherSchemes(String content) {
      assertNull(target(content));
    }
  }
}
