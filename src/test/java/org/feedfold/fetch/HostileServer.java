package org.feedfold.fetch;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Serves misbehaving HTTP/1.1 responses on a loopback socket: a 1 GiB {@code Content-Length} body
 * and an endless chunked body made up as they are sent (never held in memory), a gzip bomb, a byte
 * a second, or a fixed document. Every handler writes until the client hangs up and counts the
 * bytes it wrote, so a test can show the client stopped reading instead of draining. Each request
 * gets its own connection ({@code Connection: close}). Loopback only; stops on {@link #close()}.
 */
public final class HostileServer implements Closeable {
  /** One gibibyte. */
  public static final long ONE_GIB = 1L << 30;

  private final ServerSocket socket;
  private final ExecutorService threads;
  private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
  private final Map<String, String> types = new ConcurrentHashMap<>();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private static byte[] bomb;

  /** Starts listening on a free loopback port. */
  public HostileServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "hostile-server");
              t.setDaemon(true);
              return t;
            });
    threads.execute(this::acceptLoop);
  }

  /** Returns the URL of {@code path} on this server. */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
  }

  /** Serves {@code body} as {@code type} at {@code path}. */
  public void document(String path, String type, byte[] body) {
    documents.put(path, body);
    types.put(path, type);
  }

  /** Returns the body bytes written so far, over all responses. */
  public long written() {
    return written.get();
  }

  /** Returns the requests received so far. */
  public long requests() {
    return requests.get();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        threads.execute(() -> serve(s));
      } catch (IOException closed) {
        return;
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s;
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream()) {
      String path = requestPath(in);
      requests.incrementAndGet();
      if (path.startsWith("/gigabyte")) {
        head(out, "Content-Length: " + ONE_GIB);
        generate(out, ONE_GIB);
      } else if (path.startsWith("/chunked")) {
        head(out, "Transfer-Encoding: chunked");
        chunked(out);
      } else if (path.startsWith("/trickle")) {
        head(out, "Transfer-Encoding: chunked");
        trickle(out);
      } else if (path.startsWith("/gzip-bomb")) {
        byte[] b = bomb();
        head(out, "Content-Encoding: gzip\r\nContent-Length: " + b.length);
        out.write(b);
        written.addAndGet(b.length);
      } else if (path.startsWith("/short") && documents.containsKey(path)) {
        // Announces more than it sends, then hangs up: a proxy or script dying mid-body.
        byte[] b = documents.get(path);
        head(out, "ETag: \"v1\"\r\nContent-Length: " + (b.length + 1000));
        out.write(b);
        written.addAndGet(b.length);
      } else if (documents.containsKey(path)) {
        byte[] b = documents.get(path);
        String type = types.get(path);
        out.write(
            ("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: "
                    + type
                    + "\r\nContent-Length: "
                    + b.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(b);
      } else {
        out.write(
            "HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
    } catch (IOException | InterruptedException hungUp) {
      // The client stopped reading, or the server is stopping: both end this response.
    }
  }

  private static String requestPath(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4 && head.size() < 65536) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String line = head.toString(StandardCharsets.US_ASCII).split("\r\n", 2)[0];
    String[] parts = line.split(" ");
    return parts.length > 1 ? parts[1] : "/";
  }

  private static void head(OutputStream out, String headers) throws IOException {
    out.write(
        ("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/rss+xml\r\n"
                + headers
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
  }

  private void generate(OutputStream out, long length) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'x');
    for (long sent = 0; sent < length; sent += chunk.length) {
      out.write(chunk);
      written.addAndGet(chunk.length);
    }
  }

  private void chunked(OutputStream out) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'x');
    byte[] size =
        (Integer.toHexString(chunk.length).toUpperCase(Locale.ROOT) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] crlf = {'\r', '\n'};
    // Bounded so a broken client cannot make the test run forever: 4 GiB.
    for (long sent = 0; sent < 4 * ONE_GIB; sent += chunk.length) {
      out.write(size);
      out.write(chunk);
      out.write(crlf);
      written.addAndGet(chunk.length);
    }
  }

  private void trickle(OutputStream out) throws IOException, InterruptedException {
    byte[] one = {'1', '\r', '\n', '<', '\r', '\n'};
    // At most two minutes, one byte a second.
    for (int i = 0; i < 120; i++) {
      out.write(one);
      out.flush();
      written.incrementAndGet();
      Thread.sleep(1000);
    }
  }

  private static synchronized byte[] bomb() throws IOException {
    if (bomb == null) {
      // 64 MiB of zeros squeezed into about 64 KiB of gzip: a thousandfold.
      ByteArrayOutputStream packed = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
        byte[] zeros = new byte[1 << 20];
        for (int i = 0; i < 64; i++) {
          gz.write(zeros);
        }
      }
      bomb = packed.toByteArray();
    }
    return bomb;
  }

  /** Stops accepting and ends every response in progress. */
  @Override
  public void close() throws IOException {
    socket.close();
    threads.shutdownNow();
    try {
      threads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
