package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import picocli.CommandLine;

/**
 * Runs the command line on bad configuration, subscription, logging and input files (fixtures in
 * {@code src/test/resources/cli/bad-files/}, cases in {@code bad-files.csv}) and checks that each
 * is refused with one line naming the file, the line and the key, exit code 2 (1 for {@code parse}
 * and {@code extract}, which go on with their other inputs), and that nothing was changed: the
 * subscription list is byte for byte the same and no index was created.
 */
class BadFilesTest {
  private static final Path FIXTURES = Path.of("src/test/resources/cli/bad-files");

  @TempDir Path dir;
  private byte[] subscriptions;

  private record Run(int code, String out, List<String> err) {}

  /** Copies the fixtures, writing the temporary directory where they say {dir}. */
  @BeforeEach
  void copyFixtures() throws IOException {
    try (Stream<Path> files = Files.walk(FIXTURES)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = dir.resolve(FIXTURES.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.write(to, substitute(Files.readAllBytes(f)));
      }
    }
    Files.writeString(dir.resolve("ok.properties"), config("feeds.opml", "data"));
    Files.writeString(
        dir.resolve("broken-feeds.properties"), config("unclosed-outline.opml", "data"));
    Files.writeString(dir.resolve("missing-feeds.properties"), config("nope.opml", "data"));
    Files.writeString(dir.resolve("data-is-a-file.properties"), config("feeds.opml", "empty.opml"));
    subscriptions = Files.readAllBytes(dir.resolve("feeds.opml"));
  }

  private String config(String feeds, String data) {
    return "feeds.file=" + dir.resolve(feeds) + "\ndata.dir=" + dir.resolve(data) + "\n";
  }

  private byte[] substitute(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.ISO_8859_1);
    return s.replace("{dir}", dir.toString()).getBytes(StandardCharsets.ISO_8859_1);
  }

  private Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    // A daemon that wrongly starts would never return: fail instead of hanging the build.
    int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cli.execute(args));
    return new Run(code, out.toString(), err.toString().lines().toList());
  }

  /**
   * One case per row: the arguments, the exit code, how the message must appear ({@code only}: the
   * whole of stderr; {@code first}: its first line, before a hint; {@code line}: one of several
   * lines, as {@code import} reports every bad line), what may change ({@code nothing}, or {@code
   * index} for an import of a file that exists), and the message.
   */
  @ParameterizedTest(name = "{0} -> {4}")
  @CsvFileSource(
      resources = "/cli/bad-files.csv",
      delimiter = '|',
      quoteCharacter = '`',
      numLinesToSkip = 1)
  void refusesBadFilesWithOneLineNamingFileLineAndKey(
      String args, int exit, String match, String effect, String expected) throws IOException {
    String[] argv = args.strip().replace("{dir}", dir.toString()).split("\\s+");
    String message = expected.strip().replace("{dir}", dir.toString());

    Run r = run(argv);

    assertEquals(exit, r.code(), String.join("\n", r.err()));
    switch (match.strip()) {
      case "only" -> assertEquals(List.of(message), r.err());
      case "first" -> assertEquals(message, r.err().isEmpty() ? "" : r.err().get(0));
      case "line" -> assertTrue(r.err().contains(message), String.join("\n", r.err()));
      default -> throw new IllegalArgumentException("match: " + match);
    }
    for (String line : r.err()) {
      assertFalse(line.matches(".*\\b(org|com|java|javax)\\.[a-z]+\\.\\S*.*"), line);
    }
    assertArrayEquals(
        subscriptions,
        Files.readAllBytes(dir.resolve("feeds.opml")),
        "the subscription list is unchanged");
    if (effect.strip().equals("nothing")) {
      assertFalse(Files.exists(dir.resolve("data/index")), "no index was created");
    }
  }

  @Test
  void aTakenPortStopsTheDaemonNamingTheAddressAndTheSettings() throws IOException {
    Path home = Files.createDirectories(dir.resolve("plain-home"));
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Run r =
          withHome(
              home,
              () ->
                  run(
                      "--config",
                      dir.resolve("ok.properties").toString(),
                      "daemon",
                      "--port",
                      Integer.toString(port)));
      assertEquals(1, r.code(), String.join("\n", r.err()));
      assertEquals(
          List.of(
              "feedfold daemon: cannot listen on 127.0.0.1:"
                  + port
                  + " (http.bind and http.port, or --bind and --port): address already in use"),
          r.err());
    }
  }

  private static Run withHome(Path home, Supplier<Run> action) {
    String before = System.getProperty("feedfold.home");
    System.setProperty("feedfold.home", home.toString());
    try {
      return action.get();
    } finally {
      if (before == null) {
        System.clearProperty("feedfold.home");
      } else {
        System.setProperty("feedfold.home", before);
      }
    }
  }

  @Test
  void aBrokenLoggingSetupStopsTheDaemonBeforeItStarts() throws IOException {
    String before = System.getProperty("feedfold.home");
    System.setProperty("feedfold.home", dir.resolve("home").toString());
    try {
      Run r = run("--config", dir.resolve("ok.properties").toString(), "daemon", "--port", "0");
      assertEquals(2, r.code(), String.join("\n", r.err()));
      assertEquals(
          List.of(
              "feedfold daemon: "
                  + dir.resolve("home/config/logback.xml")
                  + ":10:3: invalid logging configuration: The element type \"appender\" must be"
                  + " terminated by the matching end-tag \"</appender>\""),
          r.err());
      assertFalse(Files.exists(dir.resolve("data/index")), "no index was created");
    } finally {
      if (before == null) {
        System.clearProperty("feedfold.home");
      } else {
        System.setProperty("feedfold.home", before);
      }
    }
  }
}
