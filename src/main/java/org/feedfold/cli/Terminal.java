package org.feedfold.cli;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Says how human output looks: how many columns it may use and whether it may carry ANSI styles
 * (bold, dim, colour). Immutable.
 *
 * <p>Width: {@code COLUMNS} if set to a number, else the terminal's width when output is a
 * terminal, else {@value #DEFAULT_WIDTH}. Styles: {@code --color=always} or {@code never} as told;
 * {@code auto} (the default) only on a terminal and when {@code NO_COLOR} is unset or empty
 * (https://no-color.org).
 *
 * @param width columns available, at least {@value #MIN_WIDTH}
 * @param styled whether ANSI escape sequences may be written
 */
record Terminal(int width, boolean styled) {
  static final int DEFAULT_WIDTH = 100;
  static final int MIN_WIDTH = 40;

  /** Is {@code --color}: when human output carries styles. */
  enum ColorMode {
    auto,
    always,
    never
  }

  Terminal {
    width = Math.max(MIN_WIDTH, width);
  }

  /** Returns what the environment and {@code mode} allow; {@code null} mode means auto. */
  static Terminal detect(ColorMode mode) {
    boolean tty = isTerminal();
    String noColor = System.getenv("NO_COLOR");
    boolean styled =
        switch (mode == null ? ColorMode.auto : mode) {
          case always -> true;
          case never -> false;
          case auto -> tty && (noColor == null || noColor.isEmpty());
        };
    return new Terminal(width(System.getenv("COLUMNS"), tty), styled);
  }

  static int width(String columns, boolean tty) {
    if (columns != null && columns.strip().matches("\\d{1,4}")) {
      return Integer.parseInt(columns.strip());
    }
    if (tty) {
      // Asks the terminal (stty) once; only on a terminal, where it can answer.
      return new UsageMessageSpec().autoWidth(true).width(DEFAULT_WIDTH).width();
    }
    return DEFAULT_WIDTH;
  }

  /**
   * Returns whether standard output is a terminal. On JDK 22 and later {@link System#console()}
   * exists even when output is redirected, and {@code Console.isTerminal()} (looked up
   * reflectively, since the code runs on JDK 17) tells.
   */
  static boolean isTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
    } catch (NoSuchMethodException e) {
      return true; // JDK < 22: a console exists only on a terminal
    } catch (IllegalAccessException | InvocationTargetException e) {
      return false;
    }
  }

  String bold(String s) {
    return style("1", s);
  }

  String dim(String s) {
    return style("2", s);
  }

  String cyan(String s) {
    return style("36", s);
  }

  String yellow(String s) {
    return style("33", s);
  }

  String red(String s) {
    return style("31", s);
  }

  String green(String s) {
    return style("32", s);
  }

  private String style(String code, String s) {
    return styled && !s.isEmpty() ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * Returns {@code t} relative to {@code now} for people: {@code just now}, {@code 5 min ago},
   * {@code 3 h ago}, {@code 2 d ago}, {@code in 4 h}; the UTC date beyond 30 days; {@code -} for
   * {@code null}.
   */
  static String ago(Instant t, Instant now) {
    if (t == null) {
      return "-";
    }
    Duration d = Duration.between(t, now);
    boolean future = d.isNegative();
    d = d.abs();
    String amount;
    if (d.toSeconds() < 60) {
      return "just now";
    } else if (d.toMinutes() < 60) {
      amount = d.toMinutes() + " min";
    } else if (d.toHours() < 48) {
      amount = d.toHours() + " h";
    } else if (d.compareTo(Duration.ofDays(30)) <= 0) {
      amount = d.toDays() + " d";
    } else {
      return DAY.format(t);
    }
    return future ? "in " + amount : amount + " ago";
  }
}
