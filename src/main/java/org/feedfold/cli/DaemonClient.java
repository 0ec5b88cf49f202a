package org.feedfold.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks a running daemon to fetch now over its loopback control path, {@code POST /api/fetch}, and
 * prints its per-feed outcomes as an in-process {@code fetch} does (issue 10). Sends the bearer
 * token when {@code http.token} is set.
 */
final class DaemonClient {
  /** How long the daemon is asked to wait for its fetches: its own cap. */
  private static final Duration WAIT = Duration.ofMinutes(5);

  private final DaemonFile.Running daemon;
  private final String token;

  DaemonClient(DaemonFile.Running daemon, String token) {
    this.daemon = daemon;
    this.token = token;
  }

  /**
   * Fetches {@code only} (or every subscription) through the daemon and prints the report.
   *
   * @return the exit code: 0 if no feed failed, 1 otherwise
   * @throws IOException if the daemon does not answer or refuses
   */
  int fetch(URI only, boolean force, PrintWriter out) throws IOException, InterruptedException {
    StringBuilder query = new StringBuilder("api/fetch?wait=").append(WAIT.toSeconds()).append('s');
    if (only != null) {
      query.append("&feed=").append(URLEncoder.encode(only.toString(), StandardCharsets.UTF_8));
    }
    if (force) {
      query.append("&force=1");
    }
    URI target = daemon.url().resolve(query.toString());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(WAIT.plusSeconds(30))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (!token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IOException(
          "the daemon (pid "
              + daemon.pid()
              + ") holds the index but does not answer at "
              + daemon.url()
              + ": "
              + e.getMessage(),
          e);
    }
    if (response.statusCode() != 200 && response.statusCode() != 202) {
      String body = response.body().lines().findFirst().orElse("").strip();
      throw new IOException(
          "the daemon at " + daemon.url() + " refused: HTTP " + response.statusCode() + " " + body);
    }
    JsonNode json = Json.mapper().readTree(response.body());
    int feeds = 0;
    int failed = 0;
    int skipped = 0;
    for (JsonNode r : json.path("results")) {
      feeds++;
      String outcome = r.path("outcome").asText();
      String error = r.path("error").isTextual() ? r.path("error").asText() : null;
      if (outcome.equals("skipped")) {
        skipped++;
      } else if (error != null) {
        failed++;
      }
      out.println(
          FetchCommand.line(
              r.path("url").asText(),
              outcome,
              r.path("entries").asInt(),
              r.path("added").asInt(),
              r.path("changed").asInt(),
              error));
    }
    for (JsonNode p : json.path("pending")) {
      feeds++;
      failed++;
      out.println("failed        " + p.asText() + "  still being fetched by the daemon");
    }
    out.println(FetchCommand.summary(feeds, failed, skipped));
    out.flush();
    return failed == 0 ? 0 : 1;
  }
}
