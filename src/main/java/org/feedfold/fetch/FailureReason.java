package org.feedfold.fetch;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.RedirectException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolException;

/** Turns an I/O failure into the one-line reason a person reads in logs and the CLI. */
final class FailureReason {
  /** Reasons that say the server was never reached: no connection, so no response at all. */
  static final String CONNECT_TIMED_OUT = "connect timed out after ";

  static final String UNKNOWN_HOST = "unknown host ";
  static final String REFUSED = "connection refused by ";

  private FailureReason() {}

  /** Describes {@code e}, naming the configured limit when a limit was hit. */
  static String of(IOException e, String host, FetchSettings settings) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectTimeoutException) {
        return CONNECT_TIMED_OUT + duration(settings.connectTimeout());
      }
      if (t instanceof SocketTimeoutException) {
        return "read timed out after " + duration(settings.readTimeout());
      }
      if (t instanceof AddressGuard.Refused) {
        return t.getMessage();
      }
      if (t instanceof UnknownHostException) {
        return UNKNOWN_HOST + host;
      }
      if (t instanceof HttpHostConnectException || t instanceof ConnectException) {
        return REFUSED + host;
      }
      if (t instanceof NoHttpResponseException) {
        return "no response: " + host + " closed the connection without answering";
      }
      if (t instanceof MalformedChunkCodingException) {
        // The message quotes the server's bytes, which may be anything: not repeated here.
        return "broken response: malformed chunked encoding in the body";
      }
      if (t instanceof ConnectionClosedException) {
        return "broken response: the connection closed before the body ended";
      }
      if (t instanceof SocketException && String.valueOf(t.getMessage()).contains("reset")) {
        return "connection reset by " + host;
      }
      if (t instanceof RedirectException) {
        // Also covers CircularRedirectException, a subclass.
        return "redirect failed: " + t.getMessage();
      }
      if (t instanceof SSLException) {
        for (Throwable c = t; c != null; c = c.getCause()) {
          if (c instanceof CertificateException || c instanceof CertPathBuilderException) {
            return "TLS failed: the server's certificate is not trusted (self-signed, expired or"
                + " from an unknown authority): "
                + c.getMessage();
          }
        }
        return "TLS failed: " + t.getMessage();
      }
      if (t instanceof ProtocolException) {
        // Malformed responses and unusable redirect targets (e.g. a file: Location).
        return "protocol error: " + t.getMessage();
      }
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** Describes a fetch cut off at {@code fetch.deadline}. */
  static String deadline(FetchSettings settings) {
    return "timed out: took longer than the "
        + duration(settings.deadline())
        + " deadline (fetch.deadline)";
  }

  /** Formats a duration the way config files write it: {@code 10s}, {@code 250ms}. */
  static String duration(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  /** Formats a byte count in the largest binary unit that divides it: {@code 10 MiB}. */
  static String bytes(long n) {
    String[] units = {"bytes", "KiB", "MiB", "GiB"};
    int u = 0;
    long v = n;
    while (u < units.length - 1 && v >= 1024 && v % 1024 == 0) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%d %s", v, units[u]);
  }
}
