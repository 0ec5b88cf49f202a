package org.feedfold.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses the date formats feeds use into UTC instants: RFC 822/1123 and its common mistakes
 * (two-digit years, missing seconds or zone, full month names, US zone names, no comma), W3CDTF and
 * ISO 8601 (RFC 3339 and the compact forms), asctime, and a few localised forms seen in the wild
 * (Greek, Hungarian and Korean month names, Perforce's {@code yyyy/mm/dd}).
 *
 * <p>Never guesses: a string it cannot read completely yields {@code null}, logged at debug level.
 * Hand-written scanners instead of {@code DateTimeFormatter} chains, because trying formatters one
 * after another is where Rome spends its time. Thread-safe (stateless).
 */
final class DateParser {
  private static final Logger LOG = LoggerFactory.getLogger(DateParser.class);

  private static final Pattern ISO =
      Pattern.compile(
          "(\\d{4})(?:-(\\d{1,3})(?:-(\\d{1,2}))?|(\\d{2})(\\d{2}))?"
              + "(?:(?:[Tt]|\\s+)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?"
              + "\\s*([Zz]|[+-]\\d{2}(?::?\\d{2})?)?)?");
  private static final Pattern ISO_SHORT = Pattern.compile("(\\d{2})-?(\\d{2})-?(\\d{2})");
  private static final Pattern ISO_YYMM = Pattern.compile("-(\\d{2})-?(\\d{2})");
  private static final Pattern KOREAN_ONBLOG =
      Pattern.compile("(\\d{4})년\\s*(\\d{1,2})월\\s*(\\d{1,2})일\\s*(\\d{1,2}):(\\d{2}):(\\d{2})");
  private static final Pattern KOREAN_NATE =
      Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})\\s*(오전|오후)\\s*(\\d{1,2}):(\\d{2}):(\\d{2})");
  private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}))?");
  private static final Pattern OFFSET =
      Pattern.compile("(?:GMT|UTC|UT)?([+-])(\\d{1,2}):?(\\d{2})?");

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("jan", 1),
          Map.entry("feb", 2),
          Map.entry("mar", 3),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("jun", 6),
          Map.entry("jul", 7),
          Map.entry("aug", 8),
          Map.entry("sep", 9),
          Map.entry("oct", 10),
          Map.entry("nov", 11),
          Map.entry("dec", 12),
          // Greek abbreviations, accented and not
          Map.entry("ιαν", 1),
          Map.entry("φεβ", 2),
          Map.entry("μάρ", 3),
          Map.entry("μαρ", 3),
          Map.entry("απρ", 4),
          Map.entry("μάι", 5),
          Map.entry("μαϊ", 5),
          Map.entry("μαι", 5),
          Map.entry("ιούν", 6),
          Map.entry("ιον", 6),
          Map.entry("ιούλ", 7),
          Map.entry("ιολ", 7),
          Map.entry("αύγ", 8),
          Map.entry("αυγ", 8),
          Map.entry("σεπ", 9),
          Map.entry("οκτ", 10),
          Map.entry("νοέ", 11),
          Map.entry("νοε", 11),
          Map.entry("δεκ", 12),
          // Hungarian
          Map.entry("január", 1),
          Map.entry("február", 2),
          Map.entry("március", 3),
          Map.entry("április", 4),
          Map.entry("május", 5),
          Map.entry("június", 6),
          Map.entry("július", 7),
          Map.entry("augusztus", 8),
          Map.entry("szeptember", 9),
          Map.entry("október", 10),
          Map.entry("november", 11),
          Map.entry("december", 12));

  /** Zone names of RFC 822 section 5 plus the US and European ones feeds use; in minutes. */
  private static final Map<String, Integer> ZONES =
      Map.ofEntries(
          Map.entry("gmt", 0),
          Map.entry("ut", 0),
          Map.entry("utc", 0),
          Map.entry("z", 0),
          Map.entry("etc/gmt", 0),
          Map.entry("etc/utc", 0),
          Map.entry("est", -300),
          Map.entry("edt", -240),
          Map.entry("cst", -360),
          Map.entry("cdt", -300),
          Map.entry("mst", -420),
          Map.entry("mdt", -360),
          Map.entry("pst", -480),
          Map.entry("pdt", -420),
          Map.entry("at", -240),
          Map.entry("et", -300),
          Map.entry("ct", -360),
          Map.entry("mt", -420),
          Map.entry("pt", -480),
          Map.entry("met", 60),
          Map.entry("mest", 120),
          Map.entry("cet", 60),
          Map.entry("cest", 120),
          Map.entry("bst", 60),
          Map.entry("eet", 120),
          Map.entry("eest", 180),
          Map.entry("kst", 540),
          Map.entry("jst", 540),
          Map.entry("hst", -600),
          Map.entry("akst", -540),
          Map.entry("akdt", -480));

  private DateParser() {}

  /** Returns the instant {@code s} denotes, or {@code null} if it is empty or unreadable. */
  static Instant parse(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    if (t.isEmpty() || t.length() > 100) {
      return null;
    }
    Instant r;
    try {
      r = Character.isDigit(t.charAt(0)) || t.charAt(0) == '-' ? numeric(t) : null;
      if (r == null) {
        r = rfc822(t);
      }
    } catch (DateTimeException | NumberFormatException e) {
      r = null;
    }
    if (r == null) {
      LOG.debug("unparseable date {}", t);
    }
    return r;
  }

  private static Instant numeric(String t) {
    Matcher m = ISO.matcher(t);
    if (m.matches()) {
      int year = Integer.parseInt(m.group(1));
      int month = 1;
      int day = 1;
      if (m.group(2) != null) {
        month = Integer.parseInt(m.group(2));
        day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
      } else if (m.group(4) != null) {
        month = Integer.parseInt(m.group(4));
        day = Integer.parseInt(m.group(5));
      }
      int hour = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
      int minute = m.group(7) == null ? 0 : Integer.parseInt(m.group(7));
      int second = m.group(8) == null ? 0 : Integer.parseInt(m.group(8));
      int offset = m.group(9) == null ? 0 : isoOffset(m.group(9));
      return at(year, month, day, hour, minute, second, offset);
    }
    m = KOREAN_ONBLOG.matcher(t);
    if (m.matches()) {
      return at(m, 0, 540);
    }
    m = KOREAN_NATE.matcher(t);
    if (m.matches()) {
      int hour = Integer.parseInt(m.group(5)) % 12 + (m.group(4).equals("오후") ? 12 : 0);
      return at(
          Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)),
          hour,
          Integer.parseInt(m.group(6)),
          Integer.parseInt(m.group(7)),
          540);
    }
    m = ISO_SHORT.matcher(t);
    if (m.matches()) {
      return at(
          2000 + Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)),
          0,
          0,
          0,
          0);
    }
    m = ISO_YYMM.matcher(t);
    if (m.matches()) {
      return at(2000 + Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1, 0, 0, 0, 0);
    }
    String translated = translateMonth(t);
    return translated.equals(t) ? rfc822(t) : numeric(translated);
  }

  /** Rewrites {@code 2004-július-13} style dates to numeric months. */
  private static String translateMonth(String t) {
    Matcher m = Pattern.compile("^(\\d{4})-(\\p{L}+)-").matcher(t);
    if (m.find()) {
      Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
      if (month != null) {
        return String.format(Locale.ROOT, "%s-%02d-%s", m.group(1), month, t.substring(m.end()));
      }
    }
    return t;
  }

  private static Instant at(Matcher m, int first, int offset) {
    return at(
        Integer.parseInt(m.group(first + 1)),
        Integer.parseInt(m.group(first + 2)),
        Integer.parseInt(m.group(first + 3)),
        Integer.parseInt(m.group(first + 4)),
        Integer.parseInt(m.group(first + 5)),
        Integer.parseInt(m.group(first + 6)),
        offset);
  }

  private static int isoOffset(String z) {
    if (z.equalsIgnoreCase("z")) {
      return 0;
    }
    int sign = z.charAt(0) == '-' ? -1 : 1;
    String digits = z.substring(1).replace(":", "");
    int h = Integer.parseInt(digits.substring(0, 2));
    int mm = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
    if (h > 18 || mm > 59) {
      throw new DateTimeException("offset out of range: " + z);
    }
    return sign * (h * 60 + mm);
  }

  /** Reads RFC 822 and its relatives from whitespace/comma separated tokens. */
  private static Instant rfc822(String t) {
    String[] tokens = t.replace(',', ' ').strip().split("\\s+");
    int i = 0;
    // A leading day name (any language) carries no information.
    if (i < tokens.length && isWord(tokens[i]) && month(tokens[i]) == null) {
      i++;
    }
    Integer day = null;
    Integer month = null;
    Integer year = null;
    int[] time = null;
    Integer offset = null;
    for (; i < tokens.length; i++) {
      String tok = tokens[i];
      Integer mo = month(tok);
      if (month == null && mo != null) {
        month = mo;
      } else if (time == null && tok.indexOf(':') > 0 && Character.isDigit(tok.charAt(0))) {
        time = time(tok);
        if (time == null) {
          return null;
        }
      } else if (time == null && tok.indexOf('/') > 0 && year == null) {
        String[] ymd = tok.split("/");
        if (ymd.length != 3) {
          return null;
        }
        year = Integer.parseInt(ymd[0]);
        month = Integer.parseInt(ymd[1]);
        day = Integer.parseInt(ymd[2]);
      } else if (isDigits(tok) && (day == null || year == null) && time == null
          || isDigits(tok) && year == null) {
        int v = Integer.parseInt(tok);
        if (day == null && tok.length() <= 2 && !(month == null && year != null)) {
          day = v;
        } else if (year == null) {
          year = tok.length() <= 2 ? (v < 90 ? 2000 + v : 1900 + v) : v;
        } else {
          return null;
        }
      } else if (offset == null && time != null) {
        offset = zone(tok);
        if (offset == null) {
          return null;
        }
      } else {
        return null;
      }
    }
    if (day == null || month == null || year == null) {
      return null;
    }
    int[] hms = time == null ? new int[3] : time;
    return at(year, month, day, hms[0], hms[1], hms[2], offset == null ? 0 : offset);
  }

  private static int[] time(String tok) {
    Matcher m = TIME.matcher(tok);
    if (!m.matches()) {
      return null;
    }
    return new int[] {
      Integer.parseInt(m.group(1)),
      Integer.parseInt(m.group(2)),
      m.group(3) == null ? 0 : Integer.parseInt(m.group(3))
    };
  }

  private static Integer zone(String tok) {
    Integer named = ZONES.get(tok.toLowerCase(Locale.ROOT));
    if (named != null) {
      return named;
    }
    Matcher m = OFFSET.matcher(tok);
    if (!m.matches()) {
      return null;
    }
    String digits = m.group(2);
    int h;
    int mm;
    if (m.group(3) == null && digits.length() <= 2) {
      h = Integer.parseInt(digits);
      mm = 0;
    } else {
      h = Integer.parseInt(digits);
      mm = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    }
    if (h > 18 || mm > 59) {
      return null;
    }
    return (m.group(1).equals("-") ? -1 : 1) * (h * 60 + mm);
  }

  private static Integer month(String tok) {
    String l = tok.toLowerCase(Locale.ROOT).replace(".", "");
    Integer m = MONTHS.get(l);
    if (m == null && l.length() > 3 && l.chars().allMatch(c -> c < 128)) {
      m = MONTHS.get(l.substring(0, 3));
    }
    return m;
  }

  private static boolean isWord(String tok) {
    return !tok.isEmpty() && tok.chars().allMatch(c -> Character.isLetter(c) || c == '.');
  }

  private static boolean isDigits(String tok) {
    return !tok.isEmpty() && tok.length() <= 4 && tok.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static Instant at(int y, int mo, int d, int h, int mi, int s, int offsetMinutes) {
    return LocalDateTime.of(y, mo, d, h, mi, s)
        .toInstant(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
  }
}
