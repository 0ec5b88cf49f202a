package org.feedfold.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import org.feedfold.model.Credentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A private feed's user name and password, written in its URL, sent to its host and no other. */
class CredentialsFetchTest {
  static final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
  static final WireMockServer other = new WireMockServer(wireMockConfig().dynamicPort());

  static final String PASSWORD = "p@ss word:ü+1";
  static final String BASIC =
      "Basic "
          + Base64.getEncoder()
              .encodeToString(("editor:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  HttpFetcher fetcher;

  @BeforeAll
  static void start() {
    server.start();
    other.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
    other.stop();
  }

  @BeforeEach
  void open() {
    server.resetAll();
    other.resetAll();
    fetcher =
        new HttpFetcher(
            new FetchSettings(
                Duration.ofSeconds(5), Duration.ofSeconds(10), 64 * 1024, "Feedfold/test", 3, 2, 8),
            InstantSource.fixed(Instant.parse("2026-11-30T10:00:00Z")));
    server.stubFor(
        get("/private/feed")
            .atPriority(1)
            .withHeader("Authorization", equalTo(BASIC))
            .willReturn(
                aResponse().withHeader("Content-Type", "application/rss+xml").withBody("ok")));
    server.stubFor(
        get("/private/feed")
            .atPriority(5)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("WWW-Authenticate", "Basic realm=\"feeds\"")));
  }

  @AfterEach
  void close() throws IOException {
    fetcher.close();
  }

  static URI written(String path) {
    return URI.create("http://editor:p%40ss%20word%3A%C3%BC+1@127.0.0.1:" + server.port() + path);
  }

  @Test
  void sendsTheUserAndPasswordWrittenInTheUrlAsBasicAuthentication() {
    FetchOutcome outcome = fetcher.fetch(FetchRequest.of(written("/private/feed")));

    FetchOutcome.Fetched f = assertInstanceOf(FetchOutcome.Fetched.class, outcome);
    assertEquals("ok", new String(f.body(), StandardCharsets.UTF_8));
    assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/private/feed"), f.url());
    // Sent with the first request, not after a challenge.
    assertEquals(1, server.findAll(getRequestedFor(urlEqualTo("/private/feed"))).size());
  }

  @Test
  void sendsTheCredentialsOfTheRequestWithACleanUrl() {
    FetchOutcome outcome =
        fetcher.fetch(
            new FetchRequest(
                URI.create(server.baseUrl() + "/private/feed"),
                null,
                null,
                null,
                new Credentials("editor", PASSWORD)));

    assertInstanceOf(FetchOutcome.Fetched.class, outcome);
  }

  @Test
  void neverSendsThemToTheHostARedirectLeadsTo() {
    server.stubFor(
        get("/moved")
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "http://localhost:" + other.port() + "/feed")));
    other.stubFor(get("/feed").willReturn(aResponse().withBody("elsewhere")));

    FetchOutcome outcome = fetcher.fetch(FetchRequest.of(written("/moved")));

    assertInstanceOf(FetchOutcome.Fetched.class, outcome);
    other.verify(getRequestedFor(urlEqualTo("/feed")).withHeader("Authorization", absent()));
  }

  @Test
  void saysAFeedNeedsThemWhenItAnswers401() {
    FetchOutcome outcome =
        fetcher.fetch(FetchRequest.of(URI.create(server.baseUrl() + "/private/feed")));

    FetchOutcome.Failed f = assertInstanceOf(FetchOutcome.Failed.class, outcome);
    assertEquals(401, f.status());
    assertTrue(f.reason().contains("needs a user name and password"), f.reason());
  }

  @Test
  void saysWhichUserWasRefusedWithoutShowingThePassword() {
    FetchOutcome outcome =
        fetcher.fetch(
            FetchRequest.of(
                URI.create("http://editor:wrong@127.0.0.1:" + server.port() + "/private/feed")));

    FetchOutcome.Failed f = assertInstanceOf(FetchOutcome.Failed.class, outcome);
    assertEquals(401, f.status());
    assertTrue(f.reason().contains("refused (user 'editor')"), f.reason());
    assertFalse(f.reason().contains("wrong"), f.reason());
    assertFalse(f.url().toString().contains("wrong"), f.url().toString());
  }
}
