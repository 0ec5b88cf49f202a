package org.feedfold.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.feedfold.sanitize.SafeHtml;
import org.feedfold.sanitize.Sanitizer;
import org.feedfold.serve.FeedServer;
import org.feedfold.serve.ServeSettings;

/**
 * Measures full feed requests (query, render, hash, send) over loopback, per format, with 500
 * stories of 3 outlets each, and the cost of a 304 revalidation.
 *
 * <p>Run after {@code ./mvnw -q -o test-compile}: {@code java -cp
 * target/classes:target/test-classes:<runtime jars> org.feedfold.bench.FeedServerBench}, where the
 * runtime jars are slf4j-api, logback, rome, rome-utils, jdom2, jackson and the netty jars (common,
 * buffer, transport, resolver, codec, codec-http, handler) from {@code ~/.m2}.
 */
public final class FeedServerBench {
  private FeedServerBench() {}

  public static void main(String[] args) throws Exception {
    Instant t0 = Instant.parse("2026-11-27T00:00:00Z");
    List<Story> stories = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Instant seen = t0.plusSeconds(60L * i);
      SafeHtml body =
          Sanitizer.html(
              "<p>" + "Paragraph of a syndicated news story. ".repeat(40) + "</p>", null);
      List<StoryMember> members = new ArrayList<>();
      for (int m = 0; m < 3; m++) {
        members.add(
            new StoryMember(
                i + "-" + m,
                "https://outlet" + m + ".example/" + i,
                "Headline " + i,
                "Outlet " + m,
                seen.plusSeconds(600L * m),
                m == 0));
      }
      stories.add(
          new Story(
              "s" + i,
              "Headline " + i,
              members.get(0).url(),
              body,
              null,
              seen,
              seen.plusSeconds(1200),
              members));
    }
    try (FeedServer server =
        new FeedServer(
            new ServeSettings("127.0.0.1", 0, 500, 500, "Bench", null),
            (q, s, l) -> stories,
            InstantSource.fixed(t0))) {
      server.start();
      HttpClient client = HttpClient.newHttpClient();
      for (String path : List.of("feed.atom", "feed.rss", "feed.json")) {
        URI uri = server.address().resolve(path);
        HttpRequest get = HttpRequest.newBuilder(uri).build();
        String etag = "";
        long bytes = 0;
        for (int i = 0; i < 20; i++) {
          HttpResponse<byte[]> r = client.send(get, HttpResponse.BodyHandlers.ofByteArray());
          etag = r.headers().firstValue("ETag").orElseThrow();
          bytes = r.body().length;
        }
        int n = 100;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
          client.send(get, HttpResponse.BodyHandlers.discarding());
        }
        double full = (System.nanoTime() - start) / 1e6 / n;
        HttpRequest conditional = HttpRequest.newBuilder(uri).header("If-None-Match", etag).build();
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
          client.send(conditional, HttpResponse.BodyHandlers.discarding());
        }
        double notModified = (System.nanoTime() - start) / 1e6 / n;
        System.out.printf(
            Locale.ROOT,
            "%-10s %7d bytes  200: %6.2f ms/request  304: %6.2f ms/request%n",
            path,
            bytes,
            full,
            notModified);
      }
    }
  }
}
