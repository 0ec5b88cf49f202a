package org.feedfold.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes feed bytes to text, choosing the charset as RFC 7303 (which replaced RFC 3023) and the
 * XML 1.0 appendix F describe: byte order mark, then the HTTP {@code charset} parameter, then the
 * XML declaration, then UTF-8, then windows-1252 for mislabeled legacy bytes. The first candidate
 * that decodes without error wins; ISO-8859-1 labels decode as windows-1252, as browsers do.
 *
 * <p>Thread-safe (stateless).
 */
final class CharsetDetector {
  /** The decoded text and the name of the codec that produced it. */
  record Decoded(String text, String encoding) {}

  private static final Pattern XML_DECL_ENCODING =
      Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*['\"]([A-Za-z0-9._:\\-]+)['\"]");

  /** Python codec names seen in feeds that Java spells differently. */
  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("ms-ansi", "windows-1252"),
          Map.entry("ms-ee", "windows-1250"),
          Map.entry("ms-greek", "windows-1253"),
          Map.entry("ms-hebr", "windows-1255"),
          Map.entry("ms-turk", "windows-1254"),
          Map.entry("ms-cyrl", "windows-1251"),
          Map.entry("ms-arab", "windows-1256"),
          Map.entry("cp-is", "IBM861"),
          Map.entry("csmacintosh", "x-MacRoman"),
          Map.entry("mac", "x-MacRoman"),
          Map.entry("macintosh", "x-MacRoman"),
          Map.entry("mac-cyrillic", "x-MacCyrillic"),
          Map.entry("maccyrillic", "x-MacCyrillic"),
          Map.entry("cspc775baltic", "IBM775"),
          Map.entry("cp856", "x-IBM856"),
          Map.entry("latin-1", "ISO-8859-1"),
          Map.entry("utf8", "UTF-8"),
          // WHATWG Encoding: these labels mean GB18030's superset in practice.
          Map.entry("gb2312", "GB18030"),
          Map.entry("gbk", "GB18030"),
          Map.entry("x-gbk", "GB18030"));

  private CharsetDetector() {}

  /** Decodes {@code body} given the HTTP {@code contentType} (may be {@code null}). */
  static Decoded decode(byte[] body, String contentType) {
    int b0 = body.length > 0 ? body[0] & 0xff : -1;
    int b1 = body.length > 1 ? body[1] & 0xff : -1;
    int b2 = body.length > 2 ? body[2] & 0xff : -1;
    int b3 = body.length > 3 ? body[3] & 0xff : -1;
    // Byte order marks and the XML appendix F autodetection patterns outrank any label.
    if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
      return tryAll(body, 3, List.of(StandardCharsets.UTF_8));
    }
    if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) {
      return tryAll(body, 4, List.of(Charset.forName("UTF-32BE")));
    }
    if (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0) {
      return tryAll(body, 4, List.of(Charset.forName("UTF-32LE")));
    }
    if (b0 == 0xFE && b1 == 0xFF) {
      return tryAll(body, 2, List.of(StandardCharsets.UTF_16BE));
    }
    if (b0 == 0xFF && b1 == 0xFE) {
      return tryAll(body, 2, List.of(StandardCharsets.UTF_16LE));
    }
    if (b0 == 0 && b1 == 0 && b2 == 0 && b3 == 0x3C) {
      return tryAll(body, 0, List.of(Charset.forName("UTF-32BE")));
    }
    if (b0 == 0x3C && b1 == 0 && b2 == 0 && b3 == 0) {
      return tryAll(body, 0, List.of(Charset.forName("UTF-32LE")));
    }
    if (b0 == 0 && b1 == 0x3C) {
      return tryAll(body, 0, List.of(StandardCharsets.UTF_16BE));
    }
    if (b0 == 0x3C && b1 == 0) {
      return tryAll(body, 0, List.of(StandardCharsets.UTF_16LE));
    }
    List<Charset> candidates = new ArrayList<>(4);
    Charset http = httpCharset(contentType);
    if (http != null) {
      candidates.add(http);
    }
    Charset declared = declared(body);
    if (declared != null && !isUtf16or32(declared)) {
      candidates.add(declared);
    }
    if (http == null && declared == null && isTextXml(contentType)) {
      // RFC 3023 section 3.1: text/xml without charset is us-ascii; tried before the fallbacks.
      candidates.add(StandardCharsets.US_ASCII);
    }
    candidates.add(StandardCharsets.UTF_8);
    candidates.add(Charset.forName("windows-1252"));
    return tryAll(body, 0, candidates);
  }

  private static boolean isUtf16or32(Charset c) {
    String n = c.name();
    return n.startsWith("UTF-16") || n.startsWith("UTF-32");
  }

  private static Decoded tryAll(byte[] body, int skip, List<Charset> candidates) {
    for (Charset c : candidates) {
      Charset use = c;
      if (c.equals(StandardCharsets.ISO_8859_1) || c.equals(StandardCharsets.US_ASCII)) {
        use = hasC1(body) ? Charset.forName("windows-1252") : c;
      }
      if (use.equals(StandardCharsets.UTF_8)) {
        // The String constructor's UTF-8 path is intrinsified and several times faster than a
        // CharsetDecoder; it only replaces malformed input, so a U+FFFD it produced needs a check.
        String fast = new String(body, skip, body.length - skip, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
          return new Decoded(demoronize(fast), name(use));
        }
      }
      try {
        String text =
            use.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body, skip, body.length - skip))
                .toString();
        return new Decoded(demoronize(text), name(use));
      } catch (CharacterCodingException e) {
        // try the next candidate
      }
    }
    // windows-1252 leaves five bytes undefined; Latin-1 decodes anything.
    CharBuffer cb =
        StandardCharsets.ISO_8859_1.decode(ByteBuffer.wrap(body, skip, body.length - skip));
    return new Decoded(cb.toString(), "iso-8859-1");
  }

  /**
   * Replaces C1 control characters, which no feed means, with the windows-1252 characters their
   * code points stand for there: curly quotes and dashes from CMSs that mislabeled cp1252.
   */
  static String demoronize(String text) {
    int i = 0;
    int n = text.length();
    while (i < n && (text.charAt(i) < 0x80 || text.charAt(i) >= 0xA0)) {
      i++;
    }
    if (i == n) {
      return text;
    }
    char[] chars = text.toCharArray();
    byte[] one = new byte[1];
    Charset cp1252 = Charset.forName("windows-1252");
    for (; i < n; i++) {
      char c = chars[i];
      if (c >= 0x80 && c < 0xA0) {
        one[0] = (byte) c;
        char mapped = new String(one, cp1252).charAt(0);
        if (mapped != '\uFFFD') {
          chars[i] = mapped;
        }
      }
    }
    return new String(chars);
  }

  private static boolean hasC1(byte[] body) {
    for (byte b : body) {
      int v = b & 0xff;
      if (v >= 0x80 && v < 0xA0) {
        return true;
      }
    }
    return false;
  }

  private static String name(Charset c) {
    return c.name().toLowerCase(Locale.ROOT);
  }

  private static boolean isTextXml(String contentType) {
    if (contentType == null) {
      return false;
    }
    String t = contentType.toLowerCase(Locale.ROOT).trim();
    return t.startsWith("text/xml") || (t.startsWith("text/") && t.contains("+xml"));
  }

  private static Charset httpCharset(String contentType) {
    if (contentType == null) {
      return null;
    }
    Matcher m =
        Pattern.compile("charset\\s*=\\s*[\"']?([^\"';\\s]+)", Pattern.CASE_INSENSITIVE)
            .matcher(contentType);
    return m.find() ? lookup(m.group(1)) : null;
  }

  private static Charset declared(byte[] body) {
    int n = Math.min(body.length, 512);
    String head = new String(body, 0, n, StandardCharsets.ISO_8859_1);
    Matcher m = XML_DECL_ENCODING.matcher(head);
    return m.find() ? lookup(m.group(1)) : null;
  }

  /** Returns the charset for a label, trying the spellings Python and IANA use; else null. */
  static Charset lookup(String label) {
    String l = label.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    String alias = ALIASES.get(l);
    for (String name :
        alias != null ? List.of(alias) : List.of(l, "x-" + l, "cp" + l, "ibm" + l, "x-ibm" + l)) {
      try {
        if (Charset.isSupported(name)) {
          return Charset.forName(name);
        }
      } catch (IllegalArgumentException e) {
        // illegal name: try the next spelling
      }
    }
    if (l.startsWith("csibm")) {
      return lookup("ibm" + l.substring(5));
    }
    if (l.startsWith("cspc") && l.length() > 7) {
      return lookup("ibm" + l.replaceAll("[^0-9]", ""));
    }
    if (l.startsWith("mac") && !l.startsWith("mac-")) {
      return lookup("x-mac" + l.substring(3));
    }
    return null;
  }
}
