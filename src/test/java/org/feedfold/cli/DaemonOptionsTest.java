package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Daemon options that break a server rule stop start-up before anything is opened. */
class DaemonOptionsTest {
  @TempDir Path dir;

  @Test
  void refusesNonLoopbackBindWithoutTokenAsUsageErrorNamingTheKey() {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    Path data = dir.resolve("data");

    int code = cli.execute("--data", data.toString(), "daemon", "--bind", "0.0.0.0", "--port", "0");

    assertEquals(2, code, err.toString());
    assertTrue(err.toString().contains("http.token"), err.toString());
    assertFalse(Files.exists(data.resolve("index")), "nothing opened");
  }
}
