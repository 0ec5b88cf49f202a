package org.feedfold.extract;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes page bytes to text, choosing the charset the way browsers do: byte order mark, then the
 * HTTP {@code Content-Type} charset, then a {@code <meta charset>} prescan of the first bytes, then
 * UTF-8 if the bytes are valid UTF-8, else windows-1252. Unlike a browser, bytes that are valid
 * UTF-8 are read as UTF-8 even when the header or the meta tag names a legacy charset: that label
 * is a misconfigured default far more often than legacy text happens to be valid UTF-8.
 *
 * <p>Implements the outline of the WHATWG HTML "determining the character encoding" algorithm
 * (https://html.spec.whatwg.org/#determining-the-character-encoding), including its rule that
 * ISO-8859-1 and US-ASCII labels mean windows-1252. Stateless and thread-safe. Never throws on bad
 * bytes: undecodable sequences become U+FFFD.
 */
final class PageDecoder {
  /** How far the meta prescan looks; the spec says 1024 bytes, real pages need more. */
  private static final int PRESCAN_BYTES = 8192;

  private static final Pattern HEADER_CHARSET =
      Pattern.compile("charset\\s*=\\s*[\"']?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern META_CHARSET =
      Pattern.compile(
          "<meta[^>]{0,300}?charset\\s*=\\s*[\"']?\\s*([\\w.:-]+)", Pattern.CASE_INSENSITIVE);
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private PageDecoder() {}

  /** Decodes {@code bytes}; {@code contentType} is the HTTP header value or {@code null}. */
  static String decode(byte[] bytes, String contentType) {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
    }
    Charset header = contentType == null ? null : find(HEADER_CHARSET, contentType);
    if (header != null) {
      if (!header.equals(StandardCharsets.UTF_8) && !isUtf16(header)) {
        // A server's default charset (Apache's AddDefaultCharset ISO-8859-1) labels UTF-8 pages
        // as legacy text: trusting the label would turn every accented letter into two. Valid
        // multi-byte UTF-8 is as unlikely by accident here as under a meta tag (below).
        String utf8 = strictUtf8(bytes);
        if (utf8 != null) {
          return utf8;
        }
      }
      return new String(bytes, header);
    }
    String head =
        new String(bytes, 0, Math.min(bytes.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
    Charset meta = find(META_CHARSET, head);
    if (meta == null || !isUtf16(meta)) {
      // Pages often declare a legacy charset in meta yet are served as UTF-8 (CMS templates that
      // were never updated); multi-byte UTF-8 that decodes cleanly is very unlikely to be legacy
      // text by accident. Decoding strictly once both tests and converts.
      String utf8 = strictUtf8(bytes);
      if (utf8 != null) {
        return utf8;
      }
    }
    return new String(bytes, meta != null ? meta : WINDOWS_1252);
  }

  private static boolean isUtf16(Charset c) {
    return c.name().startsWith("UTF-16");
  }

  private static Charset find(Pattern p, CharSequence s) {
    Matcher m = p.matcher(s);
    return m.find() ? charset(m.group(1)) : null;
  }

  /** Maps a charset label to a Java charset, applying the WHATWG aliases; null if unknown. */
  static Charset charset(String label) {
    String name = label.trim().toLowerCase(Locale.ROOT);
    switch (name) {
      case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "cp1252" -> {
        return WINDOWS_1252;
      }
      case "utf8", "unicode-1-1-utf-8" -> {
        return StandardCharsets.UTF_8;
      }
      case "gb2312", "gbk", "x-gbk" -> name = "gb18030";
      case "utf-16", "utf-16le", "utf-16be" -> {
        // A meta prescan only runs on ASCII-compatible bytes, so UTF-16 here is a lie.
        return StandardCharsets.UTF_8;
      }
      default -> {}
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  /** Decodes bytes that are valid UTF-8; null if they are not. Pure ASCII counts as valid. */
  static String strictUtf8(byte[] bytes) {
    // The String constructor is the JDK's fastest decoder; it marks each bad sequence with U+FFFD,
    // so the text is valid exactly when every U+FFFD in it was spelled out in the bytes.
    String s = new String(bytes, StandardCharsets.UTF_8);
    if (s.indexOf('\uFFFD') < 0) {
      return s;
    }
    int replacements = 0;
    for (int i = s.indexOf('\uFFFD'); i >= 0; i = s.indexOf('\uFFFD', i + 1)) {
      replacements++;
    }
    int literal = 0;
    for (int i = 0; i + 2 < bytes.length; i++) {
      if (bytes[i] == (byte) 0xEF && bytes[i + 1] == (byte) 0xBF && bytes[i + 2] == (byte) 0xBD) {
        literal++;
      }
    }
    return replacements == literal ? s : null;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
