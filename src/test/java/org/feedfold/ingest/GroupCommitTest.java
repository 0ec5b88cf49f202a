package org.feedfold.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.fetch.FetchSettings;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.FeedState;
import org.feedfold.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Feeds fetched one after another share Lucene commits, and a crash never splits a feed. */
class GroupCommitTest {
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-11-30T12:00:00Z"));
  private static final int FEEDS = 12;

  @TempDir Path dir;
  private WireMockServer http;
  private HttpFetcher fetcher;
  private final List<Subscription> subs = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    http = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    http.start();
    String template = Files.readString(Path.of("src/test/resources/ingest/group-feed.xml"));
    for (int i = 0; i < FEEDS; i++) {
      String name = "f" + i;
      http.stubFor(
          get(urlPathEqualTo("/" + name + ".xml"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/rss+xml")
                      .withHeader("ETag", "\"" + name + "\"")
                      .withBody(template.replace("NAME", name))));
      subs.add(new Subscription(URI.create(http.baseUrl() + "/" + name + ".xml"), null, null));
    }
    fetcher = new HttpFetcher(FetchSettings.defaults("test"));
  }

  @AfterEach
  void tearDown() throws IOException {
    fetcher.close();
    http.stop();
  }

  private ArticleIndex open(Path at) throws IOException {
    return ArticleIndex.open(at, ClusterSettings.defaults(), CLOCK);
  }

  private static long commits(Path at) throws IOException {
    try (FSDirectory d = FSDirectory.open(at)) {
      return SegmentInfos.readLatestCommit(d).getGeneration();
    }
  }

  @Test
  void feedsFetchedInOnePassShareOneCommit() throws IOException {
    Path at = dir.resolve("index");
    try (ArticleIndex index = open(at)) {
      index.commit();
      long before = commits(at);
      FeedIngester ingester = TestIngesters.create(fetcher, index, CLOCK);
      for (Subscription s : subs) {
        ingester.ingest(s);
      }
      index.commit();
      assertEquals(1, commits(at) - before, "one commit for the pass, not one per feed");
      assertEquals(FEEDS * 2, index.stats().articles());
    }
  }

  private FeedIngester grouped(ArticleIndex index, InstantSource clock, int feeds) {
    return new FeedIngester(
        TestIngesters.stages(fetcher),
        index,
        IngestSettings.defaults().withCommits(Duration.ofSeconds(1), feeds),
        clock);
  }

  /**
   * Kills the process (closing the index without a commit loses what is staged, as a crash does) in
   * a group, at its end and after a full one, and checks every feed state that survived against the
   * articles that survived.
   */
  @ParameterizedTest(name = "killed after {0} feeds")
  @ValueSource(ints = {4, 5, 11})
  void aCrashBetweenGroupsNeverLeavesAFeedStateWithoutItsArticles(int fetched) throws IOException {
    Path at = dir.resolve("crash-" + fetched);
    try (ArticleIndex index = open(at)) {
      FeedIngester ingester = grouped(index, CLOCK, 5);
      for (Subscription s : subs.subList(0, fetched)) {
        ingester.ingest(s);
      }
    } // killed: no flush
    try (ArticleIndex index = open(at)) {
      int states = 0;
      for (Subscription s : subs.subList(0, fetched)) {
        Optional<FeedState> state = index.feedState(s.url().toString());
        if (state.isPresent()) {
          states++;
          assertEquals("Feed f" + subs.indexOf(s), state.get().title());
          for (String entry : List.of("-1", "-2")) {
            String id = ArticleAssembler.articleId(s.url(), "f" + subs.indexOf(s) + entry);
            assertTrue(index.contains(id), s.url() + " is marked fetched but lost " + id);
          }
        }
      }
      assertEquals(fetched / 5 * 5, states, "only the closed groups of five survive");
      FeedIngester again = grouped(index, CLOCK, 5);
      for (Subscription s : subs) {
        again.ingest(s);
      }
      again.flush();
      assertEquals(FEEDS * 2, index.stats().articles(), "the lost feeds are fetched again");
    }
  }

  @Test
  void aGroupIsCommittedOnceItsFirstFeedHasWaitedTheInterval() throws IOException {
    Path at = dir.resolve("index");
    AtomicReference<Instant> now = new AtomicReference<>(CLOCK.instant());
    InstantSource clock = now::get;
    try (ArticleIndex index = open(at)) {
      index.commit();
      long before = commits(at);
      FeedIngester ingester = grouped(index, clock, 100);
      ingester.ingest(subs.get(0));
      ingester.commitIfDue();
      assertEquals(0, commits(at) - before, "not yet due");
      now.set(now.get().plusMillis(999));
      ingester.ingest(subs.get(1));
      assertEquals(0, commits(at) - before, "the group is 999 ms old");
      now.set(now.get().plusMillis(1));
      ingester.commitIfDue();
      assertEquals(1, commits(at) - before, "due at 1 s, also without another fetch");
      ingester.ingest(subs.get(2));
      now.set(now.get().plusSeconds(1));
      ingester.ingest(subs.get(3));
      assertEquals(2, commits(at) - before, "the fetch that finds the group due commits it");
      ingester.flush();
      ingester.flush();
      assertEquals(2, commits(at) - before, "nothing left to commit");
    }
  }

  @Test
  void readsTheStagedStateOfAFeedBeforeItIsCommitted() throws IOException {
    try (ArticleIndex index = open(dir.resolve("index"))) {
      FeedIngester ingester = grouped(index, CLOCK, 100);
      ingester.ingest(subs.get(0));
      assertEquals("Feed f0", index.feedState(subs.get(0).url().toString()).orElseThrow().title());
      index.removeFeedState(subs.get(0).url().toString());
      assertTrue(index.feedState(subs.get(0).url().toString()).isEmpty());
    }
  }
}
