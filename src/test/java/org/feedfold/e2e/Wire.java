package org.feedfold.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.feedfold.bench.ClusterCorpus;

/**
 * Is a loopback news wire for daemon tests: {@code feeds} RSS feeds at {@code /f<k>.xml} that the
 * test grows one article at a time with {@link #publish}. Each feed carries every article published
 * on it, answers with an ETag, and 304 when the request carries it. The last feed republishes the
 * other feeds' stories (same text, its own link), so stories get several members. Texts are
 * Wikinews articles from the clustering fixture.
 */
final class Wire implements AutoCloseable {
  private static final List<ClusterCorpus.Original> WIKI = ClusterCorpus.wikinews();
  private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

  private final WireMockServer server;
  private final int[] published;
  private final List<Set<String>> links = new ArrayList<>();
  private final UUID[] fresh;
  private final UUID[] notModified;
  private final int max;

  /** Starts a wire of {@code feeds} empty feeds, each to carry at most {@code max} articles. */
  Wire(int feeds, int max) {
    this.max = max;
    published = new int[feeds];
    fresh = new UUID[feeds];
    notModified = new UUID[feeds];
    server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    for (int k = 0; k < feeds; k++) {
      links.add(new LinkedHashSet<>());
      fresh[k] = UUID.randomUUID();
      notModified[k] = UUID.randomUUID();
      serve(k);
    }
  }

  /** Returns the URL of feed {@code k}. */
  URI feed(int k) {
    return URI.create(server.baseUrl() + "/f" + k + ".xml");
  }

  int feeds() {
    return published.length;
  }

  /** Publishes the next article on feed {@code k}; false if it carries all it may. */
  synchronized boolean publish(int k) {
    int n = published[k];
    if (n >= max || original(k, n) >= WIKI.size()) {
      return false;
    }
    links.get(k).add(link(k, n));
    published[k]++;
    serve(k);
    return true;
  }

  /** Returns the link of every article published so far. */
  synchronized Set<String> links() {
    Set<String> all = new LinkedHashSet<>();
    links.forEach(all::addAll);
    return all;
  }

  /** Returns the ETag feed {@code k} carries now. */
  synchronized String etag(int k) {
    return "\"" + k + "-" + published[k] + "\"";
  }

  /** Returns how many feed requests were answered. */
  int fetches() {
    return server.countRequestsMatching(getRequestedFor(anyUrl()).build()).getCount();
  }

  @Override
  public void close() {
    server.stop();
  }

  private String link(int k, int n) {
    return server.baseUrl() + "/a/" + k + "/" + n + ".html";
  }

  /** Returns the corpus article of the {@code n}-th article of feed {@code k}. */
  private int original(int k, int n) {
    int last = published.length - 1;
    return k < last ? n * last + k : n;
  }

  /** Answers feed {@code k} as it is now: 304 to its current ETag, else the whole feed. */
  private void serve(int k) {
    String etag = etag(k);
    MappingBuilder whole =
        get(urlPathEqualTo("/f" + k + ".xml"))
            .withId(fresh[k])
            .atPriority(2)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/rss+xml; charset=utf-8")
                    .withHeader("ETag", etag)
                    .withBody(rss(k)));
    MappingBuilder same =
        get(urlPathEqualTo("/f" + k + ".xml"))
            .withId(notModified[k])
            .atPriority(1)
            .withHeader("If-None-Match", equalTo(etag))
            .willReturn(aResponse().withStatus(304).withHeader("ETag", etag));
    if (server.getSingleStubMapping(fresh[k]) == null) {
      server.stubFor(whole);
      server.stubFor(same);
    } else {
      server.editStub(whole);
      server.editStub(same);
    }
  }

  private String rss(int k) {
    StringBuilder b =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Feed "
                + k
                + "</title><link>http://example/</link><description>d</description>");
    for (int n = published[k] - 1; n >= 0; n--) {
      ClusterCorpus.Original o = WIKI.get(original(k, n));
      StringBuilder text = new StringBuilder();
      for (String p : o.paragraphs()) {
        text.append("<p>").append(escape(p)).append("</p>");
      }
      Instant at = T0.plusSeconds(600L * n + k);
      b.append("<item><guid>f")
          .append(k)
          .append('-')
          .append(n)
          .append("</guid><title>")
          .append(escape(o.title()))
          .append("</title><link>")
          .append(link(k, n))
          .append("</link><pubDate>")
          .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC)))
          .append("</pubDate><description><![CDATA[")
          .append(text)
          .append("]]></description></item>");
    }
    return b.append("</channel></rss>").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * Writes, in {@code dir}, a subscription list of this wire's feeds and a daemon configuration
   * polling them every second into {@code data}, page extraction off; returns the configuration.
   */
  Path daemonConfig(Path dir, Path data) throws IOException {
    StringBuilder opml = new StringBuilder("<opml version=\"2.0\"><head/><body>");
    for (int k = 0; k < feeds(); k++) {
      opml.append("<outline text=\"Feed ")
          .append(k)
          .append("\" xmlUrl=\"")
          .append(feed(k))
          .append("\"/>");
    }
    Path list = Files.writeString(dir.resolve("feeds.opml"), opml + "</body></opml>");
    return Files.writeString(
        dir.resolve("feedfold.properties"),
        String.join(
            "\n",
            "data.dir=" + data,
            "feeds.file=" + list,
            "fetch.interval=1s",
            "fetch.min-interval=1s",
            "fetch.host-delay=0",
            "extract.enabled=false",
            ""));
  }
}
