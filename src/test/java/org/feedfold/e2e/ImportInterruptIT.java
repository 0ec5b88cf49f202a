package org.feedfold.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM during {@code feedfold import} commits what was added and says how far it got. */
class ImportInterruptIT {
  private static final Pattern INTERRUPTED =
      Pattern.compile(
          "feedfold import: interrupted; committed (\\d+) articles \\(lines 1\\.\\.(\\d+) of (.+)\\)");
  private static final int LINES = 200_000;

  @TempDir Path dir;

  @Test
  void commitsWhatWasAddedWhenTerminated() throws Exception {
    Path file = dir.resolve("big.jsonl");
    writeArticles(file);
    Path data = dir.resolve("data");
    try (Child child =
        Child.start("--data", data.toString(), "import", "--batch", "100000", file.toString())) {
      awaitFirstSegment(data.resolve("index"), child);
      Thread.sleep(3000); // well into the first batch, which only the interrupt commits
      child.terminate();
      child.exit(Duration.ofSeconds(60));
      Matcher m = child.await(INTERRUPTED, Duration.ofSeconds(1));
      int committed = Integer.parseInt(m.group(1));
      int lines = Integer.parseInt(m.group(2));
      assertEquals(file.toString(), m.group(3));
      assertTrue(committed > 0 && committed < LINES, child.output());
      assertEquals(committed, lines, "one article per line, no bad lines");
      try (ArticleIndex index =
          ArticleIndex.openReadOnly(
              data.resolve("index"), ClusterSettings.defaults(), InstantSource.system())) {
        assertEquals(committed, index.stats().articles());
      }
    }
  }

  /** Waits until the importer has opened the index (its first, empty segment files exist). */
  private static void awaitFirstSegment(Path index, Child child) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(index)) {
        try (Stream<Path> files = Files.list(index)) {
          if (files.anyMatch(f -> f.getFileName().toString().equals("write.lock"))) {
            return;
          }
        }
      }
      assertTrue(child.process().isAlive(), child.output());
      Thread.sleep(50);
    }
    throw new AssertionError("import never opened its index:\n" + child.output());
  }

  private static void writeArticles(Path file) throws IOException {
    List<ClusterCorpus.Original> wiki = ClusterCorpus.wikinews();
    ObjectMapper json = new ObjectMapper();
    Instant t0 = Instant.parse("2024-03-01T00:00:00Z");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < LINES; i++) {
        ClusterCorpus.Original o = wiki.get(i % wiki.size());
        ObjectNode n = json.createObjectNode();
        n.put("id", "a" + i);
        n.put("title", o.title());
        n.put("text", String.join("\n", o.paragraphs()));
        n.put("published", t0.plusSeconds(60L * i).toString());
        n.put("source", "site" + (i % 40));
        w.write(json.writeValueAsString(n));
        w.newLine();
      }
    }
  }
}
