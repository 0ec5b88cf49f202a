package org.feedfold.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.index.IndexStats;
import org.feedfold.model.ArticleInput;

/**
 * Measures ingest with clustering against plain Lucene indexing of the same documents, and the
 * per-article story-assignment latency as the index grows.
 *
 * <p>Articles are synthetic but made of real words: a bigram Markov chain trained on the Wikinews
 * fixture writes each story (so stories share common phrases, as real news does), 20% of stories
 * are republished once or twice (wrapped copy, teaser or edited copy), 2,700 articles a day. Each
 * article is given to plain Lucene and to the clustered index in turn, so both rates are measured
 * over the same stretch of time (on a shared machine, separate runs drifted by a third). Per-core
 * rates are the indexing thread's CPU time and leave out generating the text, which would otherwise
 * flatter the clustered/plain ratio.
 *
 * <p>Run: {@code java -Xmx1g -cp target/classes:target/test-classes:target/feedfold.jar
 * org.feedfold.bench.ClusterBench N WORKDIR [--jsonl FILE]}. With {@code --jsonl} it only writes
 * the articles as import lines (for {@code feedfold import}) and exits.
 */
public final class ClusterBench {
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  /** Both runs commit this often, as {@code import} does by default ({@code --batch}). */
  private static final int COMMIT_EVERY = 10_000;

