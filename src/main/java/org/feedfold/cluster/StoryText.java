package org.feedfold.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses how a story is presented: the original's headline and link, and the most complete text of
 * the story without any outlet's own additions (issue 11; the rules are in {@code
 * docs/STORIES.md}).
 *
 * <p>The original (the earliest publisher) is the reference. Its text is the story as it was told,
 * later versions of it included. A republisher's paragraph is the story's if the original has a
 * paragraph like it; one the original lacks although it covers that place (before, between or, when
 * the original goes on, after the paragraphs they share) is that outlet's addition: a credit line,
 * a donation appeal, a "related" link. Beyond the end of a shorter original (a teaser) nothing
 * tells, so such a paragraph stays the story's unless it names an outlet (the republisher's own or
 * the original's), as credit lines and appeals do. The body is then the original's text, unless a
 * member sharing at least one paragraph with it carries more words of the story once its additions
 * are left out.
 *
 * <p>Paragraphs are compared by fingerprint: the set of hashed word pairs of their normalised words
 * (lower case, letters and digits only). Two paragraphs are alike when at least {@value #ALIKE} of
 * the smaller's pairs are in the other, so a copy editor's changed words, a teaser cut from a
 * paragraph and a stripped link still match; paragraphs of fewer than {@value #MIN_PAIRS} pairs
 * must be equal.
 *
 * <p>Pure and thread-safe. Bounded: reads at most {@value #MAX_MEMBERS} members (the original and
 * the earliest others), {@value #MAX_PARAGRAPHS} paragraphs and {@link Fingerprinter#MAX_CHARS}
 * chars of each; a paragraph is matched through an index of the original's word pairs, so judging a
 * member costs time linear in its words. Worst case (32 members of 200 paragraphs of 40 words, none
 * alike) about 0.2 s on 2 cores once warm.
 */
public final class StoryText {
  /** Share of the smaller paragraph's word pairs the other must have for the two to be alike. */
  static final double ALIKE = 0.5;

  /** Paragraphs with fewer word pairs than this are alike only when equal. */
  static final int MIN_PAIRS = 4;

  /** Members compared at most; the rest are neither judged nor chosen. */
  public static final int MAX_MEMBERS = 32;

  /** Paragraphs of one member read at most. */
  static final int MAX_PARAGRAPHS = 200;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private StoryText() {}

  /**
   * Is one member as the choice reads it.
   *
   * @param id the article id
   * @param source its outlet's name; may be {@code null}
   * @param title its headline; may be {@code null}
   * @param url its link; may be {@code null}
   * @param text its plain text, one paragraph per line; {@code null} reads as empty
   * @param original true for the earliest publisher's article
   */
  public record Member(
      String id, String source, String title, String url, String text, boolean original) {}

  /**
   * Is how the story is presented.
   *
   * @param title the original's headline
   * @param url the original's link; if it has none, the body member's, else the earliest member's
   * @param bodyFrom the id of the member whose text is the body
   * @param paragraphs the body: that member's paragraphs without its outlet's additions
   * @param additions the paragraphs left out of the body as its outlet's additions, in text order;
   *     empty when the body is the member's whole text
   */
  public record Choice(
      String title, String url, String bodyFrom, List<String> paragraphs, List<String> additions) {
    public Choice {
      paragraphs = List.copyOf(paragraphs);
      additions = List.copyOf(additions);
    }

    /** Returns the body as plain text, one paragraph per line. */
    public String text() {
      return String.join("\n", paragraphs);
    }
  }

  /**
   * Chooses the headline, link and body of a story.
   *
   * @param members the members, earliest first; the one marked {@code original} (else the first) is
   *     the reference
   * @throws IllegalArgumentException if {@code members} is empty
   */
  public static Choice choose(List<Member> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a story has at least one member");
    }
    Member original = members.stream().filter(Member::original).findFirst().orElse(members.get(0));
    Text ref = new Text(original);
    Choice best = new Choice(original.title(), original.url(), original.id(), ref.raw, List.of());
    int bestWords = ref.words();
    int seen = 1;
    for (Member m : members) {
      if (m == original || seen++ >= MAX_MEMBERS) {
        continue;
      }
      Text t = new Text(m);
      Judged j = judge(t, ref, original.source());
      if ((j.sharesAny || ref.raw.isEmpty()) && j.extendsStory && j.words > bestWords) {
        best = new Choice(original.title(), original.url(), m.id(), j.kept, j.dropped);
        bestWords = j.words;
      }
    }
    return best.url() != null && !best.url().isBlank() ? best : withLink(best, members);
  }

  /**
   * Returns {@code c} linked to its body's member, else the earliest member with a link: an
   * original without a link (an imported article) must not leave the entry without one.
   */
  private static Choice withLink(Choice c, List<Member> members) {
    Member link = null;
    for (Member m : members) {
      boolean has = m.url() != null && !m.url().isBlank();
      if (has && (link == null || m.id().equals(c.bodyFrom()))) {
        link = m;
      }
    }
    return link == null
        ? c
        : new Choice(c.title(), link.url(), c.bodyFrom(), c.paragraphs(), c.additions());
  }

  /**
   * Returns the paragraphs of {@code m} that are its outlet's additions rather than the story's,
   * judged against {@code original} as {@link #choose} does.
   */
  public static List<String> additions(Member m, Member original) {
    return judge(new Text(m), new Text(original), original.source()).dropped;
  }

  /** Splits plain text into its non-blank paragraphs (lines), stripped. */
  public static List<String> paragraphs(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    String s =
        text.length() > Fingerprinter.MAX_CHARS ? text.substring(0, Fingerprinter.MAX_CHARS) : text;
    for (String line : s.split("\n")) {
      if (!line.isBlank() && out.size() < MAX_PARAGRAPHS) {
        out.add(line.strip());
      }
    }
    return out;
  }

  /** Is what judging one member found. */
  private record Judged(
      List<String> kept,
      List<String> dropped,
      int words,
      boolean sharesAny,
      boolean extendsStory) {}

  private static Judged judge(Text t, Text ref, String originalSource) {
    int n = t.raw.size();
    int[] inRef = new int[n];
    int lastShared = -1;
    for (int i = 0; i < n; i++) {
      inRef[i] = ref.find(t.prints[i]);
      if (inRef[i] >= 0) {
        lastShared = i;
      }
    }
    // The original goes on past the last paragraph this member shares with it: it covers the tail.
    boolean refGoesOn = lastShared >= 0 && inRef[lastShared] < ref.raw.size() - 1;
    List<String> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    int words = 0;
    boolean beyond = false;
    for (int i = 0; i < n; i++) {
      boolean story;
      if (inRef[i] >= 0) {
        story = true;
      } else if (i < lastShared || refGoesOn) {
        story = false;
      } else {
        story = !names(t.raw.get(i), t.member.source()) && !names(t.raw.get(i), originalSource);
        beyond |= story;
      }
      if (story) {
        kept.add(t.raw.get(i));
        words += t.prints[i].words;
      } else {
        dropped.add(t.raw.get(i));
      }
    }
    return new Judged(kept, dropped, words, lastShared >= 0, beyond);
  }

  /** Says whether {@code paragraph} names the outlet {@code source}, as whole words. */
  static boolean names(String paragraph, String source) {
    if (source == null || source.isBlank()) {
      return false;
    }
    List<String> p = words(paragraph);
    List<String> s = words(source);
    if (s.isEmpty()) {
      return false;
    }
    return java.util.Collections.indexOfSubList(p, s) >= 0;
  }

  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(s.toLowerCase(Locale.ROOT));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** Is one member's paragraphs and their fingerprints. */
  private static final class Text {
    final Member member;
    final List<String> raw;
    final Print[] prints;

    Text(Member member) {
      this.member = member;
      this.raw = paragraphs(member.text());
      this.prints = new Print[raw.size()];
      for (int i = 0; i < prints.length; i++) {
        prints[i] = Print.of(raw.get(i));
      }
    }

    /** Paragraph numbers by word-pair hash; built at the first {@link #find}. */
    private Map<Long, int[]> postings;

    /**
     * Returns the index of the first paragraph alike {@code p}, or -1. Counts shared pairs through
     * {@link #postings}, so a member is judged in time linear in its pairs, not in the product of
     * the two paragraph counts.
     */
    int find(Print p) {
      if (postings == null) {
        postings = postings(prints);
      }
      int[] shared = new int[prints.length];
      for (long pair : p.pairs()) {
        int[] in = postings.get(pair);
        if (in != null) {
          for (int i : in) {
            shared[i]++;
          }
        }
      }
      for (int i = 0; i < prints.length; i++) {
        if (shared[i] > 0 && prints[i].alike(p, shared[i])) {
          return i;
        }
      }
      return -1;
    }

    private static Map<Long, int[]> postings(Print[] prints) {
      Map<Long, int[]> out = new HashMap<>();
      for (int i = 0; i < prints.length; i++) {
        for (long pair : prints[i].pairs()) {
          int[] old = out.get(pair);
          int[] grown = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
          grown[grown.length - 1] = i;
          out.put(pair, grown);
        }
      }
      return out;
    }

    int words() {
      int w = 0;
      for (Print p : prints) {
        w += p.words;
      }
      return w;
    }
  }

  /** Is a paragraph's fingerprint: its sorted distinct word-pair hashes and its word count. */
  record Print(long[] pairs, int words) {
    static Print of(String paragraph) {
      // One pass over the chars, no word strings: this runs for every paragraph of every member
      // each time a story is read.
      long[] words = new long[16];
      int n = 0;
      long h = FNV_OFFSET;
      boolean inWord = false;
      for (int i = 0; i < paragraph.length(); ) {
        int cp = paragraph.codePointAt(i);
        i += Character.charCount(cp);
        if (Character.isLetterOrDigit(cp)) {
          h = (h ^ Character.toLowerCase(cp)) * FNV_PRIME;
          inWord = true;
        } else if (inWord) {
          if (n == words.length) {
            words = Arrays.copyOf(words, n * 2);
          }
          words[n++] = Hashes.mix(h);
          h = FNV_OFFSET;
          inWord = false;
        }
      }
      if (inWord) {
        words = n == words.length ? Arrays.copyOf(words, n + 1) : words;
        words[n++] = Hashes.mix(h);
      }
      long[] pairs = new long[n == 1 ? 1 : Math.max(n - 1, 0)];
      if (n == 1) {
        pairs[0] = words[0];
      }
      for (int i = 0; i + 1 < n; i++) {
        pairs[i] = words[i] * 31 + words[i + 1];
      }
      Arrays.sort(pairs);
      return new Print(distinct(pairs), n);
    }

    /** Says whether the two paragraphs are alike (see {@link StoryText}). */
    boolean alike(Print o, int shared) {
      int small = Math.min(pairs.length, o.pairs.length);
      if (small == 0) {
        return false;
      }
      if (small < MIN_PAIRS) {
        return Arrays.equals(pairs, o.pairs);
      }
      return shared >= ALIKE * small;
    }

    private static long[] distinct(long[] sorted) {
      int n = 0;
      for (int i = 0; i < sorted.length; i++) {
        if (i == 0 || sorted[i] != sorted[i - 1]) {
          sorted[n++] = sorted[i];
        }
      }
      return Arrays.copyOf(sorted, n);
    }
  }
}
