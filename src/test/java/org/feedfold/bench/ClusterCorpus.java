package org.feedfold.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.feedfold.model.ArticleInput;

/**
 * Generates a syndication test corpus from real Wikinews text: every article is republished through
 * the transformations news sites apply, and each original with its copies is one gold story.
 *
 * <p>Transformations: verbatim copy inside another site's template (header, byline, footer, a
 * "Related stories" list of other headlines); changed headline with a sentence dropped, a number
 * corrected and paragraphs reordered; a teaser of 2-3 sentences; an excerpt ending with a credit
 * line; successive versions of a live story with "Update (19:50 ET)" paragraphs stacked on top; a
 * wire write-through with a new lead. Deterministic for a seed.
 */
public final class ClusterCorpus {
  /** One generated article with its gold story (the id of the original). */
  public record Item(ArticleInput article, String gold, String kind) {}

  /** Is one source article of the corpus. */
  public record Original(
      String id, String url, String title, List<String> paragraphs, Instant published) {}

  private static final String[] SITES = {
    "Daily Courier",
    "Metro Herald",
    "The Evening Post",
    "Coastline News",
    "Valley Tribune",
    "Capital Wire",
    "Northern Star",
    "Globe Digest"
  };
  private static final Pattern NUMBER = Pattern.compile("\\b\\d+\\b");
  private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?][\"”’']?)\\s+(?=[A-Z“\"])");

  private final List<Original> originals;
  private final Random random;

  private ClusterCorpus(List<Original> originals, long seed) {
    this.originals = originals;
    this.random = new Random(seed);
  }

  /** Loads the Wikinews fixture from the test classpath. */
  public static List<Original> wikinews() {
    List<Original> out = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    try (InputStream in =
            ClusterCorpus.class.getResourceAsStream("/cluster/wikinews/articles.jsonl");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        JsonNode n = mapper.readTree(line);
        List<String> paras = paragraphs(n.get("text").asText(), "\n\n");
        Instant day =
            LocalDate.parse(n.get("published").asText()).atStartOfDay(ZoneOffset.UTC).toInstant();
        out.add(
            new Original(
                n.get("id").asText(), n.get("url").asText(), n.get("title").asText(), paras, day));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Loads originals from JSON lines of {@code id}, {@code title} and {@code text} (paragraphs one
   * per line), such as the ECB+ kit's articles, which carry no dates: articles of one {@code group}
   * (a topic) are published an hour apart in file order, groups ten days apart, so that reports of
   * one event are as close in time as in real news and different topics are not.
   */
  public static List<Original> fromJsonl(
      Path file, java.util.function.Function<String, String> group, Instant start) {
    List<Original> out = new ArrayList<>();
    java.util.Map<String, Integer> groups = new java.util.HashMap<>();
    java.util.Map<String, Integer> members = new java.util.HashMap<>();
    ObjectMapper mapper = new ObjectMapper();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        JsonNode n = mapper.readTree(line);
        List<String> paras = paragraphs(n.get("text").asText(), "\n");
        if (paras.isEmpty()) {
          continue;
        }
        String id = n.get("id").asText();
        String g = group.apply(id);
        int gi = groups.computeIfAbsent(g, k -> groups.size());
        int mi = members.merge(g, 1, Integer::sum) - 1;
        Instant at = start.plus(Duration.ofDays(10L * gi)).plus(Duration.ofHours(mi));
        out.add(
            new Original(id, "https://source.example/" + id, n.get("title").asText(), paras, at));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Splits a text into its non-blank paragraphs at {@code separator}, stripped. */
  private static List<String> paragraphs(String text, String separator) {
    return Arrays.stream(text.split(separator))
        .map(String::strip)
        .filter(p -> !p.isEmpty())
        .collect(Collectors.toList());
  }

  /**
   * Returns the originals and all their republications, sorted by publication time (ties in random
   * order), for the first {@code limit} originals.
   */
  public static List<Item> generate(List<Original> originals, int limit, long seed) {
    return new ClusterCorpus(originals.subList(0, Math.min(limit, originals.size())), seed).build();
  }

  private List<Item> build() {
    List<Item> out = new ArrayList<>();
    for (Original o : originals) {
      Instant t = o.published().plus(Duration.ofMinutes(random.nextInt(12 * 60)));
      String site0 = SITES[random.nextInt(SITES.length)];
      out.add(item(o, "original", o.id(), o.url(), o.title(), join(o.paragraphs()), t, "Wikinews"));
      int n = 0;
      for (String kind : List.of("verbatim", "edited", "teaser", "excerpt", "updates", "wire")) {
        String site = SITES[(Arrays.asList(SITES).indexOf(site0) + ++n) % SITES.length];
        Instant at = t.plus(Duration.ofMinutes(10 + random.nextInt(36 * 60)));
        switch (kind) {
          case "verbatim" ->
              out.add(copy(o, kind, site, o.title(), wrap(site, o.paragraphs()), at));
          case "edited" ->
              out.add(copy(o, kind, site, newHeadline(o), wrap(site, edit(o.paragraphs())), at));
          case "teaser" ->
              out.add(copy(o, kind, site, o.title(), wrapShort(site, teaser(o.paragraphs())), at));
          case "excerpt" ->
              out.add(copy(o, kind, site, o.title(), excerpt(o.paragraphs(), site), at));
          case "updates" -> out.addAll(updates(o, site, at));
          case "wire" ->
              out.add(copy(o, kind, site, o.title(), wrap(site, writeThrough(o.paragraphs())), at));
          default -> throw new IllegalStateException(kind);
        }
      }
    }
    Collections.shuffle(out, random);
    out.sort(Comparator.comparing(i -> i.article().published()));
    return out;
  }

  private Item copy(Original o, String kind, String site, String title, String text, Instant at) {
    String slug = o.id().substring(o.id().length() - 12);
    String url =
        "https://"
            + site.toLowerCase(Locale.ROOT).replace(' ', '-')
            + ".example/"
            + kind
            + "/"
            + slug;
    return item(o, kind, o.id() + "-" + kind, url, title, text, at, site);
  }

  private static Item item(
      Original o,
      String kind,
      String id,
      String url,
      String title,
      String text,
      Instant at,
      String source) {
    ArticleInput a =
        new ArticleInput(id, url, null, title, text, null, at, at, source, null, null, "en");
    return new Item(a, o.id(), kind);
  }

  /** Wraps paragraphs in a site's template: header, byline, footer and a related-stories list. */
  private String wrap(String site, List<String> paragraphs) {
    List<String> out = new ArrayList<>();
    out.add(site + " | Home | World | Politics | Business | Science | Sport | Opinion");
    out.add("By " + site + " staff and wire services");
    out.addAll(paragraphs);
    out.add("Related stories:");
    for (int i = 0; i < 4; i++) {
      out.add(originals.get(random.nextInt(originals.size())).title());
    }
    out.add(footer(site));
    return join(out);
  }

  private String wrapShort(String site, List<String> paragraphs) {
    List<String> out = new ArrayList<>();
    out.add(site + " | Home | World | Politics | Business | Science | Sport | Opinion");
    out.addAll(paragraphs);
    out.add("Read the full story on our partner site.");
    out.add(footer(site));
    return join(out);
  }

  private static String footer(String site) {
    return "Copyright "
        + site
        + " Media Group. All rights reserved. This material may not be published, "
        + "broadcast, rewritten or redistributed. Sign up for the "
        + site
        + " newsletter to get the day's top stories delivered to your inbox every morning.";
  }

  private String newHeadline(Original o) {
    String[] w = o.title().split(" ");
    List<String> words = new ArrayList<>(Arrays.asList(w));
    Collections.reverse(words.subList(0, Math.min(3, words.size())));
    return (random.nextBoolean() ? "Report: " : "Breaking: ") + String.join(" ", words);
  }

  /** Drops a sentence, corrects a number and swaps two paragraphs. */
  private List<String> edit(List<String> paragraphs) {
    List<String> out = new ArrayList<>(paragraphs);
    int p = random.nextInt(out.size());
    List<String> sentences = sentences(out.get(p));
    if (sentences.size() > 1) {
      sentences.remove(random.nextInt(sentences.size()));
      out.set(p, String.join(" ", sentences));
    }
    for (int i = 0; i < out.size(); i++) {
      Matcher m = NUMBER.matcher(out.get(i));
      if (m.find()) {
        long v = Long.parseLong(m.group().length() > 12 ? "1" : m.group());
        out.set(i, out.get(i).substring(0, m.start()) + (v + 1) + out.get(i).substring(m.end()));
        break;
      }
    }
    if (out.size() > 2) {
      int a = 1 + random.nextInt(out.size() - 1);
      Collections.swap(out, a, a - 1);
    }
    return out;
  }

  private List<String> teaser(List<String> paragraphs) {
    List<String> all = new ArrayList<>();
    for (String p : paragraphs) {
      all.addAll(sentences(p));
    }
    return List.of(String.join(" ", all.subList(0, Math.min(all.size(), 2 + random.nextInt(2)))));
  }

  private List<String> excerptParagraphs(List<String> paragraphs) {
    return new ArrayList<>(paragraphs.subList(0, Math.max(1, (paragraphs.size() + 1) / 2)));
  }

  private String excerpt(List<String> paragraphs, String site) {
    List<String> out = excerptParagraphs(paragraphs);
    out.add("(Article by " + site + " correspondent republished from Wikinews under CC BY 2.5)");
    return join(out);
  }

  /** Returns three versions of a live story, each stacking an update on top of the previous. */
  private List<Item> updates(Original o, String site, Instant at) {
    List<String> paras = o.paragraphs();
    int base = Math.max(1, paras.size() / 2);
    List<String> text = new ArrayList<>(paras.subList(0, base));
    List<Item> out = new ArrayList<>();
    Original oo = o;
    for (int v = 1; v <= 3; v++) {
      if (v > 1) {
        int next = base + v - 2;
        if (next >= paras.size()) {
          break;
        }
        int hour = 12 + v * 2;
        text.add(
            0,
            String.format(
                Locale.ROOT, "Update (%d:%02d ET): %s", hour, random.nextInt(60), paras.get(next)));
      }
      out.add(
          copy(
              oo,
              "update" + v,
              site,
              o.title() + (v > 1 ? " (updated)" : ""),
              join(text),
              at.plus(Duration.ofHours(3L * v))));
    }
    return out;
  }

  /** Rewrites the lead: a later paragraph moves to the top and the old lead loses a sentence. */
  private List<String> writeThrough(List<String> paragraphs) {
    List<String> out = new ArrayList<>(paragraphs);
    if (out.size() > 2) {
      String later = out.remove(out.size() - 1);
      out.add(0, "WRITETHRU: " + later);
    }
    List<String> lead = sentences(out.get(Math.min(1, out.size() - 1)));
    if (lead.size() > 1) {
      lead.remove(0);
      out.set(Math.min(1, out.size() - 1), String.join(" ", lead));
    }
    return out;
  }

  private static List<String> sentences(String p) {
    return new ArrayList<>(Arrays.asList(SENTENCE.split(p)));
  }

  private static String join(List<String> paragraphs) {
    return String.join("\n", paragraphs);
  }

  /** Pairwise precision and recall of a predicted clustering against gold. */
  public record Score(
      double precision, double recall, long truePairs, long predictedPairs, long goldPairs) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "pairwise P %.4f R %.4f (tp %d, predicted %d, gold %d)",
          precision,
          recall,
          truePairs,
          predictedPairs,
          goldPairs);
    }
  }

  /** Scores predicted story ids ({@code predicted.get(i)} for {@code items.get(i)}). */
  public static Score score(List<Item> items, List<String> predicted) {
    java.util.Map<String, Long> g = new java.util.HashMap<>();
    java.util.Map<String, Long> p = new java.util.HashMap<>();
    java.util.Map<String, Long> gp = new java.util.HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      g.merge(items.get(i).gold(), 1L, Long::sum);
      p.merge(predicted.get(i), 1L, Long::sum);
      gp.merge(items.get(i).gold() + "\u0000" + predicted.get(i), 1L, Long::sum);
    }
    long tp = gp.values().stream().mapToLong(ClusterCorpus::pairs).sum();
    long pp = p.values().stream().mapToLong(ClusterCorpus::pairs).sum();
    long gg = g.values().stream().mapToLong(ClusterCorpus::pairs).sum();
    return new Score(pp == 0 ? 1 : (double) tp / pp, gg == 0 ? 1 : (double) tp / gg, tp, pp, gg);
  }

  private static long pairs(long n) {
    return n * (n - 1) / 2;
  }
}
