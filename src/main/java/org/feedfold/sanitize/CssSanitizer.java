package org.feedfold.sanitize;

import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces a {@code style} attribute to declarations of harmless properties with plain values: no
 * {@code url()}, no {@code expression()}, no positioning. Returns "" when anything looks crafted.
 * Thread-safe (stateless).
 */
final class CssSanitizer {
  private static final int MAX_LENGTH = 2048;
  private static final Pattern URL = Pattern.compile("url\\s*\\(\\s*[^\\s)]+?\\s*\\)\\s*");
  private static final Pattern GAUNTLET =
      Pattern.compile(
          "([:,;#%.\\sa-zA-Z0-9!]|\\w-\\w|'[\\s\\w]+'|\"[\\s\\w]+\"|\\([\\d,\\s]+\\))*");
  private static final Pattern DECLARATION = Pattern.compile("\\s*[-\\w]+\\s*:\\s*[^:;]*;?");
  private static final Pattern PROPERTY = Pattern.compile("([-\\w]+)\\s*:\\s*([^:;]*)");
  private static final Pattern VALUE =
      Pattern.compile(
          "#[0-9a-f]+|rgb\\(\\d+%?,\\d*%?,?\\d*%?\\)?|\\d{0,2}\\.?\\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\\))?");

  private static final java.util.Set<String> SVG_PROPERTIES =
      java.util.Set.of(
          "fill",
          "fill-opacity",
          "fill-rule",
          "stroke",
          "stroke-linecap",
          "stroke-linejoin",
          "stroke-opacity",
          "stroke-width");

  private CssSanitizer() {}

  /** Returns the safe part of {@code style}, possibly "". */
  static String clean(String style, boolean svg) {
    if (style.length() > MAX_LENGTH) {
      return "";
    }
    String s = URL.matcher(style).replaceAll(" ");
    if (!GAUNTLET.matcher(s).matches()) {
      return "";
    }
    if (!DECLARATION.matcher(s).replaceAll("").isBlank()) {
      return "";
    }
    StringJoiner out = new StringJoiner(" ");
    Matcher m = PROPERTY.matcher(s);
    while (m.find()) {
      String prop = m.group(1);
      String value = m.group(2);
      if (value.isEmpty()) {
        continue;
      }
      String lower = prop.toLowerCase(Locale.ROOT);
      if (SanitizerPolicy.CSS_PROPERTIES.contains(lower)) {
        out.add(prop + ": " + value + ";");
      } else if (isBoxProperty(lower)) {
        if (plainValues(value)) {
          out.add(prop + ": " + value + ";");
        }
      } else if (svg && SVG_PROPERTIES.contains(lower)) {
        out.add(prop + ": " + value + ";");
      }
    }
    return out.toString();
  }

  private static boolean isBoxProperty(String prop) {
    int dash = prop.indexOf('-');
    String head = dash < 0 ? prop : prop.substring(0, dash);
    return head.equals("background")
        || head.equals("border")
        || head.equals("margin")
        || head.equals("padding");
  }

  private static boolean plainValues(String value) {
    for (String keyword : value.strip().split("\\s+")) {
      if (!SanitizerPolicy.CSS_KEYWORDS.contains(keyword) && !VALUE.matcher(keyword).matches()) {
        return false;
      }
    }
    return true;
  }
}
