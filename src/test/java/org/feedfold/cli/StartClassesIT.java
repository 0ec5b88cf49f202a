package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command run in a JVM of its own loads what it uses and little else (issue 11, start time): not
 * Logback when nothing logs, not jsoup to print a search. Read from the JVM's own class loading log
 * ({@code -Xlog:class+load}); which command models are built is {@link CommandTreeTest}'s.
 */
class StartClassesIT {
  private static final Pattern LOADED = Pattern.compile("\\] (\\S+) source:");

  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void importFixture() throws Exception {
    data = dir.resolve("data");
    Path file = Path.of(StartClassesIT.class.getResource("/cli/search.jsonl").toURI());
    Started r = start("--data", data.toString(), "import", file.toString());
    assertEquals(0, r.code(), r.output());
  }

  private record Started(int code, String output, List<String> classes) {
    long count(String prefix) {
      return classes.stream().filter(c -> c.startsWith(prefix)).count();
    }
  }

  private static Started start(String... args) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "classes", ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xlog:class+load=info:file=" + log);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dfeedfold.home=" + dir);
    cmd.add("org.feedfold.cli.Main");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "feedfold did not exit");
    List<String> classes = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = LOADED.matcher(line);
      if (m.find()) {
        classes.add(m.group(1));
      }
    }
    return new Started(p.exitValue(), output, classes);
  }

  @Test
  void versionStartsNoLogging() throws Exception {
    Started r = start("--version");
    assertEquals(0, r.code(), r.output());
    assertEquals(0, r.count("ch.qos.logback."), "Logback classes loaded");
  }

  @Test
  void helpOfACommandStartsNoLogging() throws Exception {
    Started r = start("search", "--help");
    assertEquals(0, r.code(), r.output());
    assertEquals(0, r.count("ch.qos.logback."), "Logback classes loaded");
  }

  @Test
  void searchPrintsSnippetsWithoutAnHtmlParser() throws Exception {
    Started r = start("--data", data.toString(), "search", "earthquake");
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains("Earthquake"), r.output());
    assertEquals(0, r.count("org.jsoup."), "jsoup classes loaded to print snippets");
  }

  @Test
  void wholeTreeForRootHelpStillStartsNoLogging() throws Exception {
    Started r = start("--help");
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains("search"), r.output());
    assertEquals(0, r.count("ch.qos.logback."), "Logback classes loaded");
  }
}
