package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Asks a loopback {@link FeedServer} for gzip and checks the bytes, the ETags and the 304s. */
class CompressionTest {
  static FeedServer server;
  static final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws IOException {
    server =
        new FeedServer(
            new ServeSettings("127.0.0.1", 0, 10, 20, "Test Feed", null),
            (q, since, limit) -> Stories.all(),
            InstantSource.fixed(FeedServerTest.NOW));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.address().resolve(path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static byte[] gunzip(byte[] bytes) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/feed.atom", "/feed.rss", "/feed.json", "/"})
  void gzipsWhenAskedAndTheBytesDecodeToTheSameBody(String path) throws Exception {
    var plain = get(path);
    var gzip = get(path, "Accept-Encoding", "br;q=1.0, gzip;q=0.8");

    assertEquals(200, gzip.statusCode());
    assertEquals("gzip", header(gzip, "Content-Encoding"));
    assertEquals("Accept-Encoding", header(gzip, "Vary"));
    assertEquals("Accept-Encoding", header(plain, "Vary"));
    assertEquals(null, header(plain, "Content-Encoding"));
    assertTrue(gzip.body().length < plain.body().length, "shrinks");
    assertArrayEquals(plain.body(), gunzip(gzip.body()));
  }

  @Test
  void givesEachEncodingItsOwnEtag() throws Exception {
    String plain = header(get("/feed.atom"), "ETag");
    String gzip = header(get("/feed.atom", "Accept-Encoding", "gzip"), "ETag");

    assertNotEquals(plain, gzip);
    assertEquals(plain.substring(0, plain.length() - 1) + "-gzip\"", gzip);
  }

  @Test
  void answers304ToEitherEtag() throws Exception {
    String plain = header(get("/feed.atom"), "ETag");
    String gzip = header(get("/feed.atom", "Accept-Encoding", "gzip"), "ETag");

    var withGzipTag = get("/feed.atom", "Accept-Encoding", "gzip", "If-None-Match", gzip);
    var withPlainTag = get("/feed.atom", "Accept-Encoding", "gzip", "If-None-Match", plain);
    var plainWithGzipTag = get("/feed.atom", "If-None-Match", gzip);

    assertEquals(304, withGzipTag.statusCode());
    assertEquals(gzip, header(withGzipTag, "ETag"));
    assertEquals(304, withPlainTag.statusCode());
    assertEquals(gzip, header(withPlainTag, "ETag"));
    assertEquals(304, plainWithGzipTag.statusCode());
    assertEquals(plain, header(plainWithGzipTag, "ETag"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip;q=0", "identity", "br", "deflate"})
  void sendsIdentityWhenGzipIsNotAccepted(String acceptEncoding) throws Exception {
    var r = get("/feed.atom", "Accept-Encoding", acceptEncoding);

    assertEquals(200, r.statusCode());
    assertFalse(r.headers().firstValue("Content-Encoding").isPresent());
  }
}
