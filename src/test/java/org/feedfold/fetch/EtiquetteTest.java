package org.feedfold.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks what feed-reader score pages police (issue 10): no cookies, no Referer, no cache-busting
 * query, and validators reported verbatim, also by a 304.
 */
class EtiquetteTest {
  private WireMockServer server;
  private HttpFetcher fetcher;

  @BeforeEach
  void setUp() {
    server = new WireMockServer(wireMockConfig().dynamicPort().gzipDisabled(true));
    server.start();
    fetcher = new HttpFetcher(FetchSettings.defaults("test"), new HostGate(2, Duration.ZERO));
  }

  @AfterEach
  void tearDown() throws IOException {
    fetcher.close();
    server.stop();
  }

  private URI url(String pathAndQuery) {
    return URI.create(server.baseUrl() + pathAndQuery);
  }

  @Test
  void neverSendsBackACookieTheServerSet() {
    server.stubFor(
        get(urlEqualTo("/feed.xml"))
            .willReturn(
                aResponse()
                    .withHeader("Set-Cookie", "session=abc; Path=/")
                    .withHeader("Set-Cookie", "tracker=1; Path=/; Max-Age=3600")
                    .withBody("<rss/>")));

    fetcher.fetch(FetchRequest.of(url("/feed.xml")));
    fetcher.fetch(FetchRequest.of(url("/feed.xml")));

    server.verify(2, getRequestedFor(urlEqualTo("/feed.xml")).withHeader("Cookie", absent()));
  }

  @Test
  void sendsNoRefererNotEvenAfterARedirect() {
    server.stubFor(
        get(urlEqualTo("/old.xml"))
            .willReturn(aResponse().withStatus(301).withHeader("Location", "/feed.xml")));
    server.stubFor(get(urlEqualTo("/feed.xml")).willReturn(aResponse().withBody("<rss/>")));

    fetcher.fetch(FetchRequest.of(url("/old.xml")));

    server.verify(2, anyRequestedFor(anyUrl()).withHeader("Referer", absent()));
  }

  @Test
  void asksForTheUrlExactlyAsSubscribedWithoutACacheBustingQuery() {
    server.stubFor(get(anyUrl()).willReturn(aResponse().withBody("<rss/>")));

    fetcher.fetch(FetchRequest.of(url("/feed.xml")));
    fetcher.fetch(FetchRequest.of(url("/feed?format=rss&x=%20y")));

    List<String> asked =
        server.findAll(getRequestedFor(anyUrl())).stream().map(LoggedRequest::getUrl).toList();
    assertEquals(List.of("/feed.xml", "/feed?format=rss&x=%20y"), asked);
  }

  @Test
  void reportsTheValidatorsOfA304Verbatim() {
    server.stubFor(
        get(urlEqualTo("/feed.xml"))
            .willReturn(
                aResponse()
                    .withStatus(304)
                    .withHeader("ETag", "W/\"v 2\"")
                    .withHeader("Last-Modified", "Fri, 27 Nov 2026 10:00:00 GMT")));

    var notModified =
        assertInstanceOf(
            FetchOutcome.NotModified.class,
            fetcher.fetch(new FetchRequest(url("/feed.xml"), "W/\"v 1\"", null, null)));

    assertEquals("W/\"v 2\"", notModified.etag());
    assertEquals("Fri, 27 Nov 2026 10:00:00 GMT", notModified.lastModified());
  }
}
