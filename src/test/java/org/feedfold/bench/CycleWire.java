package org.feedfold.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves {@code feeds} RSS feeds and their article pages over loopback for {@link FetchCycleBench},
 * in a process of its own so the bench measures the fetching process alone.
 *
 * <p>Feed {@code i} is {@code http://127.0.0.1:<port i % hosts>/f/i.xml}. One feed in ten ({@code i
 * % 10 == 0}) gains an entry at every {@code bump}: its three newest entries are teasers whose
 * pages ({@code /a/i/k.html}) carry the article; the other feeds never change and carry their three
 * entries in full. Every answer has an ETag and {@code If-None-Match} gets 304.
 *
 * <p>Reads commands on stdin, one a line: {@code bump} (the changing feeds gain an entry), {@code
 * stats} (prints {@code feeds N notmodified N pages N}); end of input stops it. Prints {@code ports
 * P1,P2,...} once listening.
 */
@SuppressForbidden(reason = "a loopback bench wire; the JDK's HTTP server is all it needs")
public final class CycleWire {
  private static final String[] WORDS = words();

  private final int hosts;
  private final AtomicInteger generation = new AtomicInteger();
  private final AtomicLong feedRequests = new AtomicLong();
  private final AtomicLong notModified = new AtomicLong();
  private final AtomicLong pageRequests = new AtomicLong();
  private final List<HttpServer> servers = new ArrayList<>();

  private CycleWire(int hosts) {
    this.hosts = hosts;
  }

  /** Runs the wire: {@code CycleWire HOSTS}. */
  public static void main(String[] args) throws IOException {
    int hosts = Integer.parseInt(args[0]);
    PrintStream out = System.out;
    CycleWire wire = new CycleWire(hosts);
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        new ThreadPoolExecutor(
            8,
            8,
            1,
            TimeUnit.MINUTES,
            new LinkedBlockingQueue<>(),
            r -> new Thread(r, "cycle-wire-" + n.incrementAndGet()));
    StringBuilder ports = new StringBuilder();
    for (int h = 0; h < hosts; h++) {
      HttpServer s =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
      int host = h;
      s.createContext("/", x -> wire.answer(x, host));
      s.setExecutor(pool);
      s.start();
      wire.servers.add(s);
      ports.append(h == 0 ? "" : ",").append(s.getAddress().getPort());
    }
    out.println("ports " + ports);
    out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("bump")) {
        out.println("generation " + wire.generation.incrementAndGet());
      } else if (line.equals("stats")) {
        out.println(
            "feeds "
                + wire.feedRequests.get()
                + " notmodified "
                + wire.notModified.get()
                + " pages "
                + wire.pageRequests.get());
      }
      out.flush();
    }
    wire.servers.forEach(s -> s.stop(0));
    pool.shutdownNow();
  }

  private void answer(HttpExchange x, int host) throws IOException {
    try (x) {
      String path = x.getRequestURI().getPath();
      String[] parts = path.split("/");
      if (parts.length == 3 && parts[1].equals("f") && parts[2].endsWith(".xml")) {
        feed(x, host, Integer.parseInt(parts[2].substring(0, parts[2].length() - 4)));
      } else if (parts.length == 4 && parts[1].equals("a")) {
        pageRequests.incrementAndGet();
        int feed = Integer.parseInt(parts[2]);
        int k = Integer.parseInt(parts[3].substring(0, parts[3].indexOf('.')));
        String html =
            "<!DOCTYPE html><html><head><title>"
                + title(feed, k)
                + "</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>"
                + title(feed, k)
                + "</h1>"
                + paragraphs(feed, k, 5)
                + "</article><footer>Wire</footer></body></html>";
        send(x, 200, "text/html; charset=utf-8", null, html);
      } else {
        send(x, 404, "text/plain", null, "not found");
      }
    }
  }

  private void feed(HttpExchange x, int host, int i) throws IOException {
    feedRequests.incrementAndGet();
    boolean changing = i % 10 == 0;
    int gen = changing ? generation.get() : 0;
    String etag = "\"" + i + "-" + gen + "\"";
    if (etag.equals(x.getRequestHeaders().getFirst("If-None-Match"))) {
      notModified.incrementAndGet();
      x.getResponseHeaders().add("ETag", etag);
      x.sendResponseHeaders(304, -1);
      return;
    }
    int port = servers.get(host).getAddress().getPort();
    StringBuilder rss = new StringBuilder(8192);
    rss.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>")
        .append("<title>Feed ")
        .append(i)
        .append("</title><link>http://127.0.0.1:")
        .append(port)
        .append("/</link><description>bench</description>");
    for (int k = gen + 2; k >= gen; k--) {
      String link = "http://127.0.0.1:" + port + "/a/" + i + "/" + k + ".html";
      rss.append("<item><guid isPermaLink=\"false\">")
          .append(i)
          .append('-')
          .append(k)
          .append("</guid><title>")
          .append(title(i, k))
          .append("</title><link>")
          .append(link)
          .append("</link><pubDate>Mon, 30 Nov 2026 0")
          .append(k % 10)
          .append(":00:00 GMT</pubDate><description>")
          .append(changing ? sentence(new SplittableRandom(i * 1000L + k), 20) : plain(i, k))
          .append("</description></item>");
    }
    rss.append("</channel></rss>");
    send(x, 200, "application/rss+xml", etag, rss.toString());
  }

  private static void send(HttpExchange x, int status, String type, String etag, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", type);
    if (etag != null) {
      x.getResponseHeaders().add("ETag", etag);
    }
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream o = x.getResponseBody()) {
      o.write(bytes);
    }
  }

  private static String title(int feed, int k) {
    return sentence(new SplittableRandom(feed * 7919L + k), 8);
  }

  private static String plain(int feed, int k) {
    SplittableRandom r = new SplittableRandom(feed * 1000L + k);
    StringBuilder b = new StringBuilder();
    for (int p = 0; p < 10; p++) {
      b.append(sentence(r, 25)).append(' ');
    }
    return b.toString();
  }

  private static String paragraphs(int feed, int k, int n) {
    SplittableRandom r = new SplittableRandom(feed * 1000L + k);
    StringBuilder b = new StringBuilder();
    for (int p = 0; p < n; p++) {
      b.append("<p>").append(sentence(r, 30)).append(' ').append(sentence(r, 30)).append("</p>");
    }
    return b.toString();
  }

  private static String sentence(SplittableRandom r, int words) {
    StringBuilder b = new StringBuilder();
    for (int w = 0; w < words; w++) {
      String word = WORDS[r.nextInt(WORDS.length)];
      b.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
      b.append(w == words - 1 ? "." : " ");
    }
    return b.toString();
  }

  private static String[] words() {
    SplittableRandom r = new SplittableRandom(42);
    String letters = "etaoinshrdlucmfwypvbgk";
    String[] w = new String[5000];
    for (int i = 0; i < w.length; i++) {
      StringBuilder b = new StringBuilder();
      int len = 3 + r.nextInt(7);
      for (int c = 0; c < len; c++) {
        b.append(letters.charAt(r.nextInt(letters.length())));
      }
      w[i] = b.toString();
    }
    return w;
  }
}
