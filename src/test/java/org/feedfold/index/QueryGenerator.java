package org.feedfold.index;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.feedfold.model.ArticleInput;

/**
 * Generates random saved queries in every form the query syntax has ({@code title: text: source:
 * lang: published:}, phrases with and without slop, prefixes, wildcards, fuzzy terms, boosts,
 * {@code AND OR NOT + -}, groups, match-all), from the words, outlets, hosts and times of a set of
 * articles, so that many of them match something. Deterministic for a seed.
 */
final class QueryGenerator {
  private static final String[] LANGS = {"en", "en-gb", "fr", "de", "en-us"};

  private final Random random;
  private final List<String> words = new ArrayList<>();
  private final List<List<String>> texts = new ArrayList<>();
  private final List<String> sources = new ArrayList<>();
  private final List<String> hosts = new ArrayList<>();
  private final List<Instant> times = new ArrayList<>();

  QueryGenerator(List<ArticleInput> articles, long seed) {
    this.random = new Random(seed);
    Set<String> w = new LinkedHashSet<>();
    Set<String> s = new LinkedHashSet<>();
    Set<String> h = new LinkedHashSet<>();
    for (ArticleInput a : articles) {
      List<String> tokens = tokens(a.title() + " " + a.text());
      texts.add(tokens);
      for (String t : tokens) {
        if (t.length() >= 3) {
          w.add(t);
        }
      }
      if (a.source() != null) {
        s.add(a.source());
      }
      for (String u : new String[] {a.url(), a.feedUrl()}) {
        if (Fields.host(u) != null) {
          h.add(Fields.host(u));
        }
      }
      times.add(a.published() != null ? a.published() : a.seen());
    }
    words.addAll(w);
    sources.addAll(s);
    hosts.addAll(h);
  }

  /** Returns the next query. */
  String next() {
    return clause(3);
  }

  private String clause(int depth) {
    int kinds = depth > 0 ? 20 : 14;
    return switch (random.nextInt(kinds)) {
      case 0, 1 -> word();
      case 2 -> "title:" + word();
      case 3 -> "text:" + word();
      case 4 -> phrase(false);
      case 5 -> phrase(true);
      case 6 -> prefix() + "*";
      case 7 -> wildcard();
      case 8 -> word() + "~1";
      case 9 -> source();
      case 10 -> "lang:" + LANGS[random.nextInt(LANGS.length)];
      case 11 -> published();
      case 12 -> word() + "^" + (2 + random.nextInt(3));
      case 13 -> random.nextInt(4) == 0 ? "*:*" : "title:" + phrase(false);
      case 14 -> "(" + clause(depth - 1) + " AND " + clause(depth - 1) + ")";
      case 15 -> "(" + clause(depth - 1) + " OR " + clause(depth - 1) + ")";
      case 16 -> "(" + clause(depth - 1) + " -" + clause(depth - 1) + ")";
      case 17 -> "(+" + clause(depth - 1) + " " + clause(depth - 1) + ")";
      case 18 -> "(" + clause(depth - 1) + " " + clause(depth - 1) + " " + clause(depth - 1) + ")";
      default -> "(NOT " + clause(depth - 1) + ")";
    };
  }

  private String word() {
    return words.get(random.nextInt(words.size()));
  }

  /** Returns two or three neighbouring words of one article, so that phrases match. */
  private String phrase(boolean slop) {
    List<String> t = texts.get(random.nextInt(texts.size()));
    if (t.size() < 3) {
      return "\"" + word() + " " + word() + "\"";
    }
    int n = 2 + random.nextInt(2);
    int at = random.nextInt(t.size() - n + 1);
    String p = "\"" + String.join(" ", t.subList(at, at + n)) + "\"";
    return slop ? p + "~" + random.nextInt(4) : p;
  }

  private String prefix() {
    String w = word();
    return w.substring(0, Math.min(w.length(), 2 + random.nextInt(3)));
  }

  private String wildcard() {
    String w = word();
    return w.length() < 4 ? w + "*" : w.substring(0, 2) + "?" + w.substring(3);
  }

  private String source() {
    return switch (random.nextInt(3)) {
      case 0 -> "source:\"" + sources.get(random.nextInt(sources.size())) + "\"";
      case 1 ->
          "source:"
              + tokens(sources.get(random.nextInt(sources.size()))).stream()
                  .reduce((a, b) -> random.nextBoolean() ? a : b)
                  .orElse("news");
      default -> "source:" + hosts.get(random.nextInt(hosts.size()));
    };
  }

  private String published() {
    Instant t = times.get(random.nextInt(times.size()));
    Instant u = t.plus(Duration.ofHours(random.nextInt(72)));
    return switch (random.nextInt(4)) {
      case 0 -> "published:" + t.toString().substring(0, 10);
      case 1 -> "published:[" + t + " TO " + u + "]";
      case 2 -> "published:[* TO " + t.toString().substring(0, 10) + "]";
      default -> "published:{" + t + " TO *}";
    };
  }

  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    for (String t : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }
}
