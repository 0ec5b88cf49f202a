package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminalTest {
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  @ParameterizedTest(name = "{0} s before now -> {1}")
  @CsvSource({
    "0, just now",
    "59, just now",
    "300, 5 min ago",
    "10800, 3 h ago",
    "172799, 47 h ago",
    "172800, 2 d ago",
    "2592000, 30 d ago",
    "2592001, 2026-10-31",
    "-14400, in 4 h",
  })
  void saysTimesRelativeToNow(long secondsAgo, String expected) {
    assertEquals(expected, Terminal.ago(NOW.minus(Duration.ofSeconds(secondsAgo)), NOW));
  }

  @Test
  void unknownTimeIsADash() {
    assertEquals("-", Terminal.ago(null, NOW));
  }

  @ParameterizedTest(name = "COLUMNS={0} -> {1}")
  @CsvSource({"132, 132", "' 80 ', 80", "wide, 100", "10, 40"})
  void widthComesFromColumnsElseDefault(String columns, int expected) {
    assertEquals(expected, new Terminal(Terminal.width(columns, false), false).width());
  }

  @Test
  void unstyledTerminalWritesNoEscapes() {
    Terminal t = new Terminal(80, false);
    assertEquals("x", t.bold("x"));
    assertEquals("\u001b[1mx\u001b[0m", new Terminal(80, true).bold("x"));
  }
}
