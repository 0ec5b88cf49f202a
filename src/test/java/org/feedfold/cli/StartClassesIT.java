package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
    return startOn(System.getProperty("java.class.path"), args);
  }

  /** Runs the real {@code main} in a new JVM on {@code classPath}, logging the classes it loads. */
  private static Started startOn(String classPath, String... args)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "classes", ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xlog:class+load=info:file=" + log);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add("-Dfeedfold.home=" + dir);
    cmd.add(Main.class.getName());
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
  void searchThatLogsNothingStartsNoLogging() throws Exception {
    Started r = start("--data", data.toString(), "search", "earthquake");
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains("Earthquake"), r.output());
    assertEquals(0, r.count("ch.qos.logback."), "Logback classes loaded");
  }

  @Test
  void storiesStoryAndStatsThatLogNothingStartNoLogging() throws Exception {
    Started hit = start("--data", data.toString(), "search", "--json", "earthquake");
    Matcher story = Pattern.compile("\"story\":\"([^\"]+)\"").matcher(hit.output());
    assertTrue(story.find(), hit.output());
    for (List<String> command :
        List.of(List.of("stories"), List.of("story", story.group(1)), List.of("stats"))) {
      List<String> args = new ArrayList<>(List.of("--data", data.toString()));
      args.addAll(command);
      Started r = start(args.toArray(String[]::new));
      assertEquals(0, r.code(), command + ": " + r.output());
      assertEquals(0, r.count("ch.qos.logback."), command + ": Logback classes loaded");
    }
  }

  /**
   * The index's warnings still reach stderr through the CLI's own logging setup (the class path
   * without the tests' {@code logback-test.xml}) once their loggers are looked up only to log.
   */
  @Test
  void warningOfTheIndexStillReachesTheLog() throws Exception {
    Path articles = dir.resolve("window.jsonl");
    List<String> lines = new ArrayList<>();
    // 1,010 articles of one day, then one of the next: the window the last one needs holds them
    // all, over the budget of 1,000.
    for (int i = 0; i <= 1_010; i++) {
      lines.add(
          "{\"id\": \"w-"
              + i
              + "\", \"url\": \"https://w.example/"
              + i
              + "\", \"title\": \"Report "
              + i
              + "\", \"text\": \"Report number "
              + i
              + " of the council on the harbour works, item "
              + i * 7
              + " of the budget, approved on day "
              + i % 5
              + " after a long debate.\", \"published\": \"2024-03-0"
              + (i < 1_010 ? 1 : 2)
              + "T10:00:00Z\"}");
    }
    Files.write(articles, lines, StandardCharsets.UTF_8);
    Path config = dir.resolve("window.properties");
    Files.writeString(config, "cluster.window-articles=1000\n", StandardCharsets.UTF_8);
    String cliClassPath =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> !Path.of(e).endsWith(Path.of("target", "test-classes")))
            .collect(Collectors.joining(File.pathSeparator));
    Started r =
        startOn(
            cliClassPath,
            "--config",
            config.toString(),
            "--data",
            dir.resolve("window-data").toString(),
            "import",
            articles.toString());
    assertEquals(0, r.code(), r.output());
    assertTrue(
        r.output().contains("WARN") && r.output().contains("cluster.window-articles=1000"),
        r.output());
  }

  @Test
  void wholeTreeForRootHelpStillStartsNoLogging() throws Exception {
    Started r = start("--help");
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains("search"), r.output());
    assertEquals(0, r.count("ch.qos.logback."), "Logback classes loaded");
  }
}
