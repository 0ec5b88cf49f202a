package org.feedfold.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Speaks HTTP/1.1 over a plain socket, for what {@link java.net.http.HttpClient} will not send (dot
 * segments, partial requests) or cannot do (choose the local address).
 */
final class RawHttp {
  /** Every read waits at most this long; an answer that takes longer fails the test. */
  static final int TIMEOUT_MILLIS = 5_000;

  private RawHttp() {}

  /** One response: its status ({@code -1} when the server closed without answering). */
  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Opens a socket to {@code server} from {@code local} (such as {@code 127.0.0.2}). */
  static Socket open(URI server, String local) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
    s.connect(new InetSocketAddress(server.getHost(), server.getPort()), TIMEOUT_MILLIS);
    s.setSoTimeout(TIMEOUT_MILLIS);
    return s;
  }

  /** Sends {@code GET target} from {@code local} and reads the whole answer. */
  static Answer get(URI server, String local, String target, String... headerLines)
      throws IOException {
    return send(server, local, "GET " + target + " HTTP/1.1", headerLines);
  }

  /** Sends one request line and headers (plus {@code Host} and {@code Connection: close}). */
  static Answer send(URI server, String local, String requestLine, String... headerLines)
      throws IOException {
    try (Socket s = open(server, local)) {
      StringBuilder req = new StringBuilder(requestLine).append("\r\n");
      req.append("Host: ").append(server.getHost()).append("\r\nConnection: close\r\n");
      for (String h : headerLines) {
        req.append(h).append("\r\n");
      }
      req.append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return read(s.getInputStream());
    }
  }

  /**
   * Reads until the server closes; an answer cut by a reset keeps what arrived.
   *
   * @throws SocketTimeoutException when the server neither answers nor closes in time
   */
  static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] b = new byte[8192];
    try {
      for (int n; (n = in.read(b)) >= 0; ) {
        buf.write(b, 0, n);
      }
    } catch (SocketException e) {
      // Connection reset: the server closed with our bytes unread. Keep what arrived.
    }
    return parse(buf.toString(StandardCharsets.ISO_8859_1));
  }

  private static Answer parse(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.") || end < 0) {
      return new Answer(-1, Map.of(), text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    return new Answer(status, headers, text.substring(end + 4));
  }
}
