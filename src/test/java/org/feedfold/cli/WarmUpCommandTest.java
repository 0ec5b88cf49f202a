package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The hidden {@code warm-up} that bin/feedfold records its class-data archive with. */
class WarmUpCommandTest {
  private static List<Path> leftovers() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("feedfold-warm-up-")).toList();
    }
  }

  @Test
  void runsTheCommandsSilentlyAndLeavesNothingBehind() throws Exception {
    List<Path> before = leftovers();
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    assertEquals(0, cli.execute("warm-up"));
    assertEquals("", out.toString());
    assertEquals("", err.toString());
    assertEquals(before, leftovers());
  }

  @Test
  void isHiddenFromHelp() {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.execute("--help");
    assertEquals(false, out.toString().contains("warm-up"), out.toString());
  }
}
