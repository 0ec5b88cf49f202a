package org.feedfold.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Refuses addresses that lead into the machine's own network: checked on the addresses actually
 * connected to (every address a name resolves to, every redirect hop), not on the URL's text.
 */
class AddressGuardFetchTest {
  static final WireMockServer server =
      new WireMockServer(wireMockConfig().dynamicPort().dynamicHttpsPort());

  static final Map<String, String[]> NAMES =
      Map.of(
          "metadata.test", new String[] {"169.254.169.254"},
          "mixed.test", new String[] {"169.254.169.254", "127.0.0.1"},
          "loop.test", new String[] {"127.0.0.1"},
          "localhost", new String[] {"127.0.0.1"});

  /** Resolves the test names from {@link #NAMES}, IP literals as themselves, nothing else. */
  static final DnsResolver FAKE_DNS =
      new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
          String[] addresses = NAMES.get(host);
          if (addresses == null) {
            if (host.matches("[0-9.]+|.*:.*")) {
              return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
          }
          InetAddress[] out = new InetAddress[addresses.length];
          for (int i = 0; i < out.length; i++) {
            out[i] =
                InetAddress.getByAddress(host, InetAddress.getByName(addresses[i]).getAddress());
          }
          return out;
        }

        @Override
        public String resolveCanonicalHostname(String host) {
          return host;
        }
      };

  @BeforeAll
  static void startServer() {
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
    server.stubFor(get("/feed").willReturn(aResponse().withBody("<rss/>")));
  }

  static FetchSettings settings(boolean allowPrivate) {
    return new FetchSettings(
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        64 * 1024,
        "Feedfold/test",
        3,
        2,
        8,
        Duration.ofSeconds(10),
        allowPrivate);
  }

  static FetchOutcome fetch(boolean allowPrivate, String url) throws IOException {
    try (HttpFetcher f =
        new HttpFetcher(settings(allowPrivate), InstantSource.system(), FAKE_DNS)) {
      return f.fetch(FetchRequest.of(URI.create(url)));
    }
  }

  @Test
  void refusesANameThatResolvesToTheMetadataAddress() throws IOException {
    var failed =
        assertInstanceOf(FetchOutcome.Failed.class, fetch(true, "http://metadata.test/latest"));
    assertEquals(
        "refused: metadata.test is 169.254.169.254, link-local (never fetched, whatever"
            + " fetch.allow-private says)",
        failed.reason());
  }

  @Test
  void refusesALiteralLinkLocalAddress() throws IOException {
    var failed =
        assertInstanceOf(FetchOutcome.Failed.class, fetch(true, "http://169.254.169.254/latest"));
    assertTrue(
        failed.reason().startsWith("refused: 169.254.169.254 is link-local"), failed.reason());
  }

  @Test
  void refusesALiteralIpv6LinkLocalAddress() throws IOException {
    var failed = assertInstanceOf(FetchOutcome.Failed.class, fetch(true, "http://[fe80::1]/x"));
    assertTrue(
        failed.reason().startsWith("refused: fe80:0:0:0:0:0:0:1 is link-local"), failed.reason());
  }

  @Test
  void connectsOnlyToTheAddressesNotRefused() throws IOException {
    var fetched =
        assertInstanceOf(
            FetchOutcome.Fetched.class,
            fetch(true, "http://mixed.test:" + server.port() + "/feed"));
    assertEquals("<rss/>", new String(fetched.body(), java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void refusesARedirectHopToTheMetadataAddress() throws IOException {
    server.stubFor(
        get("/moved")
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));
    var failed =
        assertInstanceOf(
            FetchOutcome.Failed.class, fetch(true, "http://127.0.0.1:" + server.port() + "/moved"));
    assertTrue(
        failed.reason().startsWith("refused: 169.254.169.254 is link-local"), failed.reason());
  }

  @Test
  void allowsLoopbackByDefault() throws IOException {
    assertInstanceOf(
        FetchOutcome.Fetched.class, fetch(true, "http://loop.test:" + server.port() + "/feed"));
  }

  @Test
  void refusesLoopbackAndPrivateWhenPrivateIsNotAllowed() throws IOException {
    var failed =
        assertInstanceOf(
            FetchOutcome.Failed.class, fetch(false, "http://loop.test:" + server.port() + "/feed"));
    assertEquals(
        "refused: loop.test is 127.0.0.1, loopback (fetch.allow-private=false)", failed.reason());
    var ten = assertInstanceOf(FetchOutcome.Failed.class, fetch(false, "http://10.0.0.5/feed"));
    assertEquals("refused: 10.0.0.5 is private (fetch.allow-private=false)", ten.reason());
  }

  @Test
  void failsClearlyOnAnUntrustedCertificate() throws IOException {
    var failed =
        assertInstanceOf(
            FetchOutcome.Failed.class,
            fetch(true, "https://localhost:" + server.httpsPort() + "/feed"));
    assertTrue(
        failed.reason().startsWith("TLS failed: the server's certificate is not trusted"),
        failed.reason());
  }
}
