package org.feedfold.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code feedfold} as a child JVM on the test class path, with this checkout as its home (so
 * {@code config/logback.xml} applies), and collects its output (stdout and stderr, merged).
 */
final class Child implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private boolean ended;

  private Child(Process process) {
    this.process = process;
    Thread reader = new Thread(this::drain, "child-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code org.feedfold.cli.Main} with {@code args}. */
  static Child start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("--enable-native-access=ALL-UNNAMED"); // as the jar's manifest says for java -jar
    cmd.add("-XX:TieredStopAtLevel=1"); // short runs: start fast rather than peak fast
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dfeedfold.home=" + Path.of("").toAbsolutePath());
    cmd.add("org.feedfold.cli.Main");
    cmd.addAll(List.of(args));
    return new Child(new ProcessBuilder(cmd).redirectErrorStream(true).start());
  }

  Process process() {
    return process;
  }

  /** Returns everything the child printed so far. */
  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** Waits for a line matching {@code pattern}; fails with the output so far on timeout. */
  Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int next = 0;
    while (System.nanoTime() < deadline) {
      synchronized (lines) {
        for (; next < lines.size(); next++) {
          Matcher m = pattern.matcher(lines.get(next));
          if (m.find()) {
            return m;
          }
        }
        if (ended) {
          break;
        }
        lines.wait(100);
      }
    }
    throw new AssertionError("child never printed " + pattern + "; it said:\n" + output());
  }

  /** Sends SIGTERM, keeping our end of its output open (Process.destroy would close it). */
  void terminate() {
    process.toHandle().destroy();
  }

  /** Sends SIGKILL, keeping our end of its output open. */
  void kill() {
    process.toHandle().destroyForcibly();
  }

  /** Waits for the child to exit; returns its exit code, failing on timeout. */
  int exit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("child still running after " + timeout + ":\n" + output());
    }
    return process.exitValue();
  }

  /** Kills the child with SIGKILL if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void drain() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      synchronized (lines) {
        lines.add("(output reader failed: " + e + ")");
      }
    } finally {
      synchronized (lines) {
        ended = true;
        lines.notifyAll();
      }
    }
  }
}
