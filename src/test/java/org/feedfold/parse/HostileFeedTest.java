package org.feedfold.parse;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.feedfold.LogCapture;
import org.feedfold.model.FeedEntry;
import org.feedfold.model.FeedMeta;
import org.feedfold.model.ParsedFeed;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Feeds written to hurt the parser: each is read or refused within bounded memory and time, never
 * loads anything from outside, and never hands a NUL or an unbounded title on. The fixtures are
 * under {@code src/test/resources/parse/hostile/}. The {@code @Timeout}s guard against a hang (an
 * entity or regex blowup), they are not performance assertions.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileFeedTest {
  static final FeedParser PARSER = new FeedParser();
  static final URI URL = URI.create("https://hostile.example/feed.xml");

  static String fixture(String name) {
    return new String(Fixtures.bytes("hostile/" + name), StandardCharsets.UTF_8);
  }

  static ParsedFeed parse(String text) throws FeedParseException {
    return PARSER.parse(text.getBytes(StandardCharsets.UTF_8), FeedSource.of(URL, null));
  }

  /** Every string the parser hands on, feed and entries. */
  static List<String> strings(ParsedFeed feed) {
    List<String> out = new ArrayList<>();
    FeedMeta m = feed.feed();
    out.addAll(
        java.util.Arrays.asList(
            m.title(), m.link(), m.subtitle(), m.id(), m.language(), m.author()));
    for (FeedEntry e : feed.entries()) {
      out.addAll(
          java.util.Arrays.asList(
              e.id(),
              e.title(),
              e.link(),
              e.author(),
              e.summary() == null ? null : e.summary().html(),
              e.content() == null ? null : e.content().html()));
      out.addAll(e.categories());
    }
    out.removeIf(java.util.Objects::isNull);
    return out;
  }

  @Nested
  class ExternalEntities {
    @Test
    void neverFetchesAnExternalDtdOrEntity() throws FeedParseException {
      WireMockServer server =
          new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
      server.start();
      try {
        server.stubFor(
            any(anyUrl())
                .willReturn(aResponse().withBody("<!ENTITY leaked \"LEAKED-FROM-SERVER\">")));
        String xml = fixture("external-dtd.xml").replace("${SERVER}", server.baseUrl());

        ParsedFeed feed = parse(xml);

        assertEquals(0, server.findAll(anyRequestedFor(anyUrl())).size(), "requests made");
        assertEquals(1, feed.entries().size());
        assertTrue(strings(feed).stream().noneMatch(s -> s.contains("LEAKED")));
      } finally {
        server.stop();
      }
    }

    @Test
    void neverReadsAnEntityFromDisk(@TempDir Path dir) throws Exception {
      Path secret = dir.resolve("secret.txt");
      Files.writeString(secret, "TOP-SECRET-CONTENT");
      String xml = fixture("file-entity.xml").replace("${FILE}", secret.toUri().toString());

      ParsedFeed feed = parse(xml);

      assertEquals(1, feed.entries().size());
      assertTrue(
          strings(feed).stream().noneMatch(s -> s.contains("TOP-SECRET")),
          strings(feed).toString());
    }
  }

  @Nested
  class EntityExpansion {
    @Test
    void refusesBillionLaughsButReadsTheOtherEntries() throws FeedParseException {
      ParsedFeed feed = parse(fixture("billion-laughs.xml"));

      assertTrue(feed.recovered());
      assertTrue(strings(feed).stream().allMatch(s -> s.length() < 100_000));
      assertEquals("still here", feed.entries().get(1).title());
    }

    @Test
    void boundsQuadraticBlowup() throws FeedParseException {
      // One 64 KiB entity used 100,000 times: 6.4 G characters if expanded.
      StringBuilder xml =
          new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"");
      xml.append("a".repeat(64 * 1024))
          .append("\">]>\n<rss version=\"2.0\"><channel><title>q</title>");
      xml.append("<item><guid>q1</guid><title>");
      xml.append("&a;".repeat(100_000));
      xml.append("</title></item><item><guid>q2</guid><title>fine</title></item>");
      xml.append("</channel></rss>");

      ParsedFeed feed = parse(xml.toString());

      assertTrue(strings(feed).stream().allMatch(s -> s.length() <= 1_000_000));
      assertEquals("fine", feed.entries().get(feed.entries().size() - 1).title());
    }
  }

  @Nested
  class Sizes {
    @Test
    void readsTheFirstEntriesOfAHundredThousandAndLogsTheCut() throws FeedParseException {
      StringBuilder xml = new StringBuilder("<rss version=\"2.0\"><channel><title>many</title>");
      for (int i = 0; i < 100_000; i++) {
        xml.append("<item><guid>").append(i).append("</guid><title>t</title></item>");
      }
      xml.append("</channel></rss>");

      ParsedFeed feed;
      try (LogCapture log = LogCapture.of(FeedParser.class)) {
        feed = parse(xml.toString());
        assertTrue(
            log.logged(URL.toString(), "100000 entries", "10000"), log.messages().toString());
      }

      assertEquals(FeedMapper.MAX_ENTRIES, feed.entries().size());
      assertEquals("0", feed.entries().get(0).id());
    }

    @Test
    void cutsATenMegabyteTitleAndLogsIt() throws FeedParseException {
      String huge = "word ".repeat(2 * 1024 * 1024);
      String xml =
          "<rss version=\"2.0\"><channel><title>"
              + huge
              + "</title><item><guid>1</guid><title>"
              + huge
              + "</title></item></channel></rss>";

      ParsedFeed feed;
      try (LogCapture log = LogCapture.of(FeedParser.class)) {
        feed = parse(xml);
        assertTrue(log.logged(URL.toString(), "title"), log.messages().toString());
      }

      assertTrue(feed.feed().title().length() <= FeedParser.MAX_TITLE_CHARS);
      assertTrue(feed.entries().get(0).title().length() <= FeedParser.MAX_TITLE_CHARS);
      assertTrue(feed.entries().get(0).title().startsWith("word word"));
    }

    @Test
    void cutsATenMegabyteJsonFeedTitle() throws FeedParseException {
      String huge = "word ".repeat(2 * 1024 * 1024);
      String json =
          "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\""
              + huge
              + "\",\"items\":[{\"id\":\"1\",\"title\":\""
              + huge
              + "\"}]}";

      ParsedFeed feed = parse(json);

      assertTrue(feed.feed().title().length() <= FeedParser.MAX_TITLE_CHARS);
      assertTrue(feed.entries().get(0).title().length() <= FeedParser.MAX_TITLE_CHARS);
    }

    @ParameterizedTest(name = "{0} levels")
    @ValueSource(ints = {10_000, 100_000})
    void readsAFeedNestedThousandsOfLevelsDeep(int depth) throws Exception {
      String xml =
          "<rss version=\"2.0\"><channel><title>deep</title><item><guid>d1</guid><title>ok</title>"
              + "<description>"
              + "<x>".repeat(depth)
              + "</x>".repeat(depth)
              + "</description></item><item><guid>d2</guid><title>after</title></item>"
              + "</channel></rss>";
      String truncated = xml.substring(0, xml.length() - 40);
      String escaped = xml.replace("<x>", "&lt;div&gt;").replace("</x>", "&lt;/div&gt;");

      // A pool thread with a small stack, as the scheduler's are: depth must not be a recursion.
      for (String doc : List.of(xml, truncated, escaped)) {
        ParsedFeed[] out = new ParsedFeed[1];
        Throwable[] error = new Throwable[1];
        Thread t =
            new Thread(
                null,
                () -> {
                  try {
                    out[0] = parse(doc);
                  } catch (Throwable e) {
                    error[0] = e;
                  }
                },
                "small-stack",
                256 * 1024);
        t.start();
        t.join();
        if (error[0] != null) {
          throw new AssertionError("parse failed: " + error[0], error[0]);
        }
        assertEquals("ok", out[0].entries().get(0).title());
      }
    }
  }

  @Nested
  class Bytes {
    @Test
    void replacesInvalidUtf8AndReadsTheEntry() throws FeedParseException {
      ParsedFeed feed =
          PARSER.parse(Fixtures.bytes("hostile/invalid-utf8.xml"), FeedSource.of(URL, null));

      assertEquals(1, feed.entries().size());
      String title = feed.entries().get(0).title();
      assertTrue(title.endsWith("end"), title);
      assertTrue(strings(feed).stream().noneMatch(HostileFeedTest::hasLoneSurrogate));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul-bytes.xml", "nul-bytes.json", "nul-raw.json"})
    void neverHandsOnANulCharacter(String name) throws FeedParseException {
      ParsedFeed feed = PARSER.parse(Fixtures.bytes("hostile/" + name), FeedSource.of(URL, null));

      assertEquals(1, feed.entries().size(), name);
      assertNotNull(feed.entries().get(0).title());
      for (String s : strings(feed)) {
        assertFalse(s.indexOf('\0') >= 0, () -> name + ": NUL in " + s);
      }
    }
  }

  @Nested
  class Regexes {
    /** Long strings built to make a backtracking regex go exponential or quadratic. */
    static List<String> adversarial() {
      return List.of(
          "1".repeat(100_000) + "x",
          "2024-".repeat(20_000),
          "Mon, 01 ".repeat(20_000),
          " ".repeat(100_000) + "x",
          "a-".repeat(50_000) + "!",
          "GMT+".repeat(25_000),
          "12:".repeat(30_000),
          "&#".repeat(50_000),
          "<a".repeat(50_000),
          "</a".repeat(30_000));
    }

    @Test
    void parsesLongAdversarialDatesWithoutBacktracking() {
      for (String s : adversarial()) {
        DateParser.parse(s);
      }
    }

    @Test
    void parsesAdversarialTitlesDatesAndStyles() throws FeedParseException {
      for (String s : adversarial()) {
        String escaped = s.replace("&", "&amp;").replace("<", "&lt;");
        String xml =
            "<rss version=\"2.0\"><channel><item><guid>r</guid><title>"
                + escaped
                + "</title><pubDate>"
                + escaped
                + "</pubDate><description>&lt;p style=\""
                + escaped.replace("\"", "")
                + "\"&gt;"
                + escaped
                + "&lt;/p&gt;</description></item></channel></rss>";
        assertEquals(1, parse(xml).entries().size());
      }
    }
  }

  static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return true;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
