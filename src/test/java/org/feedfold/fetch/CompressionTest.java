package org.feedfold.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decodes the content codings it advertises, gzip and deflate (both the zlib format RFC 9110 names
 * and the raw one some servers send), and advertises none it cannot decode, such as {@code br}.
 */
class CompressionTest {
  static final WireMockServer server =
      new WireMockServer(wireMockConfig().dynamicPort().gzipDisabled(true));
  static final byte[] FEED =
      "<rss version=\"2.0\"><channel><title>Deflated</title></channel></rss>"
          .repeat(20)
          .getBytes(StandardCharsets.UTF_8);

  HttpFetcher fetcher;

  @BeforeAll
  static void startServer() {
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop();
  }

  @BeforeEach
  void open() {
    server.resetAll();
    fetcher =
        new HttpFetcher(
            new FetchSettings(
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                64 * 1024,
                "Feedfold/test",
                3,
                2,
                8));
  }

  @AfterEach
  void close() throws IOException {
    fetcher.close();
  }

  static byte[] deflate(byte[] data, boolean zlib) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream d =
        new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, !zlib))) {
      d.write(data);
    }
    return out.toByteArray();
  }

  @ParameterizedTest(name = "zlib wrapper: {0}")
  @ValueSource(booleans = {true, false})
  void decodesDeflateAndAdvertisesOnlyWhatItDecodes(boolean zlib) throws IOException {
    server.stubFor(
        get("/deflate")
            .willReturn(
                aResponse()
                    .withHeader("Content-Encoding", "deflate")
                    .withBody(deflate(FEED, zlib))));

    var fetched =
        assertInstanceOf(
            FetchOutcome.Fetched.class,
            fetcher.fetch(FetchRequest.of(URI.create(server.baseUrl() + "/deflate"))));

    assertArrayEquals(FEED, fetched.body());
    server.verify(
        getRequestedFor(urlPathEqualTo("/deflate"))
            .withHeader("Accept-Encoding", matching("gzip, deflate, x-gzip")));
  }

  @ParameterizedTest(name = "labelled {0}")
  @ValueSource(strings = {"gzip", "x-gzip", "deflate"})
  void readsABodyLabelledCompressedThatWasNever(String coding) {
    server.stubFor(
        get("/plain")
            .willReturn(aResponse().withHeader("Content-Encoding", coding).withBody(FEED)));

    var fetched =
        assertInstanceOf(
            FetchOutcome.Fetched.class,
            fetcher.fetch(FetchRequest.of(URI.create(server.baseUrl() + "/plain"))));

    assertArrayEquals(FEED, fetched.body());
  }

  @Test
  void decodesGzipStill() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
      out.write(FEED);
    }
    server.stubFor(
        get("/gzip")
            .willReturn(
                aResponse().withHeader("Content-Encoding", "gzip").withBody(zipped.toByteArray())));

    var fetched =
        assertInstanceOf(
            FetchOutcome.Fetched.class,
            fetcher.fetch(FetchRequest.of(URI.create(server.baseUrl() + "/gzip"))));

    assertArrayEquals(FEED, fetched.body());
  }
}
