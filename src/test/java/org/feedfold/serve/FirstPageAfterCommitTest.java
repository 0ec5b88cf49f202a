package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.ArticleInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serves a real index and commits to it: the first page a server renders after each commit (from
 * what it kept of the page before, the index's kept listing and the stories that changed) is byte
 * for byte the page a new server renders from the index opened anew (nothing kept anywhere).
 */
class FirstPageAfterCommitTest {
  static final List<ClusterCorpus.Original> WIKI = ClusterCorpus.wikinews();
  static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  @TempDir Path dir;
  final HttpClient client = HttpClient.newHttpClient();
  final Instant[] now = {T0};
  final InstantSource clock = () -> now[0];
  ArticleIndex index;
  FeedServer server;

  @AfterEach
  void stop() throws IOException {
    server.close();
    index.close();
  }

  /** Opens the index anew with a new server: nothing read or rendered before is kept. */
  void reopen() throws IOException {
    if (server != null) {
      server.close();
      index.close();
    }
    index = ArticleIndex.open(dir.resolve("index"), ClusterSettings.defaults(), clock);
    server =
        new FeedServer(
            new ServeSettings("127.0.0.1", 0, 10, 20, "T", null), StorySource.of(index), clock);
    server.start();
  }

  String atom() throws Exception {
    HttpResponse<byte[]> r =
        client.send(
            HttpRequest.newBuilder(server.address().resolve("feed.atom")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    // Only the self links differ from one server to the next: each has its own port.
    return new String(r.body(), StandardCharsets.UTF_8).replace(server.address().toString(), "/");
  }

  static ArticleInput article(String id, String source, String title, String text, Instant at) {
    return new ArticleInput(
        id,
        "https://" + source + ".example/" + id,
        null,
        title,
        text,
        null,
        at,
        at,
        source,
        null,
        null,
        "en");
  }

  static String text(int n) {
    return String.join("\n", WIKI.get(n).paragraphs());
  }

  /** Commits {@code change}, then compares the page rendered after it with one rendered anew. */
  void assertPageAfterCommitAsRenderedAnew(String what, Change change) throws Exception {
    String before = atom();
    now[0] = now[0].plusSeconds(60);
    change.apply();
    index.commit();
    String after = atom();
    assertNotEquals(before, after, what + ": the page shows the commit");
    reopen();
    assertEquals(atom(), after, what);
  }

  interface Change {
    void apply() throws IOException;
  }

  @Test
  void rendersTheFirstPageAfterEachKindOfCommitAsANewServerOnTheIndexOpenedAnew() throws Exception {
    reopen();
    for (int n = 0; n < 14; n++) {
      now[0] = T0.plusSeconds(60L * n);
      index.add(article("o" + n, "wire", WIKI.get(n).title(), text(n), now[0]));
      index.commit();
    }
    assertPageAfterCommitAsRenderedAnew(
        "a new story",
        () -> index.add(article("o14", "wire", WIKI.get(14).title(), text(14), now[0])));
    assertPageAfterCommitAsRenderedAnew(
        "a story gains a member",
        () ->
            index.add(
                article("c9", "outlet", WIKI.get(9).title(), "Republished.\n" + text(9), T0)));
    assertPageAfterCommitAsRenderedAnew(
        "a story from below the page gains a member",
        () ->
            index.add(
                article("c1", "outlet", WIKI.get(1).title(), "Republished.\n" + text(1), T0)));
    List<String> p = WIKI.get(15).paragraphs();
    int half = p.size() / 2;
    assertPageAfterCommitAsRenderedAnew(
        "two halves of one article, two stories",
        () -> {
          index.add(
              article("x", "a", WIKI.get(15).title(), String.join("\n", p.subList(0, half)), T0));
          now[0] = now[0].plusSeconds(1);
          index.add(
              article(
                  "y",
                  "b",
                  WIKI.get(15).title(),
                  String.join("\n", p.subList(half, p.size())),
                  T0));
        });
    assertPageAfterCommitAsRenderedAnew(
        "the two stories merged",
        () -> index.add(article("z", "c", WIKI.get(15).title(), String.join("\n", p), T0)));
    assertPageAfterCommitAsRenderedAnew(
        "a story re-dated into the past",
        () -> {
          now[0] = T0.plusSeconds(30);
          index.add(article("o12", "wire", WIKI.get(12).title(), "Correction.\n" + text(12), T0));
        });
    now[0] = T0.plusSeconds(7_200);
    assertPageAfterCommitAsRenderedAnew(
        "a member re-issued",
        () -> index.add(article("o11", "wire", WIKI.get(11).title(), "Update.\n" + text(11), T0)));
  }
}
