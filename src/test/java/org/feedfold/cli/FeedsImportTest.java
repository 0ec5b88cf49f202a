package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code feeds import} says why the feeds it did not add were skipped. */
class FeedsImportTest {
  private static final Path FIXTURES = Path.of("src/test/resources/config/roundtrip");

  @TempDir Path dir;

  @Test
  void namesTheFeedsItSkippedAndWhy() throws Exception {
    Path opml = dir.resolve("feeds.opml");
    Files.copy(FIXTURES.resolve("mine.opml"), opml);
    Path config = dir.resolve("feedfold.properties");
    Files.writeString(config, "data.dir=" + dir.resolve("data") + "\nfeeds.file=" + opml + "\n");
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    int code =
        cli.execute(
            "--config",
            config.toString(),
            "feeds",
            "import",
            FIXTURES.resolve("import.opml").toString());

    assertEquals(0, code, err.toString());
    assertEquals(
        "imported 3 of 5 feeds: 1 already subscribed (https://wire-a.example/feed.xml),"
            + " 1 listed twice in the file (https://f.example/feed)",
        out.toString().strip());
  }
}
