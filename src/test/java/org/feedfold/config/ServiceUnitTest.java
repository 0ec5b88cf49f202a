package org.feedfold.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks {@code config/feedfold.service}: with {@code systemd-analyze} where it is installed
 * (skipped elsewhere), and for the sandbox settings README.md promises everywhere.
 */
class ServiceUnitTest {
  private static final Path UNIT = Path.of("config/feedfold.service");

  private record Result(int code, String output) {}

  private static Result run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
    return new Result(p.exitValue(), out);
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(File.pathSeparator))
            .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
  }

  @Test
  void passesSystemdAnalyzeVerify() throws Exception {
    assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed");
    Result r = run("systemd-analyze", "verify", UNIT.toString());
    assertEquals(0, r.code(), r.output());
    assertEquals("", r.output().strip(), "no warnings");
  }

  @Test
  void exposureStaysLowInSystemdAnalyzeSecurity() throws Exception {
    assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed");
    Result r =
        run("systemd-analyze", "security", "--offline=true", "--threshold=20", UNIT.toString());
    assumeTrue(
        !r.output().contains("unrecognized option"),
        "this systemd-analyze cannot analyse a unit file offline (needs systemd 250)");
    assertEquals(0, r.code(), "exposure above 2.0 (threshold 20 of 100):\n" + r.output());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DynamicUser=yes",
        "StateDirectory=feedfold",
        "ReadWritePaths=/var/lib/feedfold",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ProtectHome=yes",
        "PrivateTmp=yes",
        "PrivateDevices=yes",
        "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
        "Restart=on-failure",
        "RestartPreventExitStatus=2",
        "SuccessExitStatus=143",
        "TimeoutStopSec=75s",
        "-Dlogback.configurationFile=/opt/feedfold/config/logback-journal.xml \\"
      })
  void keepsTheSandboxAndRestartSettings(String line) throws IOException {
    List<String> lines = Files.readAllLines(UNIT).stream().map(String::strip).toList();
    assertTrue(lines.contains(line), line);
  }
}
