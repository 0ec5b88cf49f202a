package org.feedfold.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.FeedState;
import org.feedfold.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks what one fetch leaves in the feed's state for the schedule (issue 10). */
class FeedScheduleTest {
  private static final Instant START = Instant.parse("2026-11-27T11:10:00Z");
  private static final Path FIXTURES = Path.of("src/test/resources/ingest");

  @TempDir Path dir;
  private final TestClock clock = new TestClock(START);
  private WireMockServer http;
  private HttpFetcher fetcher;
  private ArticleIndex index;
  private FeedIngester ingester;

  @BeforeEach
  void setUp() throws IOException {
    http =
        new WireMockServer(
            wireMockConfig().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true));
    http.start();
    fetcher = new HttpFetcher(FetchSettings.defaults("test"));
    index = ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), clock);
    ingester = TestIngesters.create(fetcher, index, clock);
  }

  @AfterEach
  void tearDown() throws IOException {
    index.close();
    fetcher.close();
    http.stop();
  }

  private Subscription feed(String path) {
    return new Subscription(URI.create(http.baseUrl() + path), null, null);
  }

  private void serve(String path, String fixture, String... headers) throws IOException {
    var response =
        aResponse()
            .withHeader("Content-Type", "application/rss+xml")
            .withBody(Files.readString(FIXTURES.resolve(fixture)));
    for (int i = 0; i < headers.length; i += 2) {
      response = response.withHeader(headers[i], headers[i + 1]);
    }
    http.stubFor(get(urlPathEqualTo(path)).willReturn(response));
  }

  private FeedState state(Subscription sub) throws IOException {
    return index.feedState(sub.url().toString()).orElseThrow();
  }

  private static String httpDate(Instant t) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
  }

  @Nested
  class Adapts {
    @Test
    void learnsTheIntervalFromEntryDatesAndStoresIt() throws IOException {
      serve("/hourly.xml", "hourly.xml");
      Subscription hourly = feed("/hourly.xml");

      ingester.ingest(hourly);

      FeedState s = state(hourly);
      assertEquals(Duration.ofMinutes(30), s.interval());
      Duration wait = Duration.between(START, s.nextFetch());
      assertTrue(wait.compareTo(Duration.ofMinutes(27)) >= 0, wait::toString);
      assertTrue(wait.compareTo(Duration.ofMinutes(30)) <= 0, wait::toString);
    }

    @Test
    void growsTheIntervalWhileTheFeedAnswersNotModified() throws IOException {
      serve("/hourly.xml", "hourly.xml", "ETag", "\"v1\"");
      Subscription hourly = feed("/hourly.xml");
      ingester.ingest(hourly);
      http.stubFor(
          get(urlPathEqualTo("/hourly.xml"))
              .withHeader("If-None-Match", equalTo("\"v1\""))
              .willReturn(aResponse().withStatus(304)));

      clock.advance(Duration.ofMinutes(30));
      ingester.ingest(hourly);

      assertEquals(Duration.ofMinutes(45), state(hourly).interval());
    }

    @Test
    void takesTheOutlinesIntervalOverTheLearntOne() throws IOException {
      serve("/hourly.xml", "hourly.xml");
      Subscription twoHours =
          new Subscription(
              URI.create(http.baseUrl() + "/hourly.xml"), null, null, Duration.ofHours(2));

      ingester.ingest(twoHours);

      Duration wait = Duration.between(START, state(twoHours).nextFetch());
      assertTrue(wait.compareTo(Duration.ofMinutes(108)) >= 0, wait::toString);
    }
  }

  @Nested
  class HonoursThePublisher {
    @Test
    void waitsForTheFeedsTtl() throws IOException {
      serve("/ttl.xml", "ttl.xml");
      Subscription slow = feed("/ttl.xml");

      ingester.ingest(slow);

      assertEquals(START.plus(Duration.ofHours(3)), state(slow).nextFetch());
    }

    @Test
    void waitsUntilTheResponseExpires() throws IOException {
      serve(
          "/hourly.xml",
          "hourly.xml",
          "Date",
          httpDate(START),
          "Expires",
          httpDate(START.plus(Duration.ofHours(4))));
      Subscription hourly = feed("/hourly.xml");

      ingester.ingest(hourly);

      assertEquals(START.plus(Duration.ofHours(4)), state(hourly).nextFetch());
    }

    @Test
    void waitsForRetryAfterSeconds() throws IOException {
      http.stubFor(
          get(urlPathEqualTo("/busy.xml"))
              .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "18000")));
      Subscription busy = feed("/busy.xml");

      assertEquals("rate-limited", ingester.ingest(busy).outcome());

      assertEquals(START.plus(Duration.ofHours(5)), state(busy).nextFetch());
    }
  }

  @Nested
  class Validators {
    @Test
    void takesANewEtagFromA304AndKeepsLastModifiedItDidNotRepeat() throws IOException {
      serve("/hourly.xml", "hourly.xml", "ETag", "W/\"a b\"", "Last-Modified", "yesterday-ish");
      Subscription hourly = feed("/hourly.xml");
      ingester.ingest(hourly);
      http.stubFor(
          get(urlPathEqualTo("/hourly.xml"))
              .withHeader("If-None-Match", equalTo("W/\"a b\""))
              .withHeader("If-Modified-Since", equalTo("yesterday-ish"))
              .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"c\"")));

      clock.advance(Duration.ofHours(1));
      assertEquals("not-modified", ingester.ingest(hourly).outcome());

      FeedState s = state(hourly);
      assertEquals("\"c\"", s.etag());
      assertEquals("yesterday-ish", s.lastModified());
    }

    @Test
    void updatesLastModifiedAloneWhenAnUnchangedBodyComesBackWithOnlyThat() throws IOException {
      serve("/hourly.xml", "hourly.xml", "ETag", "\"a\"", "Last-Modified", "first");
      Subscription hourly = feed("/hourly.xml");
      ingester.ingest(hourly);
      serve("/hourly.xml", "hourly.xml", "Last-Modified", "second");

      clock.advance(Duration.ofHours(1));
      ingester.ingest(hourly);

      FeedState s = state(hourly);
      assertEquals("\"a\"", s.etag());
      assertEquals("second", s.lastModified());
      http.verify(
          getRequestedFor(urlPathEqualTo("/hourly.xml"))
              .withHeader("If-None-Match", equalTo("\"a\""))
              .withHeader("If-Modified-Since", equalTo("first")));
    }
  }

  @Nested
  class Failures {
    @Test
    void recordsCountSinceAndLastErrorThenClearsThemOnRecovery() throws IOException {
      http.stubFor(get(urlPathEqualTo("/flaky.xml")).willReturn(aResponse().withStatus(500)));
      Subscription flaky = feed("/flaky.xml");

      ingester.ingest(flaky);
      Instant firstNext = state(flaky).nextFetch();
      clock.set(firstNext);
      ingester.ingest(flaky);

      FeedState failing = state(flaky);
      assertEquals(2, failing.errors());
      assertEquals(START, failing.failingSince());
      assertEquals("HTTP 500", failing.lastError());
      assertEquals("failing", failing.status());
      assertTrue(
          Duration.between(firstNext, failing.nextFetch())
                  .compareTo(Duration.between(START, firstNext))
              > 0,
          "the second wait is longer than the first");

      serve("/flaky.xml", "hourly.xml");
      clock.set(failing.nextFetch());
      ingester.ingest(flaky);

      FeedState recovered = state(flaky);
      assertEquals(0, recovered.errors());
      assertNull(recovered.failingSince());
      assertNull(recovered.lastError());
      assertEquals("ok", recovered.status());
    }

    @Test
    void callsAFeedNeverFetchedNewNotOk() {
      assertEquals("new", FeedState.initial("https://new.example/rss").status());
    }
  }
}
