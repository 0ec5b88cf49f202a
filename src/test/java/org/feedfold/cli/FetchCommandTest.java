package org.feedfold.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedfold fetch} honours what servers said: Retry-After, 410 Gone, unless --force. */
class FetchCommandTest {
  @TempDir Path dir;
  private WireMockServer http;
  private Path config;

  @BeforeEach
  void setUp() throws Exception {
    http = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    http.start();
    http.stubFor(
        get(urlPathEqualTo("/limited.xml"))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
    http.stubFor(get(urlPathEqualTo("/gone.xml")).willReturn(aResponse().withStatus(410)));
    Path opml = dir.resolve("feeds.opml");
    Files.writeString(
        opml,
        "<opml version=\"2.0\"><head/><body>"
            + "<outline text=\"limited\" xmlUrl=\""
            + http.baseUrl()
            + "/limited.xml\"/>"
            + "<outline text=\"gone\" xmlUrl=\""
            + http.baseUrl()
            + "/gone.xml\"/>"
            + "</body></opml>");
    config = dir.resolve("feedfold.properties");
    Files.writeString(config, "data.dir=" + dir.resolve("data") + "\nfeeds.file=" + opml + "\n");
  }

  @AfterEach
  void tearDown() {
    http.stop();
  }

  private CliRun fetch(String... extra) {
    String[] args = new String[1 + extra.length];
    args[0] = "fetch";
    System.arraycopy(extra, 0, args, 1, extra.length);
    return CliRun.run(config, args);
  }

  @Test
  void doesNotRefetchARateLimitedOrGoneFeedUntilForced() {
    CliRun first = fetch();
    assertEquals(1, first.code(), first.out());
    http.verify(1, getRequestedFor(urlPathEqualTo("/limited.xml")));
    http.verify(1, getRequestedFor(urlPathEqualTo("/gone.xml")));

    CliRun second = fetch();
    http.verify(1, getRequestedFor(urlPathEqualTo("/limited.xml")));
    http.verify(1, getRequestedFor(urlPathEqualTo("/gone.xml")));
    assertEquals(0, second.code(), "nothing failed: both were skipped\n" + second.out());
    assertTrue(
        second
            .out()
            .contains("skipped       " + http.baseUrl() + "/limited.xml  backing off until"),
        second.out());
    assertTrue(second.out().contains("HTTP 429"), second.out());
    assertTrue(
        second.out().contains("skipped       " + http.baseUrl() + "/gone.xml  disabled"),
        second.out());
    assertTrue(second.out().contains("--force"), second.out());
    assertTrue(second.out().contains("0 of 2 feeds fetched, 2 skipped"), second.out());

    CliRun forced = fetch("--force");
    http.verify(2, getRequestedFor(urlPathEqualTo("/limited.xml")));
    http.verify(2, getRequestedFor(urlPathEqualTo("/gone.xml")));
    assertEquals(1, forced.code(), forced.out());
  }
}
