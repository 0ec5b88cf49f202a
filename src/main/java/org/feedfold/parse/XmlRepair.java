package org.feedfold.parse;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * Repairs the two mistakes that make most real feeds ill-formed before any XML parser sees them:
 * HTML entities XML does not declare ({@code &nbsp;}, {@code &eacute;}) become numeric character
 * references, and bare ampersands become {@code &amp;}. Text before the first tag is dropped. CDATA
 * sections, comments and processing instructions are left untouched.
 *
 * <p>Thread-safe (stateless). One linear pass; returns the input itself when nothing changed.
 */
final class XmlRepair {
  private static final Pattern ENTITY_DECL = Pattern.compile("<!ENTITY\\s+([\\w.\\-]+)");
  private static final int MAX_NAME = 32;
  private static final java.nio.charset.Charset WINDOWS_1252 =
      java.nio.charset.Charset.forName("windows-1252");

  /** HTML 4 entities whose HTML5 definition changed; feeds were written against HTML 4. */
  private static final java.util.Map<String, String> HTML4_DIFFERENCES =
      java.util.Map.of("lang", "\u2329", "rang", "\u232A");

  private XmlRepair() {}

  /** Returns the repaired document, or {@code xml} itself if it needed no repair. */
  static String repair(String xml) {
    int start = 0;
    while (start < xml.length() && xml.charAt(start) != '<') {
      start++;
    }
    Set<String> declared = declaredEntities(xml);
    StringBuilder out = null;
    int copied = start;
    int i = start;
    int n = xml.length();
    while (i < n) {
      char c = xml.charAt(i);
      if (c == '<') {
        int skip = skipUntouched(xml, i);
        i = skip > i ? skip : i + 1;
        continue;
      }
      if (c != '&') {
        i++;
        continue;
      }
      String replacement = entityReplacement(xml, i, declared);
      if (replacement == null) {
        i++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(n + 64);
      }
      out.append(xml, copied, i).append(replacement);
      i = replacement.equals("&amp;") ? i + 1 : xml.indexOf(';', i) + 1;
      copied = i;
    }
    if (out == null) {
      return start == 0 ? xml : xml.substring(start);
    }
    out.append(xml, copied, n);
    return out.toString();
  }

  private static Set<String> declaredEntities(String xml) {
    int doctype = xml.substring(0, Math.min(xml.length(), 4096)).indexOf("<!DOCTYPE");
    if (doctype < 0) {
      return Set.of();
    }
    Set<String> names = new HashSet<>();
    Matcher m = ENTITY_DECL.matcher(xml);
    m.region(doctype, Math.min(xml.length(), doctype + 65536));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** Returns the index after a CDATA section, comment or PI starting at {@code i}, else i. */
  private static int skipUntouched(String xml, int i) {
    if (xml.startsWith("<![CDATA[", i)) {
      int end = xml.indexOf("]]>", i + 9);
      return end < 0 ? xml.length() : end + 3;
    }
    if (xml.startsWith("<!--", i)) {
      int end = xml.indexOf("-->", i + 4);
      return end < 0 ? xml.length() : end + 3;
    }
    if (xml.startsWith("<?", i)) {
      int end = xml.indexOf("?>", i + 2);
      return end < 0 ? xml.length() : end + 2;
    }
    return i;
  }

  /** Returns what replaces the {@code &} at {@code amp}, or {@code null} to keep it. */
  private static String entityReplacement(String xml, int amp, Set<String> declared) {
    int j = amp + 1;
    int n = xml.length();
    if (j < n && xml.charAt(j) == '#') {
      j++;
      boolean hex = j < n && (xml.charAt(j) == 'x' || xml.charAt(j) == 'X');
      if (hex) {
        j++;
      }
      int digits = j;
      while (j < n && j - digits < 10 && (hex ? isHex(xml.charAt(j)) : isDigit(xml.charAt(j)))) {
        j++;
      }
      if (j == digits || j >= n || xml.charAt(j) != ';') {
        return "&amp;";
      }
      int cp = Integer.parseInt(xml.substring(digits, j), hex ? 16 : 10);
      if (cp >= 0x80 && cp < 0xA0) {
        // C1 controls in a reference are always windows-1252 text from a CMS that mixed them up.
        String c = new String(new byte[] {(byte) cp}, WINDOWS_1252);
        return c.charAt(0) == '\uFFFD' ? null : "&#" + (int) c.charAt(0) + ";";
      }
      return null;
    }
    int nameStart = j;
    while (j < n && j - nameStart < MAX_NAME && isNameChar(xml.charAt(j))) {
      j++;
    }
    if (j == nameStart || j >= n || xml.charAt(j) != ';') {
      return "&amp;";
    }
    String name = xml.substring(nameStart, j);
    switch (name) {
      case "amp", "lt", "gt", "quot", "apos" -> {
        return null;
      }
      default -> {
        if (declared.contains(name)) {
          return null;
        }
      }
    }
    String value = HTML4_DIFFERENCES.getOrDefault(name, Entities.getByName(name));
    if (value == null || value.isEmpty()) {
      return "&amp;";
    }
    StringBuilder ref = new StringBuilder();
    value.codePoints().forEach(cp -> ref.append("&#").append(cp).append(';'));
    return ref.toString();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
  }
}
