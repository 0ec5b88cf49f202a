package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command whose ZooKeeper cannot be reached says so in a few lines that name the address, without
 * the ZooKeeper client's warning and stack trace per reconnect attempt: run as users run it, the
 * packaged jar in a JVM of its own (whose logging is {@link CliLogConfigurator}'s, not the tests'
 * {@code logback-test.xml}).
 */
class UnreachableZooKeeperIT {
  private static final Path JAR = Path.of("target/feedfold.jar");

  @TempDir Path home;

  private record Ran(int code, String out, String err) {}

  private Ran run(String... args) throws IOException, InterruptedException {
    assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Dfeedfold.home=" + home);
    cmd.add("-jar");
    cmd.add(JAR.toAbsolutePath().toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(home.toFile()).start();
    CompletableFuture<String> out =
        CompletableFuture.supplyAsync(() -> drain(p.getInputStream()::readAllBytes));
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "feedfold did not exit");
    return new Ran(p.exitValue(), out.join(), err);
  }

  private static String drain(ThrowingBytes bytes) {
    try {
      return new String(bytes.get(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @FunctionalInterface
  private interface ThrowingBytes {
    byte[] get() throws IOException;
  }

  /** Returns a loopback port nothing listens on (bound, then closed). */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void solrInitAgainstAClosedPortPrintsAShortErrorNamingTheAddress() throws Exception {
    String zk = "127.0.0.1:" + closedPort();

    Ran r = run("solr", "init", "--zk", zk);

    assertEquals(1, r.code(), r.err());
    List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    assertTrue(lines.size() <= 3, "a few lines, not a log of retries:\n" + r.err());
    assertTrue(r.err().contains(zk), "names the ZooKeeper address:\n" + r.err());
    assertTrue(!r.err().contains("\tat "), "no stack trace:\n" + r.err());
  }

  @Test
  void feedsListAgainstAClosedPortPrintsAShortErrorNamingTheAddress() throws Exception {
    String zk = "127.0.0.1:" + closedPort();

    Ran r = run("feeds", "list", "--zk", zk);

    assertEquals(1, r.code(), r.err());
    List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    assertTrue(lines.size() <= 3, "a few lines, not a log of retries:\n" + r.err());
    assertTrue(r.err().contains(zk), "names the ZooKeeper address:\n" + r.err());
    assertTrue(!r.err().contains("\tat "), "no stack trace:\n" + r.err());
    assertTrue(r.err().contains("(--zk)"), "names the option the address came from:\n" + r.err());
    assertTrue(
        !r.err().contains("cluster.zk-hosts"), "not a key the user did not set:\n" + r.err());
  }
}
