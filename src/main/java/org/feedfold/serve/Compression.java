package org.feedfold.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Gzips a reply when the client accepts it (RFC 9110 §8.4 and §12.5.3), for the feeds, the river
 * and the JSON API.
 *
 * <p>A compressible reply (text, XML, JSON; 200 or 304) always gets {@code Vary: Accept-Encoding}.
 * When the client accepts {@code gzip} (with a non-zero {@code q}), a 200 body of at least {@value
 * #MIN_BYTES} bytes is compressed and gets {@code Content-Encoding: gzip}, and its strong {@code
 * ETag} gains the suffix {@value #SUFFIX} inside the quotes, because the gzipped bytes are another
 * representation; a 304 gets the ETag of the encoding the client would have received. {@link
 * Conditional#notModified} accepts either tag. Pure and thread-safe; runs on the request threads.
 */
final class Compression {
  static final String SUFFIX = "-gzip";
  static final int MIN_BYTES = 256;

  private Compression() {}

  /** Returns {@code reply} compressed for a client that sent {@code acceptEncoding} (or null). */
  static Reply apply(Reply reply, String acceptEncoding) {
    if (!compressible(reply)) {
      return reply;
    }
    Map<String, String> headers = new LinkedHashMap<>(reply.headers());
    headers.put("Vary", "Accept-Encoding");
    boolean gzip = acceptsGzip(acceptEncoding);
    byte[] body = reply.body();
    if (gzip && reply.status() == 200 && body != null && body.length >= MIN_BYTES) {
      headers.put("Content-Encoding", "gzip");
      body = gzip(body);
    } else if (!(gzip && reply.status() == 304)) {
      return new Reply(reply.status(), reply.mediaType(), body, headers, reply.close());
    }
    String etag = headers.get("ETag");
    if (etag != null && etag.endsWith("\"")) {
      headers.put("ETag", etag.substring(0, etag.length() - 1) + SUFFIX + "\"");
    }
    return new Reply(reply.status(), reply.mediaType(), body, headers, reply.close());
  }

  /** Returns an entity tag without the gzip suffix, for comparing validators. */
  static String identityTag(String etag) {
    String suffixed = SUFFIX + "\"";
    return etag.endsWith(suffixed)
        ? etag.substring(0, etag.length() - suffixed.length()) + "\""
        : etag;
  }

  private static boolean compressible(Reply reply) {
    if (reply.status() == 304) {
      return reply.headers().containsKey("ETag");
    }
    String type = reply.mediaType();
    return reply.status() == 200
        && type != null
        && (type.startsWith("text/") || type.contains("xml") || type.contains("json"));
  }

  /** Returns whether {@code gzip} (or {@code *}) is listed with a {@code q} above zero. */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] fields = part.split(";");
      String coding = fields[0].strip().toLowerCase(Locale.ROOT);
      if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) {
        continue;
      }
      double q = 1;
      for (int i = 1; i < fields.length; i++) {
        String p = fields[i].strip().toLowerCase(Locale.ROOT);
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (q > 0) {
        return true;
      }
    }
    return false;
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory gzip cannot fail", e);
    }
    return out.toByteArray();
  }
}
