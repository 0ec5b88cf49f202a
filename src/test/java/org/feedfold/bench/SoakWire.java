package org.feedfold.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves many simulated news feeds and their article pages over loopback HTTP/1.1, with faults, for
 * {@link Soak}.
 *
 * <p>Feed {@code i} lives at {@code http://127.0.0.1:<port i % ports>/f/i.xml} (one port per
 * simulated host, so the fetcher's per-host limits apply as they would across sites). It shows its
 * newest entries and gains one every {@code period} or a little more; groups of five feeds carry
 * the same stories, lightly edited, so they fold together. Even feeds carry the full text, odd
 * feeds a teaser whose page is served at {@code /a/i/k.html}. Answers carry an ETag and {@code
 * Last-Modified} and honour {@code If-None-Match} with 304.
 *
 * <p>Faults: every feed on a host answers 500, 502 or 503 for one minute in ten (the hosts take
 * turns); one feed in ten is flaky and half of its requests get a random {@link Fault}; one feed in
 * fifty is always truncated; one teaser feed in ten serves its pages with a wrong content type or
 * resets. A hand-written server (not {@code com.sun.net.httpserver}) because resets and unanswered
 * requests need the socket.
 *
 * <p>Thread-safe; connections run on a bounded pool of named threads and are closed after 15 s
 * idle.
 */
final class SoakWire implements AutoCloseable {
  /** What a faulty answer does. */
  enum Fault {
    NONE,
    NO_ANSWER,
    SLOW,
    RESET,
    TRUNCATED,
    GARBAGE,
    HTML_PAGE,
    WRONG_TYPE,
    SERVER_ERROR
  }

  private static final String[] WORDS = words();
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final int feeds;
  private final int entriesShown;
  private final long periodSeconds;
  private final InstantSource clock;
  private final Instant start;
  private final Duration noAnswerHold;
  private final Duration slowDelay;
  private final List<ServerSocket> sockets = new ArrayList<>();
  private final ThreadPoolExecutor pool;
  private final AtomicLong requests = new AtomicLong();
  private final Map<Fault, AtomicLong> faults = new EnumMap<>(Fault.class);
  private final AtomicLong notModified = new AtomicLong();
  private final AtomicLong pages = new AtomicLong();
  private volatile boolean closed;

  /**
   * Starts listening on {@code ports} loopback ports.
   *
   * @param entriesShown entries in each feed document
   * @param period how often the feeds of the quickest group gain an entry; the slowest take 2.5
   *     times as long
   * @param noAnswerHold how long an unanswered request is held open (the client normally gives up
   *     first, at its read timeout)
   * @param slowDelay how long a slow answer waits before its first byte
   */
  SoakWire(
      int feeds,
      int entriesShown,
      Duration period,
      int ports,
      InstantSource clock,
      Duration noAnswerHold,
      Duration slowDelay)
      throws IOException {
    this.feeds = feeds;
    this.entriesShown = entriesShown;
    this.periodSeconds = period.toSeconds();
    this.clock = clock;
    this.start = clock.instant();
    this.noAnswerHold = noAnswerHold;
    this.slowDelay = slowDelay;
    for (Fault f : Fault.values()) {
      faults.put(f, new AtomicLong());
    }
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            0,
            512,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "soak-wire-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    for (int p = 0; p < ports; p++) {
      ServerSocket s = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
      sockets.add(s);
      int host = p;
      Thread acceptor = new Thread(() -> accept(s, host), "soak-accept-" + p);
      acceptor.setDaemon(true);
      acceptor.start();
    }
  }

  /** Returns the URL of every feed, in order. */
  List<URI> feedUrls() {
    List<URI> urls = new ArrayList<>(feeds);
    for (int i = 0; i < feeds; i++) {
      urls.add(URI.create(base(i) + "/f/" + i + ".xml"));
    }
    return urls;
  }

  /** Returns "requests=…, not-modified=…, pages=…, fault counts" for the report. */
  String counts() {
    StringBuilder b =
        new StringBuilder("requests=")
            .append(requests.get())
            .append(" not-modified=")
            .append(notModified.get())
            .append(" pages=")
            .append(pages.get());
    faults.forEach(
        (f, c) -> {
          if (f != Fault.NONE) {
            b.append(' ').append(f.name().toLowerCase(Locale.ROOT)).append('=').append(c.get());
          }
        });
    return b.toString();
  }

  private String base(int feed) {
    return "http://127.0.0.1:" + sockets.get(feed % sockets.size()).getLocalPort();
  }

  private void accept(ServerSocket server, int host) {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return;
      }
      try {
        pool.execute(() -> serve(socket, host));
      } catch (RejectedExecutionException e) {
        closeQuietly(socket);
      }
    }
  }

  private void serve(Socket socket, int host) {
    try (socket) {
      socket.setSoTimeout(15_000);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (!closed) {
        Request req = Request.read(in);
        if (req == null) {
          return;
        }
        requests.incrementAndGet();
        if (!answer(req, host, socket, out)) {
          return;
        }
      }
    } catch (SocketTimeoutException | SocketException e) {
      // idle keep-alive connection, or the client gave up: nothing to do
    } catch (IOException e) {
      // the client went away mid-answer
    }
  }

  /** Answers one request; returns false when the connection must end. */
  private boolean answer(Request req, int host, Socket socket, OutputStream out)
      throws IOException {
    String[] parts = req.path.split("/");
    Instant now = clock.instant();
    long minute = Duration.between(start, now).toMinutes();
    try {
      if (parts.length == 3 && parts[1].equals("f") && parts[2].endsWith(".xml")) {
        int feed = Integer.parseInt(parts[2].substring(0, parts[2].length() - 4));
        if (feed < 0 || feed >= feeds) {
          return send(out, 404, "text/plain", "no such feed\n", null, null);
        }
        Fault fault = feedFault(feed, host, minute);
        faults.get(fault).incrementAndGet();
        return feedAnswer(feed, fault, req, now, socket, out);
      }
      if (parts.length == 4 && parts[1].equals("a") && parts[3].endsWith(".html")) {
        int feed = Integer.parseInt(parts[2]);
        long k = Long.parseLong(parts[3].substring(0, parts[3].length() - 5));
        pages.incrementAndGet();
        Fault fault = pageFault(feed, k);
        faults.get(fault).incrementAndGet();
        return pageAnswer(feed, k, fault, socket, out);
      }
    } catch (NumberFormatException e) {
      // falls through to 404
    }
    return send(out, 404, "text/plain", "not found\n", null, null);
  }

  private Fault feedFault(int feed, int host, long minute) {
    if ((minute + host) % 10 == 9) {
      return Fault.SERVER_ERROR;
    }
    if (feed % 50 == 7) {
      return Fault.TRUNCATED;
    }
    if (feed % 10 == 3) {
      SplittableRandom r = new SplittableRandom(feed * 1_000_003L + requests.get());
      if (r.nextBoolean()) {
        Fault[] kinds = {
          Fault.NO_ANSWER,
          Fault.SLOW,
          Fault.RESET,
          Fault.TRUNCATED,
          Fault.GARBAGE,
          Fault.HTML_PAGE,
          Fault.WRONG_TYPE,
          Fault.SERVER_ERROR
        };
        return kinds[r.nextInt(kinds.length)];
      }
    }
    return Fault.NONE;
  }

  private Fault pageFault(int feed, long k) {
    if (feed % 20 == 5) {
      return switch ((int) (k % 3)) {
        case 0 -> Fault.WRONG_TYPE;
        case 1 -> Fault.RESET;
        default -> Fault.SLOW;
      };
    }
    return Fault.NONE;
  }

  private boolean feedAnswer(
      int feed, Fault fault, Request req, Instant now, Socket socket, OutputStream out)
      throws IOException {
    switch (fault) {
      case NO_ANSWER -> {
        sleep(noAnswerHold);
        return false;
      }
      case RESET -> {
        reset(socket);
        return false;
      }
      case SERVER_ERROR -> {
        int status = new int[] {500, 502, 503}[(int) (requests.get() % 3)];
        return send(out, status, "text/html", "<h1>Server error</h1>\n", null, null);
      }
      case GARBAGE -> {
        byte[] junk = new byte[4096];
        new SplittableRandom(feed).nextBytes(junk);
        return sendBytes(out, 200, "application/rss+xml", junk, null, null);
      }
      case HTML_PAGE -> {
        return send(
            out,
            200,
            "text/html; charset=utf-8",
            "<!doctype html><html><head><title>Maintenance</title></head><body><p>Back soon.</p>"
                + "</body></html>\n",
            null,
            null);
      }
      case SLOW -> sleep(slowDelay);
      default -> {}
    }
    long latest = latestEntry(feed, now);
    String etag = "\"" + feed + "-" + latest + "\"";
    Instant modified = published(feed, latest);
    if (fault == Fault.NONE && etag.equals(req.ifNoneMatch)) {
      notModified.incrementAndGet();
      return send(out, 304, null, "", etag, modified);
    }
    String xml = feed % 3 == 1 ? atom(feed, latest) : rss(feed, latest);
    if (fault == Fault.TRUNCATED) {
      xml = xml.substring(0, xml.length() * 2 / 3);
    }
    String type =
        fault == Fault.WRONG_TYPE
            ? "image/png"
            : feed % 3 == 1 ? "application/atom+xml" : "application/rss+xml; charset=utf-8";
    return send(out, 200, type, xml, etag, modified);
  }

  private boolean pageAnswer(int feed, long k, Fault fault, Socket socket, OutputStream out)
      throws IOException {
    switch (fault) {
      case RESET -> {
        reset(socket);
        return false;
      }
      case SLOW -> sleep(slowDelay);
      default -> {}
    }
    String html =
        "<!doctype html><html><head><title>"
            + title(feed, k)
            + "</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
            + "<article><h1>"
            + title(feed, k)
            + "</h1>"
            + paragraphs(feed, k)
            + "</article><footer>Copyright Outlet "
            + feed
            + "</footer></body></html>\n";
    return send(
        out,
        200,
        fault == Fault.WRONG_TYPE ? "application/pdf" : "text/html; charset=utf-8",
        html,
        null,
        null);
  }

  /** Returns the number of the newest entry of {@code feed} at {@code now}. */
  private long latestEntry(int feed, Instant now) {
    long period = periodSeconds(feed);
    long elapsed = Duration.between(start, now).getSeconds() + offsetSeconds(feed);
    return entriesShown + elapsed / period;
  }

  /** Feeds of one group publish the same story numbers on the same period, seconds apart. */
  private long periodSeconds(int feed) {
    return periodSeconds + periodSeconds / 4 * ((feed / 5) % 7);
  }

  private long offsetSeconds(int feed) {
    return ((feed / 5) * 37L) % periodSeconds(feed) + (feed % 5) * 7L;
  }

  private Instant published(int feed, long k) {
    long period = periodSeconds(feed);
    return start.plusSeconds((k - entriesShown) * period - offsetSeconds(feed));
  }

  private String rss(int feed, long latest) {
    StringBuilder b =
        new StringBuilder(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>")
            .append("Outlet ")
            .append(feed)
            .append("</title><link>")
            .append(base(feed))
            .append("/</link><description>Simulated outlet</description>");
    for (long k = latest; k > latest - entriesShown && k >= 0; k--) {
      b.append("<item><title>")
          .append(title(feed, k))
          .append("</title><link>")
          .append(base(feed))
          .append("/a/")
          .append(feed)
          .append('/')
          .append(k)
          .append(".html</link><guid isPermaLink=\"false\">outlet-")
          .append(feed)
          .append('-')
          .append(k)
          .append("</guid><pubDate>")
          .append(HTTP_DATE.format(published(feed, k)))
          .append("</pubDate><description><![CDATA[")
          .append(feed % 2 == 0 ? paragraphs(feed, k) : teaser(feed, k))
          .append("]]></description></item>");
    }
    return b.append("</channel></rss>\n").toString();
  }

  private String atom(int feed, long latest) {
    StringBuilder b =
        new StringBuilder(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>")
            .append("Outlet ")
            .append(feed)
            .append("</title><id>urn:outlet:")
            .append(feed)
            .append("</id><updated>")
            .append(published(feed, latest))
            .append("</updated>");
    for (long k = latest; k > latest - entriesShown && k >= 0; k--) {
      b.append("<entry><title>")
          .append(title(feed, k))
          .append("</title><id>urn:outlet:")
          .append(feed)
          .append(':')
          .append(k)
          .append("</id><link href=\"")
          .append(base(feed))
          .append("/a/")
          .append(feed)
          .append('/')
          .append(k)
          .append(".html\"/><updated>")
          .append(published(feed, k))
          .append("</updated><")
          .append(feed % 2 == 0 ? "content" : "summary")
          .append(" type=\"html\">")
          .append(escape(feed % 2 == 0 ? paragraphs(feed, k) : teaser(feed, k)))
          .append("</")
          .append(feed % 2 == 0 ? "content" : "summary")
          .append("></entry>");
    }
    return b.append("</feed>\n").toString();
  }

  private static long story(int feed, long k) {
    return (feed / 5) * 1_000_000L + k;
  }

  private static String title(int feed, long k) {
    SplittableRandom r = new SplittableRandom(story(feed, k));
    StringBuilder b = new StringBuilder();
    for (int w = 0; w < 7; w++) {
      b.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
    }
    return (feed % 5 == 0 ? "" : "Outlet " + feed + ": ") + b;
  }

  private static String teaser(int feed, long k) {
    String text = paragraphs(feed, k);
    int cut = text.indexOf("</p>");
    return text.substring(0, cut + 4);
  }

  /** Returns five paragraphs of the story; each outlet adds a sentence of its own. */
  private static String paragraphs(int feed, long k) {
    SplittableRandom r = new SplittableRandom(story(feed, k) * 31 + 7);
    StringBuilder b = new StringBuilder();
    for (int p = 0; p < 5; p++) {
      b.append("<p>");
      for (int w = 0; w < 45; w++) {
        b.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
      }
      b.append(".</p>");
    }
    b.append("<p>Reported by outlet ").append(feed).append(" for its readers.</p>");
    return b.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String[] words() {
    SplittableRandom r = new SplittableRandom(42);
    String[] w = new String[3000];
    String letters = "abcdefghijklmnopqrstuvwxyz";
    for (int i = 0; i < w.length; i++) {
      int len = 3 + r.nextInt(7);
      StringBuilder b = new StringBuilder();
      for (int c = 0; c < len; c++) {
        b.append(letters.charAt(r.nextInt(letters.length())));
      }
      w[i] = b.toString();
    }
    return w;
  }

  private static boolean send(
      OutputStream out, int status, String type, String body, String etag, Instant modified)
      throws IOException {
    return sendBytes(out, status, type, body.getBytes(StandardCharsets.UTF_8), etag, modified);
  }

  private static boolean sendBytes(
      OutputStream out, int status, String type, byte[] body, String etag, Instant modified)
      throws IOException {
    StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
    if (type != null) {
      h.append("Content-Type: ").append(type).append("\r\n");
    }
    if (etag != null) {
      h.append("ETag: ").append(etag).append("\r\n");
    }
    if (modified != null) {
      h.append("Last-Modified: ").append(HTTP_DATE.format(modified)).append("\r\n");
    }
    boolean keep = status < 500;
    if (!keep) {
      h.append("Connection: close\r\n");
    }
    h.append("Content-Length: ").append(status == 304 ? 0 : body.length).append("\r\n\r\n");
    out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (status != 304) {
      out.write(body);
    }
    out.flush();
    return keep;
  }

  private static void reset(Socket socket) throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to add
    }
  }

  @Override
  public void close() {
    closed = true;
    sockets.forEach(
        s -> {
          try {
            s.close();
          } catch (IOException e) {
            // nothing to add
          }
        });
    pool.shutdownNow();
  }

  /** The parts of a request line and headers the wire reads. */
  private record Request(String path, String ifNoneMatch) {
    /** Reads one request head; returns null at the end of the stream. */
    static Request read(InputStream in) throws IOException {
      String line = line(in);
      if (line == null || line.isEmpty()) {
        return null;
      }
      String[] parts = line.split(" ");
      String path = parts.length > 1 ? parts[1] : "/";
      String ifNoneMatch = null;
      for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
        int colon = h.indexOf(':');
        if (colon > 0 && h.substring(0, colon).equalsIgnoreCase("If-None-Match")) {
          ifNoneMatch = h.substring(colon + 1).strip();
        }
      }
      return new Request(path, ifNoneMatch);
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int c = in.read(); c != -1; c = in.read()) {
        if (c == '\n') {
          String s = b.toString(StandardCharsets.ISO_8859_1);
          return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }
        if (b.size() > 16_384) {
          throw new IOException("request line too long");
        }
        b.write(c);
      }
      return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
