package org.feedfold.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.feedfold.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A real daemon of a cluster (its own JVM, {@code cluster.zk-hosts} set) seeds the cluster's empty
 * list from its file, and fetches a feed that {@code feeds add --zk} adds while it runs, without a
 * restart (issue 13).
 */
class ClusterFeedsIT {
  @TempDir Path dir;

  @Test
  void aDaemonSeedsTheListAndFetchesAFeedAddedWhileItRuns() throws Exception {
    try (TestingServer zk =
            new TestingServer(
                new InstanceSpec(dir.resolve("zk").toFile(), -1, -1, -1, true, -1, 500, -1), true);
        Wire wire = new Wire(2, 5)) {
      wire.publish(0);
      wire.publish(1);
      Path opml =
          Files.writeString(
              dir.resolve("feeds.opml"),
              "<opml version=\"2.0\"><head/><body><outline text=\"Feed 0\" xmlUrl=\""
                  + wire.feed(0)
                  + "\"/></body></opml>");
      Path config =
          Files.writeString(
              dir.resolve("feedfold.properties"),
              String.join(
                  "\n",
                  "data.dir=" + dir.resolve("data"),
                  "feeds.file=" + opml,
                  "fetch.interval=1s",
                  "fetch.min-interval=1s",
                  "fetch.host-delay=0",
                  "extract.enabled=false",
                  "cluster.zk-hosts=" + zk.getConnectString(),
                  "cluster.name=it",
                  "cluster.member-id=d1",
                  "cluster.session-timeout=8s",
                  ""));
      try (Child daemon = Child.start("--config", config.toString(), "daemon", "--port", "0")) {
        daemon.await(Pattern.compile("seeded the subscription list .* with 1 feeds"), WAIT);
        daemon.await(
            Pattern.compile("feed " + Pattern.quote(wire.feed(0).toString()) + ": fetched"), WAIT);

        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int code =
            cli.execute(
                "--config",
                config.toString(),
                "feeds",
                "add",
                "--zk",
                zk.getConnectString(),
                wire.feed(1).toString());
        assertEquals(0, code, out.toString());

        daemon.await(
            Pattern.compile("feed " + Pattern.quote(wire.feed(1).toString()) + ": fetched"), WAIT);
        daemon.terminate();
        daemon.await(Pattern.compile("left the fetch group it"), WAIT);
      }
    }
  }

  private static final Duration WAIT = Duration.ofSeconds(90);
}
