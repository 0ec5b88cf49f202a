package org.feedfold.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.index.IndexStats;
import org.feedfold.model.SearchHit;
import org.feedfold.serve.ApiSource;
import org.feedfold.serve.FeedServer;
import org.feedfold.serve.ServeSettings;
import org.feedfold.serve.StoryLookup;

/**
 * Measures {@code /feed.atom} on an index of N synthetic articles (ClusterBench's generator), with
 * the render cache on and off: sequential requests with and without {@code ?q=}, then 16 concurrent
 * clients for 15 s (responses per second, p50, p99). The index is built in WORKDIR on the first run
 * and reused after.
 *
 * <p>Run: {@code java -Xmx2g -cp target/classes:target/test-classes:target/feedfold.jar
 * org.feedfold.bench.FeedCacheBench 100000 WORKDIR [--no-cache]}.
 */
public final class FeedCacheBench {
  private FeedCacheBench() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]).resolve("index-" + n);
    boolean cache = !(args.length > 2 && args[2].equals("--no-cache"));
    boolean build = !Files.isDirectory(dir);
    try (ArticleIndex index =
        ArticleIndex.open(dir, ClusterSettings.defaults(), InstantSource.system())) {
      if (build) {
        ClusterBench.Generator gen = new ClusterBench.Generator(ClusterCorpus.wikinews(), 42);
        for (int i = 1; i <= n; i++) {
          index.add(gen.next());
          if (i % 10_000 == 0) {
            index.commit();
            System.out.println("indexed " + i);
          }
        }
        index.commit();
      }
      IndexStats st = index.stats();
      System.out.printf(
          Locale.ROOT,
          "index: %d articles, %d stories, %d MB; render cache %s%n",
          st.articles(),
          st.stories(),
          st.bytes() >> 20,
          cache ? "on" : "off");
      try (FeedServer server =
          new FeedServer(
              // The sequential client's idle connection stays open: room for it and 16 more.
              new ServeSettings("127.0.0.1", 0, 50, 500, "Bench", null)
                  .withLimits(
                      new ServeSettings.Limits(
                          java.time.Duration.ofSeconds(10),
                          java.time.Duration.ofSeconds(60),
                          32,
                          512,
                          4,
                          64)),
              index::stories,
              StoryLookup.NONE,
              api(index, cache),
              InstantSource.system())) {
        server.start();
        URI plain = server.address().resolve("feed.atom");
        URI query = server.address().resolve("feed.atom?q=government");
        HttpClient client = HttpClient.newHttpClient();
        for (URI uri : List.of(plain, query)) {
          for (int i = 0; i < 5; i++) {
            send(client, uri);
          }
          List<Long> times = new ArrayList<>();
          for (int i = 0; i < 20; i++) {
            long t = System.nanoTime();
            send(client, uri);
            times.add(System.nanoTime() - t);
          }
          System.out.printf(
              Locale.ROOT,
              "%-28s sequential: p50 %7.1f ms%n",
              uri.getPath() + "?" + Optional.ofNullable(uri.getQuery()).orElse(""),
              pct(times, 50));
        }
        concurrent(plain, 16, 15_000);
      }
    }
  }

  private static ApiSource api(ArticleIndex index, boolean cache) {
    return new ApiSource() {
      @Override
      public List<SearchHit> search(String q, Instant since, int limit) throws IOException {
        return index.search(q, since, limit);
      }

      @Override
      public List<FeedStatus> feeds() {
        return List.of();
      }

      @Override
      public IndexStats stats() throws IOException {
        return index.stats();
      }

      @Override
      public long generation() {
        try {
          return cache ? index.generation() : -1;
        } catch (IOException e) {
          return -1;
        }
      }
    };
  }

  private static void send(HttpClient client, URI uri) throws Exception {
    HttpResponse<byte[]> r =
        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(uri + ": " + r.statusCode());
    }
  }

  private static void concurrent(URI uri, int clients, long millis) throws Exception {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            clients,
            r -> {
              Thread t = new Thread(r, "bench-client");
              t.setDaemon(true);
              return t;
            });
    AtomicInteger errors = new AtomicInteger();
    long end = System.nanoTime() + millis * 1_000_000;
    List<Future<List<Long>>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(
          pool.submit(
              () -> {
                HttpClient client = HttpClient.newHttpClient();
                List<Long> times = new ArrayList<>();
                while (System.nanoTime() < end) {
                  long t = System.nanoTime();
                  try {
                    send(client, uri);
                    times.add(System.nanoTime() - t);
                  } catch (Exception e) {
                    errors.incrementAndGet();
                  }
                }
                return times;
              }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> f : futures) {
      all.addAll(f.get());
    }
    pool.shutdown();
    System.out.printf(
        Locale.ROOT,
        "%d concurrent clients, %d s: %.1f responses/s, p50 %.1f ms, p99 %.1f ms, %d errors%n",
        clients,
        millis / 1000,
        all.size() * 1000.0 / millis,
        pct(all, 50),
        pct(all, 99),
        errors.get());
  }

  private static double pct(List<Long> nanos, int p) {
    List<Long> s = new ArrayList<>(nanos);
    Collections.sort(s);
    return s.isEmpty() ? 0 : s.get(Math.min(s.size() - 1, s.size() * p / 100)) / 1e6;
  }
}
