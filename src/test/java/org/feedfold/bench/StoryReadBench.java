package org.feedfold.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.ArticleInput;

/**
 * Measures reading the merged feed's first page ({@code stories(null, null, 50)}) from a real index
 * of 50 stories, each an original of the Wikinews corpus and four copies (light edits, a credit and
 * a donation paragraph); then, on the same index, each story's original re-issued five times with
 * an "Update" paragraph. Prints wall-clock p50 and p99 and the reading thread's CPU time p50 (less
 * sensitive to a shared machine's load) over 300 reads after 50 warm-up reads.
 *
 * <p>Run: {@code java -cp <classes>:<test-classes>:<deps> org.feedfold.bench.StoryReadBench DIR}.
 */
public final class StoryReadBench {
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

  private StoryReadBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    List<ClusterCorpus.Original> corpus = ClusterCorpus.wikinews();
    try (ArticleIndex index =
        ArticleIndex.open(dir, ClusterSettings.defaults(), InstantSource.fixed(T0))) {
      for (int n = 0; n < 50; n++) {
        ClusterCorpus.Original o = corpus.get(n % corpus.size());
        index.add(article("wire-" + n, "Wire", o.title(), o.paragraphs(), T0));
        for (int c = 1; c <= 4; c++) {
          List<String> copy = new ArrayList<>();
          for (String p : o.paragraphs().subList(0, o.paragraphs().size() - 1)) {
            copy.add(p.replace(" said ", " stated "));
          }
          copy.add("This story was originally published by Wire and is republished here.");
          copy.add("Donate today: Outlet " + c + " relies on readers like you.");
          index.add(
              article(
                  "copy-" + c + "-" + n,
                  "Outlet " + c,
                  o.title().toUpperCase(Locale.ROOT),
                  copy,
                  T0.plusSeconds(600L * c)));
        }
      }
      index.commit();
      report("50 stories x 5 members", index);
      for (int u = 1; u <= 5; u++) {
        for (int n = 0; n < 50; n++) {
          ClusterCorpus.Original o = corpus.get(n % corpus.size());
          List<String> text = new ArrayList<>();
          for (int k = u; k >= 1; k--) {
            text.add("Update " + k + ": officials gave new figures for story " + n + " at " + k);
          }
          text.addAll(o.paragraphs());
          index.add(article("wire-" + n, "Wire", o.title(), text, T0));
        }
        index.commit();
      }
      report("and 5 updates of each original", index);
    }
  }

  private static void report(String what, ArticleIndex index) throws Exception {
    for (int i = 0; i < 50; i++) {
      index.stories(null, null, 50);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] nanos = new long[300];
    long[] cpu = new long[nanos.length];
    for (int i = 0; i < nanos.length; i++) {
      long t = System.nanoTime();
      long c = threads.getCurrentThreadCpuTime();
      index.stories(null, null, 50);
      cpu[i] = threads.getCurrentThreadCpuTime() - c;
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    Arrays.sort(cpu);
    System.out.printf(
        Locale.ROOT,
        "%s: stories(null, null, 50) wall p50 %.2f ms, p99 %.2f ms; CPU p50 %.2f ms%n",
        what,
        nanos[nanos.length / 2] / 1e6,
        nanos[nanos.length * 99 / 100] / 1e6,
        cpu[cpu.length / 2] / 1e6);
  }

  private static ArticleInput article(
      String id, String source, String title, List<String> paragraphs, Instant at) {
    return new ArticleInput(
        id,
        "https://" + source.replace(' ', '-').toLowerCase(Locale.ROOT) + ".example/" + id,
        null,
        title,
        String.join("\n", paragraphs),
        null,
        at,
        at.plus(Duration.ZERO),
        source,
        "https://" + source.replace(' ', '-').toLowerCase(Locale.ROOT) + ".example/feed",
        null,
        "en");
  }
}
