package org.feedfold.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.hc.client5.http.entity.InputStreamFactory;

/**
 * Decodes {@code gzip} and {@code deflate} response bodies, and passes a body through as it came
 * when its first bytes show it was never encoded: servers that label plain XML {@code
 * Content-Encoding: gzip} (a compression module and a cache both at work) otherwise fail every
 * fetch with "Not in GZIP format", where browsers and feedparser read the feed. {@code deflate} is
 * read as zlib (RFC 1950) or, as some servers send it, raw (RFC 1951).
 */
final class LenientDecoding {
  private LenientDecoding() {}

  /** Returns the decoders by content coding, in the order {@code Accept-Encoding} lists them. */
  static LinkedHashMap<String, InputStreamFactory> registry() {
    LinkedHashMap<String, InputStreamFactory> r = new LinkedHashMap<>();
    r.put("gzip", LenientDecoding::gzip);
    r.put("deflate", LenientDecoding::deflate);
    r.put("x-gzip", LenientDecoding::gzip);
    return r;
  }

  static InputStream gzip(InputStream body) throws IOException {
    BufferedInputStream in = new BufferedInputStream(body);
    int[] head = peek(in);
    return head[0] == 0x1f && head[1] == 0x8b ? new GZIPInputStream(in) : in;
  }

  static InputStream deflate(InputStream body) throws IOException {
    BufferedInputStream in = new BufferedInputStream(body);
    int[] head = peek(in);
    if (head[0] >= 0
        && head[1] >= 0
        && (head[0] & 0x0f) == 8
        && ((head[0] << 8) | head[1]) % 31 == 0) {
      return new InflaterInputStream(in);
    }
    if (looksLikeText(head[0])) {
      return in;
    }
    Inflater raw = new Inflater(true);
    return new InflaterInputStream(in, raw) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          raw.end();
        }
      }
    };
  }

  /** Returns the first two bytes ({@code -1} past the end) and leaves them to be read. */
  private static int[] peek(BufferedInputStream in) throws IOException {
    in.mark(2);
    int[] head = {in.read(), -1};
    if (head[0] >= 0) {
      head[1] = in.read();
    }
    in.reset();
    return head;
  }

  /**
   * Says whether a body starting with {@code b} is a document never compressed: XML, HTML, JSON.
   */
  private static boolean looksLikeText(int b) {
    return b == '<' || b == '{' || b == '[' || b == ' ' || b == '\t' || b == '\r' || b == '\n'
        || b == 0xEF || b == 0xFE || b == 0xFF || b == -1;
  }
}
