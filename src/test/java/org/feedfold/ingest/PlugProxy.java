package org.feedfold.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards loopback TCP connections to one port until its plug is pulled: then every connection
 * through it is cut and new ones are refused, as when a machine dies or its network goes. Stands
 * between a daemon and ZooKeeper in the fetch-sharing tests, so a daemon can lose ZooKeeper without
 * saying goodbye (its session then expires on the server).
 */
final class PlugProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean pulled;

  PlugProxy(int target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "plug-proxy-accept-" + listener.getLocalPort());
    accept.setDaemon(true);
    accept.start();
  }

  /** Returns the connect string that goes through this proxy. */
  String connectString() {
    return "127.0.0.1:" + listener.getLocalPort();
  }

  private void accept() {
    while (!pulled) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 5_000);
        open.add(client);
        open.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        // Pulled, or ZooKeeper gone: the client sees a closed connection and retries.
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // Cut: closing both ends below tells the other side.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "plug-proxy-pump-" + from.getPort());
    t.setDaemon(true);
    t.start();
  }

  /** Returns whether the plug was pulled. */
  boolean pulled() {
    return pulled;
  }

  /** Cuts every connection and refuses new ones. */
  void pull() {
    pulled = true;
    closeQuietly(listener);
    open.forEach(PlugProxy::closeQuietly);
  }

  @Override
  public void close() {
    pull();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // Closing what is gone already.
    }
  }
}