  private ClusterBench() {}

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    Path work = Path.of(args[1]);
    Generator gen = new Generator(ClusterCorpus.wikinews(), 42);
    if (args.length > 3 && args[2].equals("--jsonl")) {
      try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8)) {
        for (int i = 0; i < n; i++) {
          ArticleInput a = gen.next();
          Map<String, Object> m = new java.util.LinkedHashMap<>();
          m.put("id", a.id());
          m.put("url", a.url());
          m.put("title", a.title());
          m.put("text", a.text());
          m.put("published", a.published().toString());
          m.put("source", a.source());
          w.write(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m));
          w.newLine();
        }
      }
      return;
    }
    run(n, Math.min(n, 100_000), gen, work);
  }

  private static final java.lang.management.ThreadMXBean THREADS =
      ManagementFactory.getThreadMXBean();

  /**
   * Feeds each generated article to plain Lucene (the first {@code plainN}) and to the clustered
   * index, one after the other, so that both rates are measured over the same stretch of time and
   * machine load; the time spent generating the text is counted for neither.
   */
  private static void run(int total, int plainN, Generator gen, Path work) throws IOException {
    long[] lat = new long[total];
    long[] cpuLat = new long[total];
    long plainCpu = 0;
    long plainWall = 0;
    long clusteredCpu = 0;
    long clusteredWall = 0;
    double plainRate = 0;
    InstantSource clock = InstantSource.fixed(START);
    try (FSDirectory d = FSDirectory.open(work.resolve("plain"));
        IndexWriter plain =
            new IndexWriter(
                d, new IndexWriterConfig(new StandardAnalyzer()).setRAMBufferSizeMB(64));
        ArticleIndex index =
            ArticleIndex.open(work.resolve("clustered"), ClusterSettings.defaults(), clock)) {
      for (int i = 0; i < total; i++) {
        ArticleInput a = gen.next();
        boolean commit = (i + 1) % COMMIT_EVERY == 0;
        if (i < plainN) {
          long w = System.nanoTime();
          long c = THREADS.getCurrentThreadCpuTime();
          plain.updateDocument(new Term("id", a.id()), plainDocument(a));
          if (commit) {
            plain.commit();
          }
          plainCpu += THREADS.getCurrentThreadCpuTime() - c;
          plainWall += System.nanoTime() - w;
        }
        long w = System.nanoTime();
        long c = THREADS.getCurrentThreadCpuTime();
        index.add(a);
        lat[i] = System.nanoTime() - w;
        cpuLat[i] = THREADS.getCurrentThreadCpuTime() - c;
        if (commit) {
          index.commit();
        }
        clusteredCpu += THREADS.getCurrentThreadCpuTime() - c;
        clusteredWall += System.nanoTime() - w;
        if (i + 1 == plainN) {
          plain.commit();
          plainRate = plainN / (plainCpu / 1e9);
          System.out.printf(
              Locale.ROOT,
              "plain Lucene: %,d docs, %.0f docs/s per core (%.0f wall), %.0f bytes/article%n",
              plainN,
              plainRate,
              plainN / (plainWall / 1e9),
              (double) size(work.resolve("plain")) / plainN);
          double rate = plainN / (clusteredCpu / 1e9);
          System.out.printf(
              Locale.ROOT,
              "same %,d docs, same stretch of time, per core: plain Lucene %.0f docs/s, with"
                  + " clustering %.0f docs/s (%.0f%%)%n",
              plainN,
              plainRate,
              rate,
              100 * rate / plainRate);
        }
        if (i + 1 == 10_000 || i + 1 == 100_000 || i + 1 == 1_000_000 || i + 1 == total) {
          report(index, lat, cpuLat, i + 1, clusteredWall, clusteredCpu);
        }
      }
      index.commit();
    }
  }

  private static Document plainDocument(ArticleInput a) {
    Document doc = new Document();
    doc.add(new StringField("id", a.id(), Field.Store.YES));
    doc.add(new StoredField("url", a.url()));
    doc.add(new TextField("title", a.title(), Field.Store.YES));
    doc.add(new TextField("text", a.text(), Field.Store.YES));
    doc.add(new StoredField("source", a.source()));
    doc.add(new LongPoint("time", a.published().toEpochMilli()));
    doc.add(new NumericDocValuesField("time", a.published().toEpochMilli()));
    return doc;
  }

  private static long size(Path dir) throws IOException {
    long bytes = 0;
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        bytes += Files.size(f);
      }
    }
    return bytes;
  }

  /** Prints progress; {@code wall} and {@code cpu} are the clustered index's totals so far. */
  private static void report(
      ArticleIndex index, long[] lat, long[] cpuLat, int done, long wall, long cpu)
      throws IOException {
    int from = Math.max(0, done - Math.max(1000, done / 10));
    long[] window = Arrays.copyOfRange(lat, from, done);
    Arrays.sort(window);
    long[] cpuWindow = Arrays.copyOfRange(cpuLat, from, done);
    Arrays.sort(cpuWindow);
    IndexStats st = index.stats();
    ManagementFactory.getMemoryMXBean().gc();
    long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf(
        Locale.ROOT,
        "%,d articles: %.0f articles/s wall, %.0f per core (indexing thread CPU without"
            + " generating the text); assignment"
            + " latency over the last %,d: wall p50 %.2f ms p99 %.2f ms max %.2f ms, CPU p50 %.2f"
            + " ms p99 %.2f ms; %,d stories; index %,d bytes = %.0f bytes/article;"
            + " %,d MB of heap live after a full GC%n",
        done,
        done / (wall / 1e9),
        done / (cpu / 1e9),
        window.length,
        window[window.length / 2] / 1e6,
        window[(int) (window.length * 0.99)] / 1e6,
        window[window.length - 1] / 1e6,
        cpuWindow[cpuWindow.length / 2] / 1e6,
        cpuWindow[(int) (cpuWindow.length * 0.99)] / 1e6,
        st.stories(),
        st.bytes(),
        (double) st.bytes() / st.articles(),
        live >> 20);
  }

  /** Writes synthetic stories and some republications of them. */
  static final class Generator {
    private final Map<String, String[]> next = new HashMap<>();
    private final String[] starts;
    private final Random random;
    private final List<ArticleInput> queue = new ArrayList<>();
    private int stories;
    private int produced;

    Generator(List<ClusterCorpus.Original> corpus, long seed) {
      this.random = new Random(seed);
      Map<String, List<String>> m = new HashMap<>();
      List<String> s = new ArrayList<>();
      for (ClusterCorpus.Original o : corpus) {
        for (String p : o.paragraphs()) {
          String[] w = p.split("\\s+");
          s.add(w[0]);
          for (int i = 0; i + 1 < w.length; i++) {
            m.computeIfAbsent(w[i], k -> new ArrayList<>()).add(w[i + 1]);
          }
        }
      }
      m.forEach((k, v) -> next.put(k, v.toArray(String[]::new)));
      starts = s.toArray(String[]::new);
    }

    ArticleInput next() {
      if (queue.isEmpty()) {
        story();
      }
      produced++;
      return queue.remove(0);
    }

    private void story() {
      int id = stories++;
      Instant t = START.plusMillis(produced * 32_000L + random.nextInt(60_000));
      String title = words(8 + random.nextInt(6));
      List<String> paras = new ArrayList<>();
      for (int p = 0, np = 3 + random.nextInt(8); p < np; p++) {
        paras.add(words(25 + random.nextInt(50)));
      }
      String site = "site" + random.nextInt(500);
      queue.add(article("s" + id, title, String.join("\n", paras), t, site));
      if (random.nextInt(5) == 0) {
        for (int c = 0, nc = 1 + random.nextInt(2); c < nc; c++) {
          String other = "site" + random.nextInt(500);
          Instant at = t.plus(Duration.ofMinutes(5 + random.nextInt(600)));
          String text =
              switch (random.nextInt(3)) {
                case 0 -> other + " | Home | News\n" + String.join("\n", paras) + "\n(c) " + other;
                case 1 -> paras.get(0);
                default -> String.join("\n", paras.subList(0, Math.max(1, paras.size() - 1)));
              };
          queue.add(article("s" + id + "-c" + c, title, text, at, other));
        }
      }
    }

    private static ArticleInput article(
        String id, String title, String text, Instant t, String site) {
      return new ArticleInput(
          id,
          "https://" + site + ".example/" + id,
          null,
          title,
          text,
          null,
          t,
          t,
          site,
          null,
          null,
          "en");
    }

    private String words(int count) {
      StringBuilder sb = new StringBuilder();
      String w = starts[random.nextInt(starts.length)];
      for (int i = 0; i < count; i++) {
        sb.append(i == 0 ? "" : " ").append(w);
        String[] options = next.get(w);
        w =
            options == null || random.nextInt(12) == 0
                ? starts[random.nextInt(starts.length)]
                : options[random.nextInt(options.length)];
      }
      return sb.toString();
    }
  }
}
