package org.feedfold.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.feedfold.parse.FeedParser;
import org.feedfold.parse.FeedSource;

/**
 * Measures feed parsing throughput of Feedfold's parser against plain Rome 2.1.0 on the same bytes,
 * single-threaded (so the numbers are per core). Feeds are generated from the Wikinews sample
 * corpus (CC BY 2.5): many ~30 KB RSS 2.0 news feeds with HTML descriptions, and one large
 * full-content feed with {@code content:encoded}.
 *
 * <p>Run from the project root (throughput is per CPU-second of the benchmark thread, so other load
 * on a shared machine skews it less; the wall-clock rate is printed too):
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/test-cp.txt) \
 *     org.feedfold.bench.ParseBenchmark ../shared/corpus/wikinews/articles.jsonl 5 [feedfold|rome]
 * </pre>
 */
public final class ParseBenchmark {
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

  private ParseBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus/wikinews/articles.jsonl");
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
    List<JsonNode> articles = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        articles.add(json.readTree(line));
      }
    }
    List<byte[]> small = smallFeeds(articles, 30_000);
    byte[] large = feed(articles, 0, articles.size(), true);
    PrintStream out = System.out;
    out.printf(
        Locale.ROOT,
        "corpus: %d articles; %d small feeds, mean %.1f KB; large feed %.2f MB; JDK %s%n",
        articles.size(),
        small.size(),
        small.stream().mapToInt(b -> b.length).average().orElse(0) / 1024,
        large.length / 1048576.0,
        System.getProperty("java.version"));
    FeedParser ours = new FeedParser();
    Parser feedfold =
        b ->
            ours.parse(b, FeedSource.of(URI.create("https://news.example/feed"), null))
                .entries()
                .size();
    Parser rome =
        b -> {
          SyndFeed f = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(b)));
          return f.getEntries().size();
        };
    String only = args.length > 2 ? args[2] : "both";
    for (String name : List.of("feedfold", "rome")) {
      if (!only.equals("both") && !only.equals(name)) {
        continue;
      }
      Parser p = name.equals("feedfold") ? feedfold : rome;
      run(out, name + " small", p, small, seconds);
      Result s = run(null, name + " small", p, small, seconds);
      out.printf(
          Locale.ROOT,
          "%-16s %8.0f feeds/s  %7.1f MB/s per CPU-second  (wall clock: %8.0f feeds/s)%n",
          name + " small",
          s.perSecond(),
          s.mbPerSecond(),
          s.wallPerSecond());
      run(null, name + " large", p, List.of(large), seconds);
      Result l = run(null, name + " large", p, List.of(large), seconds);
      out.printf(
          Locale.ROOT,
          "%-16s %8.1f feeds/s  %7.1f MB/s per CPU-second  (wall clock: %8.1f feeds/s)%n",
          name + " large",
          l.perSecond(),
          l.mbPerSecond(),
          l.wallPerSecond());
    }
  }

  @FunctionalInterface
  private interface Parser {
    int parse(byte[] body) throws Exception;
  }

  /** Throughput per CPU second of this thread, so other load on a shared machine matters less. */
  private record Result(long feeds, long bytes, long cpuNanos, long wallNanos) {
    double perSecond() {
      return feeds * 1e9 / cpuNanos;
    }

    double mbPerSecond() {
      return bytes * 1e9 / cpuNanos / 1048576.0;
    }

    double wallPerSecond() {
      return feeds * 1e9 / wallNanos;
    }
  }

  private static Result run(
      PrintStream out, String name, Parser p, List<byte[]> feeds, double seconds) throws Exception {
    long budget = (long) (seconds * 1e9);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long n = 0;
    long bytes = 0;
    long sink = 0;
    // The budget is CPU time of this thread, so warm-up and measurement get the same work done
    // however busy the shared machine is.
    while (threads.getCurrentThreadCpuTime() - cpuStart < budget) {
      for (byte[] f : feeds) {
        sink += p.parse(f);
        n++;
        bytes += f.length;
      }
    }
    long elapsed = System.nanoTime() - start;
    long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
    if (sink < 0) {
      throw new IllegalStateException(name);
    }
    return new Result(n, bytes, cpu, elapsed);
  }

  private static List<byte[]> smallFeeds(List<JsonNode> articles, int targetBytes) {
    List<byte[]> feeds = new ArrayList<>();
    int i = 0;
    while (i < articles.size()) {
      int j = i;
      int size = 600;
      while (j < articles.size() && size < targetBytes) {
        size += Math.min(articles.get(j).get("text").asText().length(), 2200) + 450;
        j++;
      }
      feeds.add(feed(articles, i, j, false));
      i = j;
    }
    return feeds;
  }

  private static byte[] feed(List<JsonNode> articles, int from, int to, boolean fullContent) {
    StringBuilder sb = new StringBuilder();
    sb.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .append("<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"")
        .append(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n")
        .append("<title>Wikinews sample</title><link>https://en.wikinews.org/</link>\n")
        .append("<description>Articles from Wikinews, CC BY 2.5</description>\n");
    for (int k = from; k < to; k++) {
      JsonNode a = articles.get(k);
      String text = a.get("text").asText();
      String date =
          LocalDate.parse(a.get("published").asText())
              .atTime(k % 24, k % 60)
              .atOffset(ZoneOffset.UTC)
              .format(RFC_1123);
      String[] paragraphs = text.split("\n\n");
      StringBuilder html = new StringBuilder();
      int limit = fullContent ? Integer.MAX_VALUE : 2200;
      for (String para : paragraphs) {
        if (html.length() > limit) {
          break;
        }
        html.append("<p>").append(para).append("</p>");
      }
      sb.append("<item>\n<title>")
          .append(escape(a.get("title").asText()))
          .append("</title>\n")
          .append("<link>")
          .append(escape(a.get("url").asText()))
          .append("</link>\n")
          .append("<guid isPermaLink=\"false\">")
          .append(a.get("id").asText())
          .append("</guid>\n")
          .append("<pubDate>")
          .append(date)
          .append("</pubDate>\n")
          .append("<dc:creator>Wikinews</dc:creator><category>News</category>\n");
      if (fullContent) {
        sb.append("<description>")
            .append(escape(paragraphs[0]))
            .append("</description>\n")
            .append("<content:encoded><![CDATA[")
            .append(html)
            .append("]]></content:encoded>\n");
      } else {
        sb.append("<description>").append(escape(html.toString())).append("</description>\n");
      }
      sb.append("</item>\n");
    }
    sb.append("</channel>\n</rss>\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
