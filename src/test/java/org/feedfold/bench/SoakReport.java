package org.feedfold.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Summarises a {@link Soak} run as markdown and decides whether heap, threads and descriptors
 * stayed flat.
 *
 * <p>Flat means: the largest value in the last sixth of the run is at most the largest value in the
 * sixth after warm-up (the second sixth) plus a tolerance: heap +30% + 32 MiB (the index and the
 * fingerprint window still grow with the articles), threads +8, descriptors +20% + 16 (Lucene opens
 * and merges segment files).
 */
record SoakReport(
    List<Soak.Sample> samples,
    List<Soak.Fetch> fetches,
    Map<String, Integer> polls,
    Soak.Options options,
    String started,
    String ended,
    boolean aliveAtEnd,
    int exitCode,
    long stopMillis,
    String wire) {

  static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  private double sixth() {
    return options.length().toSeconds() / 6.0;
  }

  private List<Soak.Sample> window(double from, double to) {
    return samples.stream().filter(s -> s.at() >= from && s.at() < to).toList();
  }

  private static long max(List<Soak.Sample> s, ToLongFunction<Soak.Sample> f) {
    return s.stream().mapToLong(f).max().orElse(-1);
  }

  /** Returns the metrics that grew beyond their tolerance, empty if all stayed flat. */
  List<String> growth() {
    List<String> grew = new ArrayList<>();
    double sixth = sixth();
    List<Soak.Sample> base = window(sixth, 2 * sixth);
    List<Soak.Sample> last = window(options.length().toSeconds() - sixth, Double.MAX_VALUE);
    if (base.isEmpty() || last.isEmpty()) {
      grew.add("too few samples to judge");
      return grew;
    }
    check(
        grew,
        "heap",
        max(base, Soak.Sample::heapUsedKib),
        max(last, Soak.Sample::heapUsedKib),
        1.3,
        32 * 1024);
    check(
        grew, "threads", max(base, Soak.Sample::threads), max(last, Soak.Sample::threads), 1.0, 8);
    check(grew, "fds", max(base, Soak.Sample::fds), max(last, Soak.Sample::fds), 1.2, 16);
    return grew;
  }

  private static void check(
      List<String> grew, String name, long base, long last, double factor, long plus) {
    long limit = (long) (base * factor) + plus;
    if (last > limit) {
      grew.add(name + " grew from " + base + " to " + last + " (limit " + limit + ")");
    }
  }

  boolean flat() {
    return growth().isEmpty();
  }

  String markdown() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Soak: %d feeds (%d entries each, a new one every %d-%d s), %s, poll interval %ds,"
                + " cluster.window-articles=%d, daemon -Xmx%s; %s to %s%n%n",
            options.feeds(),
            options.entries(),
            options.period().toSeconds(),
            options.period().toSeconds() * 5 / 2,
            human(options.length()),
            options.interval().toSeconds(),
            options.window(),
            options.heap(),
            started,
            ended));
    b.append("| metric | start | end | max | after warm-up (max) | last sixth (max) |\n");
    b.append("|---|---|---|---|---|---|\n");
    row(b, "heap used after GC (MiB)", Soak.Sample::heapUsedKib, 1024);
    row(b, "resident set (MiB)", Soak.Sample::rssKib, 1024);
    row(b, "threads", Soak.Sample::threads, 1);
    row(b, "open file descriptors", Soak.Sample::fds, 1);
    row(b, "articles", Soak.Sample::articles, 1);
    row(b, "stories", Soak.Sample::stories, 1);
    row(b, "/healthz (ms)", Soak.Sample::healthzMs, 1);
    row(b, "/feed.atom (ms)", Soak.Sample::feedMs, 1);
    double minutes5 = Math.min(300, options.length().toSeconds() / 3.0);
    double end = options.length().toSeconds();
    List<Long> first = millis(0, minutes5);
    List<Long> last = millis(end - minutes5, Double.MAX_VALUE);
    List<Long> firstOk = millisOk(0, minutes5);
    List<Long> lastOk = millisOk(end - minutes5, Double.MAX_VALUE);
    b.append(
        String.format(
            Locale.ROOT,
            "%nFetch time per feed (fetch, parse, extract, index, commit), from the daemon's log:%n%n"
                + "| window | fetches | p50 ms | p99 ms | ok fetches | ok p50 ms | ok p99 ms |%n"
                + "|---|---|---|---|---|---|---|%n"
                + "| first %s | %d | %d | %d | %d | %d | %d |%n"
                + "| last %s | %d | %d | %d | %d | %d | %d |%n",
            human(Duration.ofSeconds((long) minutes5)),
            first.size(),
            percentile(first, 50),
            percentile(first, 99),
            firstOk.size(),
            percentile(firstOk, 50),
            percentile(firstOk, 99),
            human(Duration.ofSeconds((long) minutes5)),
            last.size(),
            percentile(last, 50),
            percentile(last, 99),
            lastOk.size(),
            percentile(lastOk, 50),
            percentile(lastOk, 99)));
    Map<String, Integer> outcomes = new TreeMap<>();
    fetches.forEach(f -> outcomes.merge(f.outcome(), 1, Integer::sum));
    List<Integer> perFeed = polls.values().stream().sorted().toList();
    b.append(
        String.format(
            Locale.ROOT,
            "%nFetches: %d (%s); feeds polled: %d of %d, polls per feed min %d / median %d / max"
                + " %d.%nWire: %s.%n",
            fetches.size(),
            outcomes,
            perFeed.size(),
            options.feeds(),
            perFeed.isEmpty() ? 0 : perFeed.get(0),
            perFeed.isEmpty() ? 0 : perFeed.get(perFeed.size() / 2),
            perFeed.isEmpty() ? 0 : perFeed.get(perFeed.size() - 1),
            wire));
    b.append(
        String.format(
            Locale.ROOT,
            "Daemon alive at the end: %s; SIGTERM to exit: %d ms, exit code %d.%n",
            aliveAtEnd ? "yes" : "NO",
            stopMillis,
            exitCode));
    long statsFailed = samples.stream().filter(s -> s.articles() < 0).count();
    b.append(
        String.format(
            Locale.ROOT,
            "'feedfold stats' (read-only, while the daemon writes) failed in %d of %d samples%s.%n",
            statsFailed,
            samples.size(),
            statsFailed == 0 ? "" : " (see stats-errors.log)"));
    List<String> grew = growth();
    b.append(grew.isEmpty() ? "Verdict: heap, threads and fds flat.\n" : "Verdict: " + grew + "\n");
    return b.toString();
  }

  private List<Long> millis(double from, double to) {
    return fetches.stream()
        .filter(f -> f.at() >= from && f.at() < to)
        .map(Soak.Fetch::millis)
        .sorted()
        .toList();
  }

  private List<Long> millisOk(double from, double to) {
    return fetches.stream()
        .filter(f -> f.at() >= from && f.at() < to && Soak.isOk(f.outcome()))
        .map(Soak.Fetch::millis)
        .sorted()
        .toList();
  }

  private void row(StringBuilder b, String name, ToLongFunction<Soak.Sample> f, long div) {
    double sixth = sixth();
    b.append(
        String.format(
            Locale.ROOT,
            "| %s | %d | %d | %d | %d | %d |%n",
            name,
            f.applyAsLong(samples.get(0)) / div,
            f.applyAsLong(samples.get(samples.size() - 1)) / div,
            max(samples, f) / div,
            max(window(sixth, 2 * sixth), f) / div,
            max(window(options.length().toSeconds() - sixth, Double.MAX_VALUE), f) / div));
  }

  private static String human(Duration d) {
    return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
  }
}
