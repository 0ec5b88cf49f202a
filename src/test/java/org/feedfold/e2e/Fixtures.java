package org.feedfold.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves the end-to-end fixtures (src/test/resources/e2e, see its README) from WireMock, with the
 * placeholder hosts WIRE, BLOG and TEASER pointing at the WireMock server.
 */
public final class Fixtures {
  private static final Path DIR = Path.of("src/test/resources/e2e");

  private Fixtures() {}

  /** Returns the fixture's text with its placeholder hosts replaced by {@code http}'s. */
  public static String text(WireMockServer http, String fixture) throws IOException {
    return Files.readString(DIR.resolve(fixture))
        .replaceAll("http://(WIRE|BLOG|TEASER)/", http.baseUrl() + "/");
  }

  /** Answers GET {@code path} with the fixture and the given content type. */
  public static void serve(WireMockServer http, String path, String fixture, String type)
      throws IOException {
    http.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(
                aResponse().withHeader("Content-Type", type).withBody(text(http, fixture))));
  }
}
