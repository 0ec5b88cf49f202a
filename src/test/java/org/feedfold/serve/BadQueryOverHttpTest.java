package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.ArticleInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** A query the index cannot parse is the client's error: 400 with one line, nothing logged. */
class BadQueryOverHttpTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  @TempDir Path dir;
  ArticleIndex index;
  FeedServer server;
  ListAppender<ILoggingEvent> log;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws Exception {
    InstantSource clock = InstantSource.fixed(NOW);
    index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock);
    index.add(
        new ArticleInput(
            "a",
            "https://a.example/1",
            null,
            "Bridge opens",
            "The new bridge over the river opened to traffic on Monday morning.",
            null,
            NOW,
            NOW,
            "A",
            null,
            null,
            "en"));
    index.commit();
    server =
        new FeedServer(
            new ServeSettings("127.0.0.1", 0, 10, 20, "Test", null), index::stories, clock);
    server.start();
    log = new ListAppender<>();
    log.start();
    root().addAppender(log);
  }

  @AfterEach
  void stop() throws Exception {
    root().detachAppender(log);
    server.close();
    index.close();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(server.address().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String q(String query) {
    return URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  private List<ILoggingEvent> warnings() {
    return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/feed.atom", "/feed.rss"})
  void answersBadRequestWithOneLineNamingTheColumn(String route) throws Exception {
    var r = get(route + "?q=" + q("title:(foo"));

    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
    assertEquals("bad query: unexpected end of query at column 11\n", r.body());
    assertEquals(List.of(), warnings());
  }

  @Test
  void answersJsonRouteWithJsonError() throws Exception {
    var r = get("/feed.json?q=" + q("title:(foo AND"));

    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    assertEquals(
        "bad query: unexpected end of query at column 15",
        new ObjectMapper().readTree(r.body()).get("error").asText());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"*ridge", "/br.*dge/", "title:[a TO z]"})
  void refusesExpensiveQueriesWithClearMessage(String query) throws Exception {
    var r = get("/feed.atom?q=" + q(query));

    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().startsWith("bad query: "), r.body());
    assertEquals(List.of(), warnings());
  }

  @Test
  void logsNothingAboveDebugForManyBadQueries() throws Exception {
    for (int i = 0; i < 20; i++) {
      assertEquals(400, get("/feed.atom?q=" + q("title:(foo" + i)).statusCode());
    }

    assertEquals(List.of(), warnings());
  }

  @Test
  void goodQueryStillAnswers() throws Exception {
    var r = get("/feed.atom?q=" + q("title:bridge AND river"));

    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("Bridge opens"), r.body());
  }
}
