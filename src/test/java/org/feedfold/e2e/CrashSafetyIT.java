package org.feedfold.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.index.ExportedArticle;
import org.feedfold.model.FeedState;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the daemon with SIGKILL at random points while a loopback wire publishes articles, restarts
 * it each time, and checks that nothing was lost, duplicated or left inconsistent: every published
 * article is indexed exactly once, every article's story exists and lists it, and every feed was
 * fetched up to its last version (a feed whose state was committed before its articles would answer
 * 304 to the stale validators and lose them for good). Also stops it once with SIGTERM mid-ingest,
 * which must commit and exit within seconds. Results: docs/RELIABILITY.md.
 */
class CrashSafetyIT {
  private static final Pattern SERVING = Pattern.compile("serving http://");
  private static final long SEED = Long.getLong("crash.seed", 9L);
  private static final int KILLS = Integer.getInteger("crash.kills", 20);
  private static final int FEEDS = 4;
  private static final int PER_FEED = 30;

  @TempDir Path dir;

  @Test
  void losesNothingAndStaysConsistentAcrossKills() throws Exception {
    Random random = new Random(SEED);
    Path data = dir.resolve("data");
    try (Wire wire = new Wire(FEEDS, PER_FEED)) {
      Path config = wire.daemonConfig(dir, data);
      for (int k = 0; k < FEEDS; k++) {
        wire.publish(k);
      }
      ScheduledExecutorService publisher =
          Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "crash-publisher"));
      Random pick = new Random(SEED + 1);
      publisher.scheduleWithFixedDelay(
          () -> wire.publish(pick.nextInt(FEEDS)), 0, 750, TimeUnit.MILLISECONDS);
      List<Long> committed = new ArrayList<>();
      try {
        for (int run = 0; run < KILLS; run++) {
          try (Child daemon = daemon(config)) {
            daemon.await(SERVING, Duration.ofSeconds(60));
            Thread.sleep(random.nextInt(5000));
            daemon.kill();
            daemon.exit(Duration.ofSeconds(30));
          }
          committed.add(articles(data));
        }
        System.out.printf(
            Locale.ROOT, "CrashSafetyIT: articles committed after each kill: %s%n", committed);
        // SIGTERM mid-ingest: running fetches commit, the daemon exits within seconds.
        String said;
        long before = articles(data);
        int fetches = wire.fetches();
        try (Child daemon = daemon(config)) {
          daemon.await(SERVING, Duration.ofSeconds(60));
          while (wire.fetches() < fetches + FEEDS) {
            Thread.sleep(20);
          }
          Thread.sleep(200); // into the adds
          daemon.terminate();
          long start = System.nanoTime();
          daemon.exit(Duration.ofSeconds(10));
          said = daemon.output();
          assertTrue(said.contains("stopped"), said);
          System.out.printf(
              Locale.ROOT,
              "CrashSafetyIT: SIGTERM exit after %d ms%n",
              (System.nanoTime() - start) / 1_000_000);
        }
        assertTrue(articles(data) >= before, "SIGTERM kept what was fetched:\n" + said);
      } finally {
        publisher.shutdownNow();
        publisher.awaitTermination(10, TimeUnit.SECONDS);
      }

