package org.feedfold.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.feedfold.demo.Outlet.Format;
import org.feedfold.demo.Outlet.Style;
import org.feedfold.demo.WikinewsSample.Article;

/**
 * Decides what each outlet has published at a given moment of the demo: which items, with which
 * headline, time and text. Pure and thread-safe; the moment is passed in.
 *
 * <p>The timeline, in steps (10 s by default): the wire and three outlets publish from the start;
 * the wire's live story (article 0) gains an "Update" paragraph at steps 2, 4 and 6 under the same
 * entry id; a republisher joins at step 3 and a second original outlet at step 5.
 */
final class Newsroom {
  static final int LIVE = 0;
  static final int[] UPDATE_STEPS = {2, 4, 6};

  /** Paragraphs of the live story before any update; later paragraphs arrive as updates. */
  private static final int LIVE_BASE_PARAGRAPHS = 3;

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  static final List<Outlet> OUTLETS =
      List.of(
          new Outlet(
              "wire",
              "Wikinews Wire",
              Format.RSS,
              Style.ORIGINAL,
              0,
              List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)),
          new Outlet(
              "courier", "Daily Courier", Format.ATOM, Style.TEASER, 0, List.of(0, 1, 3, 5, 8, 10)),
          new Outlet(
              "metroblog",
              "Metro Blog",
              Format.JSON,
              Style.CREDITED_EXCERPT,
              0,
              List.of(2, 6, 9, 11)),
          new Outlet(
              "digest", "Global Digest", Format.RSS, Style.PADDED_COPY, 3, List.of(1, 4, 7, 12)),
          new Outlet("newswatch", "Newswatch", Format.ATOM, Style.OWN, 5, List.of(13, 14)));

  /**
   * Is one published item.
   *
   * @param guid the entry id, stable across versions
   * @param path the page's path on the wire
   * @param title the outlet's headline
   * @param published when the outlet published it
   * @param updated when it last changed
   * @param feedHtml what the feed carries (the whole text, a teaser or an excerpt)
   * @param pageHtml the article's paragraphs as they appear on the outlet's page
   */
  record Item(
      String guid,
      String path,
      String title,
      Instant published,
      Instant updated,
      String feedHtml,
      String pageHtml) {}

  private final List<Article> articles;
  private final Instant start;
  private final Duration step;

  Newsroom(List<Article> articles, Instant start, Duration step) {
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("step must be positive: " + step);
    }
    int needed =
        OUTLETS.stream().flatMap(o -> o.carries().stream()).mapToInt(i -> i).max().orElse(0);
    if (articles.size() <= needed) {
      throw new IllegalArgumentException("the demo needs " + (needed + 1) + " articles");
    }
    this.articles = List.copyOf(articles);
    this.start = start;
    this.step = step;
  }

  /** Returns the outlets that exist at {@code now}. */
  List<Outlet> outlets(Instant now) {
    return OUTLETS.stream().filter(o -> !now.isBefore(at(o.joinsAtStep()))).toList();
  }

  /** Returns the items {@code outlet} has published at {@code now}, newest first. */
  List<Item> items(Outlet outlet, Instant now) {
    List<Item> items = new ArrayList<>();
    if (now.isBefore(at(outlet.joinsAtStep()))) {
      return items;
    }
    int rank = OUTLETS.indexOf(outlet);
    for (int n : outlet.carries()) {
      items.add(item(outlet, rank, n, now));
    }
    items.sort((a, b) -> b.published().compareTo(a.published()));
    return items;
  }

  /** Returns the item at {@code path}, if {@code outlet} has published it by {@code now}. */
  Item page(Outlet outlet, String path, Instant now) {
    for (Item i : items(outlet, now)) {
      if (i.path().equals(path)) {
        return i;
      }
    }
    return null;
  }

  /** Returns how many updates the live story carries at {@code now}. */
  int liveVersion(Instant now) {
    int v = 0;
    for (int s : UPDATE_STEPS) {
      if (!now.isBefore(at(s))) {
        v++;
      }
    }
    return v;
  }

  /** Returns the wire's publication time of article {@code n}: older articles earlier. */
  Instant wireTime(int n) {
    return n == LIVE
        ? start.minus(Duration.ofMinutes(3))
        : start.minus(Duration.ofMinutes(17L * (articles.size() - n)));
  }

  private Item item(Outlet outlet, int rank, int n, Instant now) {
    Article a = articles.get(n);
    String path = "/" + outlet.slug() + "/" + slug(a);
    List<String> paragraphs = text(n, now);
    String guid = "urn:demo:" + outlet.slug() + ":" + a.id();
    Instant published;
    if (outlet.joinsAtStep() > 0) {
      published = at(outlet.joinsAtStep()).plusSeconds(n);
    } else if (outlet.style() == Style.ORIGINAL) {
      published = wireTime(n);
    } else {
      // A republisher a few minutes behind the wire, but never in the future.
      Instant later = wireTime(n).plus(Duration.ofMinutes(4L + 7L * rank));
      published = later.isAfter(start) ? start.minusSeconds(30L * rank) : later;
    }
    Instant updated =
        n == LIVE && outlet.style() == Style.ORIGINAL && liveVersion(now) > 0
            ? at(UPDATE_STEPS[liveVersion(now) - 1])
            : published;
    String full = html(paragraphs);
    return switch (outlet.style()) {
      case ORIGINAL, OWN -> new Item(guid, path, a.title(), published, updated, full, full);
      case TEASER ->
          new Item(
              guid,
              path,
              teaserHeadline(a.title(), n),
              published,
              updated,
              html(List.of(teaser(paragraphs))),
              full);
      case CREDITED_EXCERPT -> {
        String excerpt =
            "<p><em>This post quotes a report first published by Wikinews Wire.</em></p>"
                + html(paragraphs.subList(0, 3))
                + "<p>Read the full story at <a href=\""
                + "/wire/"
                + slug(a)
                + "\">Wikinews Wire</a>.</p>";
        yield new Item(
            guid, path, "Via Wikinews Wire: " + a.title(), published, published, excerpt, excerpt);
      }
      case PADDED_COPY -> {
        List<String> edited = new ArrayList<>();
        for (String p : paragraphs.subList(0, paragraphs.size() - 1)) {
          edited.add(lightEdit(p));
        }
        edited.add(
            "This story was originally published by Wikinews Wire and is republished here under"
                + " a Creative Commons licence.");
        edited.add(
            "Donate today: Global Digest relies on readers like you to keep independent"
                + " journalism free for everyone.");
        String body = html(edited);
        yield new Item(
            guid,
            path,
            "REPUBLISHED: " + a.title().toUpperCase(Locale.ROOT),
            published,
            published,
            body,
            body);
      }
    };
  }

  private List<String> text(int n, Instant now) {
    List<String> paragraphs = articles.get(n).paragraphs();
    if (n != LIVE) {
      return paragraphs;
    }
    // The live story: the first paragraphs, then each update stacked on top, newest first.
    List<String> text = new ArrayList<>();
    int version = liveVersion(now);
    for (int v = version; v >= 1; v--) {
      text.add(
          "Update ("
              + CLOCK.format(at(UPDATE_STEPS[v - 1]))
              + " UTC): "
              + paragraphs.get(LIVE_BASE_PARAGRAPHS + v - 1));
    }
    text.addAll(paragraphs.subList(0, LIVE_BASE_PARAGRAPHS));
    return text;
  }

  private Instant at(int stepNumber) {
    return start.plus(step.multipliedBy(stepNumber));
  }

  static String slug(Article a) {
    String s = a.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    s = s.replaceAll("^-|-$", "");
    return (s.length() > 60 ? s.substring(0, 60) : s) + ".html";
  }

  private static String teaserHeadline(String title, int n) {
    return switch (n % 3) {
      case 0 -> "Breaking: " + title;
      case 1 -> title + ", reports say";
      default -> "What we know: " + title;
    };
  }

  /** Returns the first two sentences of the text. */
  private static String teaser(List<String> paragraphs) {
    String first = paragraphs.get(0);
    int end = -1;
    for (int i = 0, found = 0; i < first.length() - 1 && found < 2; i++) {
      if (first.charAt(i) == '.' && first.charAt(i + 1) == ' ') {
        end = i + 1;
        found++;
      }
    }
    return end < 0 ? first : first.substring(0, end);
  }

  /** Changes a few words, as a copy editor might. */
  private static String lightEdit(String p) {
    return p.replace(" said ", " stated ")
        .replace(" announced ", " declared ")
        .replace(" people ", " residents ")
        .replace(" however,", " though,");
  }

  static String html(List<String> paragraphs) {
    StringBuilder b = new StringBuilder();
    for (String p : paragraphs) {
      b.append("<p>").append(Pages.escape(p)).append("</p>\n");
    }
    return b.toString();
  }
}
