package org.feedfold.serve;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code POST /api/fetch}: hands feeds to the daemon's fetcher now (issue 10). Without
 * {@code ?wait=} it answers 202 at once with {@code
 * {"queued":[URL…],"skipped":[{"url","reason"}]}}; with it, it waits up to that long and answers
 * {@code {"results":[{"url","outcome","entries", "added","changed","error"}],"pending":[URL…]}},
 * 200 if every fetch finished and 202 if some are still running.
 *
 * <p>Runs on the request threads. Who may call it (POST, a loopback peer, the bearer token when
 * {@code http.token} is set) is checked before, by {@link RequestHandler}. Thread-safe.
 */
final class ControlRoute {
  static final String PATH = "/api/fetch";
  private static final Logger LOG = LoggerFactory.getLogger(ControlRoute.class);

  private final FetchControl control;

  ControlRoute(FetchControl control) {
    this.control = control;
  }

  Reply answer(RequestTarget target) {
    ControlQuery query;
    try {
      query = ControlQuery.parse(target.rawQuery());
    } catch (FeedQuery.BadQuery e) {
      return Reply.jsonError(400, "bad request: " + e.getMessage());
    }
    List<FetchControl.Queued> queued;
    try {
      queued = control.fetch(query.feed(), query.force());
    } catch (IOException e) {
      LOG.error("cannot queue fetches", e);
      return Reply.jsonError(503, "cannot queue fetches: " + e.getMessage());
    }
    if (queued == null) {
      return Reply.jsonError(404, "this server has no fetcher");
    }
    Map<String, Object> json = new LinkedHashMap<>();
    if (query.waitFor() == null) {
      List<String> urls = new ArrayList<>();
      List<Map<String, Object>> skipped = new ArrayList<>();
      for (FetchControl.Queued q : queued) {
        FetchControl.Outcome o = q.outcome().getNow(null);
        if (o != null && o.outcome().equals("skipped")) {
          skipped.add(Map.of("url", q.url(), "reason", String.valueOf(o.error())));
        } else {
          urls.add(q.url());
        }
      }
      json.put("queued", urls);
      json.put("skipped", skipped);
      return json(202, json);
    }
    boolean done = await(queued, query.waitFor());
    List<Map<String, Object>> results = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    for (FetchControl.Queued q : queued) {
      FetchControl.Outcome o = q.outcome().getNow(null);
      if (o == null) {
        pending.add(q.url());
        continue;
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("url", o.url());
      r.put("outcome", o.outcome());
      r.put("entries", o.entries());
      r.put("added", o.added());
      r.put("changed", o.changed());
      r.put("error", o.error());
      results.add(r);
    }
    json.put("results", results);
    json.put("pending", pending);
    return json(done && pending.isEmpty() ? 200 : 202, json);
  }

  private static boolean await(List<FetchControl.Queued> queued, Duration wait) {
    CompletableFuture<?>[] all =
        queued.stream().map(FetchControl.Queued::outcome).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(all).get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Reply json(int status, Map<String, Object> json) {
    return new Reply(
        status,
        "application/json",
        JsonFeedRenderer.bytes(json),
        Map.of("Cache-Control", "no-store"),
        false);
  }
}
