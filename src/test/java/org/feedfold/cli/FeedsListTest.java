package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.FeedState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code feeds list} tells a new feed from a working one and shows a failure's record. */
class FeedsListTest {
  private static final Instant SINCE = Instant.parse("2026-11-27T10:00:00Z");

  @TempDir Path dir;
  private Path config;

  @BeforeEach
  void setUp() throws Exception {
    Path opml = dir.resolve("feeds.opml");
    Files.writeString(
        opml,
        """
        <opml version="2.0"><head/><body>
          <outline text="Fresh" xmlUrl="https://fresh.example/rss"/>
          <outline text="Broken" xmlUrl="https://broken.example/rss"/>
          <outline text="Fine" xmlUrl="https://fine.example/rss"/>
          <outline text="Members" xmlUrl="https://reader:s3cret@private.example/rss"/>
        </body></opml>
        """);
    config = dir.resolve("feedfold.properties");
    Files.writeString(config, "data.dir=" + dir.resolve("data") + "\nfeeds.file=" + opml + "\n");
    try (ArticleIndex index =
        ArticleIndex.open(
            dir.resolve("data/index"), ClusterSettings.defaults(), InstantSource.system())) {
      index.putFeedState(
          new FeedState(
              "https://broken.example/rss",
              null,
              null,
              null,
              SINCE.plus(Duration.ofHours(2)),
              SINCE.plus(Duration.ofHours(4)),
              3,
              "HTTP 500",
              false,
              null,
              SINCE));
      index.putFeedState(
          new FeedState(
              "https://fine.example/rss",
              "Fine Feed",
              null,
              null,
              SINCE,
              SINCE.plus(Duration.ofMinutes(30)),
              0,
              null,
              false,
              Duration.ofMinutes(30),
              null));
      index.commit();
    }
  }

  private List<String> list(String... more) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    String[] args = new String[4 + more.length];
    args[0] = "--config";
    args[1] = config.toString();
    args[2] = "feeds";
    args[3] = "list";
    System.arraycopy(more, 0, args, 4, more.length);
    assertEquals(0, cli.execute(args));
    return out.toString().lines().toList();
  }

  @Test
  void callsAFeedNeverFetchedNewNotOk() {
    String fresh = list().get(0);

    assertTrue(fresh.startsWith("new "), fresh);
    assertTrue(fresh.contains("never fetched"), fresh);
    assertFalse(fresh.contains("ok"), fresh);
  }

  @Test
  void showsHowManyFailuresInARowSinceWhenAndTheLastError() {
    String broken = list().get(1);

    assertTrue(broken.startsWith("failing "), broken);
    assertTrue(broken.contains("3 failures since "), broken);
    assertTrue(broken.contains(", retry "), broken);
    assertTrue(broken.contains(", last: HTTP 500"), broken);
  }

  @Test
  void showsAWorkingFeedAsOk() {
    String fine = list().get(2);

    assertTrue(fine.startsWith("ok "), fine);
    assertTrue(fine.contains("Fine Feed"), fine);
  }

  @Test
  void reportsTheFailureStartInJson() {
    String broken = list("--json").get(1);

    assertTrue(broken.contains("\"failing_since\":\"2026-11-27T10:00:00Z\""), broken);
    assertTrue(broken.contains("\"errors\":3"), broken);
  }

  @Test
  void marksAPrivateFeedWithItsUserButNeverThePassword() {
    String members = list().get(3);
    String json = list("--json").get(3);

    assertTrue(members.contains("https://private.example/rss"), members);
    assertTrue(members.contains("as user 'reader', never fetched"), members);
    assertTrue(json.contains("\"user\":\"reader\""), json);
    assertFalse((members + json).contains("s3cret"), members + json);
  }
}
