package org.feedfold.serve;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a WebSub hub (W3C WebSub, §"Publishing") that the feeds changed: when the index generation
 * has moved since the last look, it POSTs {@code hub.mode=publish&hub.url=TOPIC} for each feed URL,
 * and the hub fetches the feeds and pushes them to subscribers. {@link FeedServer} looks every
 * {@link #EVERY}, so a hub hears of a change within that time and at most once per look, however
 * many commits there were. A hub that fails is logged at WARN once until it answers again, and
 * asked again at the next change; each request has a {@link #TIMEOUT}. Not thread-safe: one
 * scheduler thread calls it.
 */
final class WebSubPinger {
  private static final Logger LOG = LoggerFactory.getLogger(WebSubPinger.class);
  static final Duration EVERY = Duration.ofSeconds(30);
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI hub;
  private final LongSupplier generation;
  private final Supplier<List<URI>> topics;
  private final HttpClient client;
  private final BooleanSupplier mayPing;
  private long last;
  private boolean failing;

  WebSubPinger(URI hub, LongSupplier generation, Supplier<List<URI>> topics, HttpClient client) {
    this(hub, generation, topics, client, () -> true);
  }

  /**
   * Creates a pinger that pings only while {@code mayPing} says so (the group's leader, when
   * several daemons serve one shared store): a change seen meanwhile is pinged once it does.
   */
  WebSubPinger(
      URI hub,
      LongSupplier generation,
      Supplier<List<URI>> topics,
      HttpClient client,
      BooleanSupplier mayPing) {
    this.mayPing = mayPing;
    this.hub = hub;
    this.generation = generation;
    this.topics = topics;
    this.client = client;
    this.last = generation.getAsLong();
  }

  /** Pings the hub when the generation moved since the last look; returns whether it did. */
  boolean checkOnce() {
    if (!mayPing.getAsBoolean()) {
      return false;
    }
    long now = generation.getAsLong();
    if (now < 0 || now == last) {
      return false;
    }
    last = now;
    for (URI topic : topics.get()) {
      publish(topic);
    }
    return true;
  }

  /** Runs {@link #checkOnce()}, keeping the schedule alive whatever happens. */
  void checkSafely() {
    try {
      checkOnce();
    } catch (RuntimeException e) {
      LOG.warn("WebSub ping failed", e);
    }
  }

  private void publish(URI topic) {
    String form =
        "hub.mode=publish&hub.url=" + URLEncoder.encode(topic.toString(), StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(hub)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    String problem;
    try {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      problem = status / 100 == 2 ? null : "HTTP " + status;
    } catch (IOException e) {
      problem = e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (problem == null) {
      if (failing) {
        LOG.info("WebSub hub {} answers again", hub);
      }
      failing = false;
    } else if (!failing) {
      failing = true;
      LOG.warn("WebSub hub {} refused the ping for {}: {}", hub, topic, problem);
    } else {
      LOG.debug("WebSub hub {} refused the ping for {}: {}", hub, topic, problem);
    }
  }
}
