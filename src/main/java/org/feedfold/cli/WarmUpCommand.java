package org.feedfold.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Runs the everyday commands once on a throw-away index, in one JVM, so that {@code bin/feedfold}
 * can record the classes they load in a class-data sharing archive ({@code
 * -XX:ArchiveClassesAtExit}) and map them from it at every later start. Hidden: a tool of the
 * launcher, not a command for people. Deletes its temporary directory; prints nothing.
 */
@Command(name = "warm-up", hidden = true, description = "Exercise the commands (for bin/feedfold).")
final class WarmUpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  private static final String TEXT =
      "The regional council approved the new tram line on Monday after a debate that lasted"
          + " well into the night. Construction of the eleven kilometre route is to begin in the"
          + " spring, and the first trams are expected to run between the station and the"
          + " university in three years, the transport office said in a statement.";

  @Override
  public Integer call() throws IOException {
    Path dir = Files.createTempDirectory("feedfold-warm-up-");
    try {
      Path file = dir.resolve("a.jsonl");
      Files.writeString(
          file,
          "{\"id\":\"a\",\"url\":\"https://a.example/1\",\"title\":\"Tram line approved\","
              + "\"text\":\""
              + TEXT
              + "\",\"published\":\"2026-11-02T03:04:05Z\",\"source\":\"A\",\"language\":\"en\"}\n"
              + "{\"id\":\"b\",\"url\":\"https://b.example/2\",\"title\":\"Council backs tram\","
              + "\"html\":\"<p>"
              + TEXT
              + "</p>\",\"published\":\"Tue, 03 Nov 2026 10:00:00 GMT\",\"source\":\"B\"}\n",
          StandardCharsets.UTF_8);
      String data = dir.resolve("data").toString();
      List<List<String>> runs =
          List.of(
              List.of("import", file.toString()),
              List.of("search", "tram AND source:a"),
              List.of("search", "--json", "--all", "--sort", "date", "title:tram"),
              List.of("stories"),
              List.of("stories", "--json", "--query", "tram"),
              List.of("stats"),
              List.of("stats", "--json"),
              List.of("export", dir.resolve("out.jsonl").toString()));
      for (List<String> run : runs) {
        String[] args =
            Stream.concat(Stream.of("--data", data, "--color=always"), run.stream())
                .toArray(String[]::new);
        // As main builds it: the classes recorded are those a start of that command loads.
        CommandLine cli = Main.commandLine(args);
        cli.setOut(new PrintWriter(Writer.nullWriter()));
        cli.setErr(new PrintWriter(Writer.nullWriter()));
        cli.execute(args);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    return 0;
  }
}
