package org.feedfold.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads one configuration value of a given {@link ConfigKey.Kind}; a pure function. */
final class Values {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[\\w.]+)?");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|kb|kib|mb|mib|gb|gib)");

  private Values() {}

  /**
   * Parses {@code raw} as {@code kind}.
   *
   * @throws IllegalArgumentException with a message saying what was expected
   */
  static Object parse(ConfigKey.Kind kind, String raw) {
    String v = raw.strip();
    return switch (kind) {
      case STRING -> v;
      case HOST -> host(v);
      case PATH -> path(v);
      case PORT -> intIn(v, 0, 65_535, "a port number 0-65535");
      case POSITIVE_INT -> intIn(v, 1, Integer.MAX_VALUE, "a whole number of at least 1");
      case NON_NEGATIVE_INT -> intIn(v, 0, Integer.MAX_VALUE, "a whole number of at least 0");
      case DURATION -> duration(v);
      case DURATION_OR_ZERO -> v.matches("0+\\s*(|ms|s|m|h|d)") ? Duration.ZERO : duration(v);
      case SIZE -> size(v);
      case BOOLEAN -> bool(v);
      case FRACTION -> fraction(v);
      case OPTIONAL_URI -> v.isEmpty() ? null : uri(v);
    };
  }

  /** Accepts an IPv4 or IPv6 literal or a host name (RFC 1123), without looking it up. */
  private static String host(String v) {
    String what = "expected an address such as 127.0.0.1, ::1 or localhost, got '" + v + "'";
    if (v.contains(":")) {
      String literal = v.startsWith("[") && v.endsWith("]") ? v.substring(1, v.length() - 1) : v;
      if (IPV6.matcher(literal).matches()) {
        return literal;
      }
      throw new IllegalArgumentException(what);
    }
    String[] labels = v.split("\\.", -1);
    boolean numeric = v.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    if (numeric) {
      if (labels.length == 4 && Stream.of(labels).allMatch(Values::octet)) {
        return v;
      }
      throw new IllegalArgumentException(what);
    }
    if (v.length() <= 253 && Stream.of(labels).allMatch(l -> LABEL.matcher(l).matches())) {
      return v;
    }
    throw new IllegalArgumentException(what);
  }

  private static boolean octet(String s) {
    return !s.isEmpty() && s.length() <= 3 && Integer.parseInt(s) <= 255;
  }

  /**
   * Describes why a file could not be read, in words and without the exception's class: {@code no
   * such file}, {@code permission denied}, {@code is a directory}.
   */
  static String ioProblem(Path file, IOException e) {
    if (Files.isDirectory(file)) {
      return "is a directory, not a file";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return "cannot read: " + f.getReason().toLowerCase(Locale.ROOT);
    }
    String m = e.getMessage();
    return "cannot read: " + (m == null ? "input/output error" : m);
  }

  private static Path path(String v) {
    if (v.isEmpty()) {
      throw new IllegalArgumentException("expected a path, got nothing");
    }
    try {
      return Path.of(v);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("expected a path, got '" + v + "'", e);
    }
  }

  private static int intIn(String v, int min, int max, String what) {
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("expected " + what + ", got '" + v + "'");
  }

  /** Accepts {@code 500ms}, {@code 10s}, {@code 30m}, {@code 24h}, {@code 7d} or ISO-8601. */
  static Duration duration(String v) {
    Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      if (!d.isZero()) {
        return d;
      }
    } else {
      try {
        Duration d = Duration.parse(v);
        if (!d.isNegative() && !d.isZero()) {
          return d;
        }
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(
        "expected a positive duration such as 10s, 30m, 24h or 7d, got '" + v + "'");
  }

  private static long size(String v) {
    Matcher m = SIZE.matcher(v.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      long unit =
          switch (m.group(2)) {
            case "kb" -> 1_000L;
            case "kib" -> 1L << 10;
            case "mb" -> 1_000_000L;
            case "mib" -> 1L << 20;
            case "gb" -> 1_000_000_000L;
            case "gib" -> 1L << 30;
            default -> 1L;
          };
      if (n > 0 && n <= Long.MAX_VALUE / unit) {
        return n * unit;
      }
    }
    throw new IllegalArgumentException(
        "expected a positive size such as 512KiB or 10MiB, got '" + v + "'");
  }

  private static boolean bool(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException("expected true or false, got '" + v + "'");
    };
  }

  private static double fraction(String v) {
    try {
      double d = Double.parseDouble(v);
      if (d > 0 && d <= 1) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("expected a number in (0, 1], got '" + v + "'");
  }

  private static URI uri(String v) {
    try {
      URI u = new URI(v);
      if (u.isAbsolute() && u.getHost() != null) {
        return u;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException("expected an absolute http(s) URL, got '" + v + "'");
  }
}
