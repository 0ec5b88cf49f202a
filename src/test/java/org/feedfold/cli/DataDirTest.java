package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Commands that write the index refuse a data directory they cannot write, naming it. Tests run as
 * root, who may write any directory, so the unwritable one lies under a regular file.
 */
class DataDirTest {
  @TempDir Path dir;

  private String run(int expected, String... args) {
    CommandLine cli = CommandTree.whole();
    cli.setExecutionExceptionHandler(Main.commandLine().getExecutionExceptionHandler());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    assertEquals(expected, cli.execute(args), out + "\n" + err);
    return err.toString();
  }

  @Test
  void importRefusesADataDirectoryItCannotWriteAndNamesIt() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    Path data = file.resolve("data");
    Path jsonl = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"a\",\"text\":\"t\"}\n");
    String err = run(2, "--data", data.toString(), "import", jsonl.toString());
    assertTrue(
        err.contains("data directory " + data + " (data.dir or --data): not writable"),
        "clear message: " + err);
    assertEquals(1, err.strip().lines().count(), err);
    assertFalse(err.contains("Exception"), err);
  }
}