      // Publishing has stopped: one last run must fetch everything that is missing.
      Set<String> published = wire.links();
      try (Child daemon = daemon(config)) {
        daemon.await(SERVING, Duration.ofSeconds(60));
        awaitArticles(data, published.size(), daemon);
        // Commits are grouped: a fetch's articles may be committed with another feed's group before
        // its own state. A stop in between leaves the older validators (the feed is fetched again),
        // which is safe; wait for the states, so the check below sees the end of the last pass.
        awaitStates(data, wire, daemon);
        daemon.terminate();
        daemon.exit(Duration.ofSeconds(10));
      }
      try (ArticleIndex index =
          ArticleIndex.open(
              data.resolve("index"), ClusterSettings.defaults(), InstantSource.system())) {
        checkArticles(index, published);
        checkStories(index);
        for (int k = 0; k < FEEDS; k++) {
          FeedState s = index.feedState(wire.feed(k).toString()).orElseThrow();
          // Jetty marks the ETag of a gzipped response.
          assertEquals(
              wire.etag(k),
              s.etag().replace("--gzip", ""),
              "feed " + k + " was fetched up to its last version");
        }
        System.out.printf(
            Locale.ROOT,
            "CrashSafetyIT: seed %d, %d kills, %d articles, %d stories, %d feed fetches: ok%n",
            SEED,
            KILLS,
            published.size(),
            index.stats().stories(),
            wire.fetches());
      }
    }
  }

  private static void checkArticles(ArticleIndex index, Set<String> published) throws IOException {
    Map<String, Integer> byLink = new HashMap<>();
    index.forEachArticle(a -> byLink.merge(a.url(), 1, Integer::sum));
    for (String link : published) {
      assertEquals(1, byLink.getOrDefault(link, 0), link + " is indexed exactly once");
    }
    assertEquals(published.size(), byLink.size(), "nothing but what was published");
  }

  private static void checkStories(ArticleIndex index) throws IOException {
    Map<String, List<String>> members = new TreeMap<>();
    List<ExportedArticle> all = new ArrayList<>();
    index.forEachArticle(all::add);
    for (ExportedArticle a : all) {
      members.computeIfAbsent(a.story(), s -> new ArrayList<>()).add(a.id());
    }
    for (Map.Entry<String, List<String>> e : members.entrySet()) {
      Story story = index.story(e.getKey()).orElseThrow(() -> new AssertionError(e.getKey()));
      assertEquals(e.getKey(), story.id(), "an article's story is not a redirect");
      List<String> listed = story.articles().stream().map(StoryMember::id).sorted().toList();
      assertEquals(e.getValue().stream().sorted().toList(), listed, "story " + e.getKey());
      assertEquals(listed.size(), story.size());
    }
    assertEquals(members.size(), index.stats().stories(), "no story without members");
  }

  private static void awaitArticles(Path data, int expected, Child daemon) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    long have = -1;
    while (System.nanoTime() < deadline) {
      have = articles(data);
      if (have >= expected) {
        return;
      }
      assertTrue(daemon.process().isAlive(), daemon.output());
      Thread.sleep(500);
    }
    throw new AssertionError(
        "only " + have + " of " + expected + " articles after restart:\n" + daemon.output());
  }

  private static void awaitStates(Path data, Wire wire, Child daemon) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      boolean current = true;
      try (ArticleIndex index = readOnly(data)) {
        for (int k = 0; k < FEEDS && current; k++) {
          FeedState s = index.feedState(wire.feed(k).toString()).orElse(null);
          current =
              s != null && s.etag() != null && s.etag().replace("--gzip", "").equals(wire.etag(k));
        }
      }
      if (current) {
        return;
      }
      assertTrue(daemon.process().isAlive(), daemon.output());
      Thread.sleep(500);
    }
    // Left to the assertions below, which name the feed.
  }

  private static long articles(Path data) throws IOException {
    if (!Files.isDirectory(data.resolve("index"))) {
      return 0;
    }
    try (Stream<Path> files = Files.list(data.resolve("index"))) {
      if (files.noneMatch(f -> f.getFileName().toString().startsWith("segments_"))) {
        return 0; // killed before its first commit
      }
    }
    try (ArticleIndex index = readOnly(data)) {
      return index.stats().articles();
    }
  }

  private static ArticleIndex readOnly(Path data) throws IOException {
    return ArticleIndex.openReadOnly(
        data.resolve("index"), ClusterSettings.defaults(), InstantSource.system());
  }

  private static Child daemon(Path config) throws IOException {
    return Child.start("--config", config.toString(), "daemon", "--port", "0");
  }
}
