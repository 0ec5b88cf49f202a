package org.feedfold.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate spaces requests to one host and holds a host; a recorded sleeper, no waiting. */
class HostGateTest {
  private Instant now = Instant.parse("2026-11-27T10:00:00Z");
  private final List<Duration> slept = new ArrayList<>();
  private final InstantSource clock = () -> now;

  private HostGate gate(int perHost, Duration delay) {
    return new HostGate(
        perHost,
        delay,
        clock,
        d -> {
          slept.add(d);
          now = now.plus(d);
        });
  }

  @Test
  void spacesTheStartsOfRequestsToOneHostByTheDelay() throws InterruptedException {
    HostGate gate = gate(2, Duration.ofSeconds(1));

    for (int i = 0; i < 3; i++) {
      gate.enter("news.example:443", Duration.ofSeconds(5)).close();
    }

    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), slept);
  }

  @Test
  void letsDifferentHostsGoWithoutWaiting() throws InterruptedException {
    HostGate gate = gate(2, Duration.ofSeconds(1));

    gate.enter("a.example:443", Duration.ofSeconds(5)).close();
    gate.enter("b.example:443", Duration.ofSeconds(5)).close();

    assertEquals(List.of(), slept);
  }

  @Test
  void givesNoMoreThanTheLimitOfSlotsToOneHost() throws InterruptedException {
    HostGate gate = gate(2, Duration.ZERO);
    HostGate.Permit first = gate.enter("news.example:443", Duration.ZERO);
    HostGate.Permit second = gate.enter("news.example:443", Duration.ZERO);

    assertNull(gate.enter("news.example:443", Duration.ZERO), "a third waits");

    second.close();
    gate.enter("news.example:443", Duration.ZERO).close();
    first.close();
  }

  @Test
  void holdsAHostForTheGivenTimeThenLetsItGo() {
    HostGate gate = gate(2, Duration.ZERO);

    gate.hold("news.example:443", Duration.ofMinutes(10));

    assertEquals(Duration.ofMinutes(10), gate.heldFor("news.example:443"));
    assertNull(gate.heldFor("other.example:443"));
    now = now.plus(Duration.ofMinutes(10));
    assertNull(gate.heldFor("news.example:443"));
  }

  @Test
  void keysHostsByNameAndEffectivePort() {
    assertEquals("news.example:443", HostGate.host(URI.create("https://NEWS.example/rss")));
    assertEquals("news.example:80", HostGate.host(URI.create("http://news.example/rss")));
    assertEquals("127.0.0.1:8080", HostGate.host(URI.create("http://127.0.0.1:8080/f/1.xml")));
  }

  @Test
  void refusesANegativeDelayNamingTheKey() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> gate(2, Duration.ofSeconds(-1)).toString());
    assertEquals("fetch.host-delay must not be negative: PT-1S", e.getMessage());
  }
}
