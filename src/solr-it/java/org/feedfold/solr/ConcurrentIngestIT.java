package org.feedfold.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.Assignment;
import org.feedfold.model.ArticleInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Races two store instances (two clients, as two daemons on two machines would be) adding copies of
 * one story at the same moment, released together by a latch, many times: each race must end with
 * one story holding both copies.
 */
@ExtendWith(SolrCluster.class)
class ConcurrentIngestIT {
  private static final Instant T = Instant.parse("2026-11-30T06:00:00Z");
  private static final int RACES = Integer.getInteger("feedfold.races", 25);

  @Test
  void twoInstancesAddingCopiesOfOneStoryAtOnceMakeOneStory(SolrCluster.Running solr)
      throws Exception {
    String c = solr.newCollection("race");
    SolrSettings settings = SolrSettings.parse(solr.zkHost(), c);
    InstantSource clock = InstantSource.fixed(T.plus(Duration.ofHours(1)));
    ExecutorService pool =
        new ThreadPoolExecutor(
            2,
            2,
            1,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> new Thread(r, "race-" + System.identityHashCode(r)));
    Copies gen = new Copies(13);
    List<String> split = new ArrayList<>();
    try (SolrStore one = SolrStore.open(settings, ClusterSettings.defaults(), clock, false);
        SolrStore two = SolrStore.open(settings, ClusterSettings.defaults(), clock, false)) {
      for (int race = 0; race < RACES; race++) {
        String text = gen.story();
        Instant at = T.plusSeconds(race * 60L);
        ArticleInput a = Copies.article("a-" + race, "wire", "Story " + race, text, at);
        ArticleInput b =
            Copies.article("b-" + race, "blog", "Story " + race, text + " Via the wire.", at);
        CountDownLatch go = new CountDownLatch(1);
        Future<Assignment> fa = pool.submit(adding(one, a, go));
        Future<Assignment> fb = pool.submit(adding(two, b, go));
        go.countDown();
        Assignment x = fa.get(60, TimeUnit.SECONDS);
        Assignment y = fb.get(60, TimeUnit.SECONDS);
        // Both resolve to one story once both adds are done.
        String sx = one.story(x.storyId()).orElseThrow().id();
        String sy = two.story(y.storyId()).orElseThrow().id();
        if (!sx.equals(sy)) {
          split.add("race " + race + ": " + sx + " vs " + sy);
        }
        one.commit();
        assertEquals(
            2,
            one.story(sx).orElseThrow().size(),
            "race "
                + race
                + ": both copies are members of "
                + sx
                + ": "
                + x
                + " "
                + y
                + " "
                + one.story(sx).orElseThrow().articles());
      }
      assertEquals(List.of(), split);
      assertEquals(RACES, one.stats().stories());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Callable<Assignment> adding(SolrStore store, ArticleInput a, CountDownLatch go) {
    return () -> {
      go.await();
      return store.add(a);
    };
  }
}
