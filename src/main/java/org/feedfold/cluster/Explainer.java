package org.feedfold.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Says why one member belongs to its story, for {@code story ID --explain}, from what a store kept
 * of it: the article it matched and how (stored with it, {@link #encode}), or the story it founded
 * and the redirect that merged that story into this one. Every store explains the same way (issue
 * 13): the embedded index and SolrCloud differ only in how they read a member, a redirect and
 * another member's text ({@link Lookup}).
 *
 * <p>Pure and thread-safe; reads only through the caller's {@link Lookup}.
 */
public final class Explainer {
  /** Shared passages an explanation shows per member, the longest. */
  public static final int PASSAGES = 3;

  /** Characters of one shared passage an explanation shows; longer ones are cut at a word. */
  public static final int PASSAGE_CHARS = 200;

  /** Words a shared passage has at least. */
  static final int PASSAGE_WORDS = 8;

  private Explainer() {}

  /**
   * Is what a store kept of one member.
   *
   * @param text its plain text
   * @param story the story it was first assigned to, before any merge
   * @param matched the member it matched best when added, or {@code null}
   * @param evidence how, as {@link #encode} wrote it; {@code null} when {@code matched} is
   */
  public record Member(String text, long story, String matched, String evidence) {}

  /**
   * Is why one member belongs to its story.
   *
   * @param reason {@code "founded"}, {@code "matched"} or {@code "merged"}
   * @param with the member it was matched with or merged through; {@code null} for {@code founded}
   *     (and for {@code merged} when the redirect is gone)
   * @param evidence the similarity measures of the match; {@code null} unless {@code matched}
   * @param passages up to {@value #PASSAGES} longest passages it shares word for word with {@code
   *     with}, each cut to at most {@value #PASSAGE_CHARS} characters
   */
  public record Reason(String reason, String with, MatchEvidence evidence, List<String> passages) {
    /** Copies {@code passages}. */
    public Reason {
      passages = List.copyOf(passages);
    }
  }

  /** Reads what explaining a member needs beyond the member itself. */
  public interface Lookup {
    /** Returns the article that bridged story {@code merged} into another, or {@code null}. */
    String via(long merged) throws IOException;

    /** Returns the plain text of the stored article {@code id}, or {@code null} if unknown. */
    String text(String id) throws IOException;
  }

  /** Says why {@code m} belongs to the (resolved) story {@code story}. */
  public static Reason explain(Member m, long story, Lookup lookup) throws IOException {
    String reason;
    String with = m.matched();
    if (m.matched() != null) {
      reason = "matched";
    } else if (m.story() != story) {
      reason = "merged";
      with = lookup.via(m.story());
    } else {
      reason = "founded";
    }
    List<String> passages = List.of();
    String other = with == null ? null : lookup.text(with);
    if (other != null) {
      passages = Passages.shared(m.text(), other, PASSAGE_WORDS, PASSAGES, PASSAGE_CHARS);
    }
    return new Reason(reason, with, m.matched() == null ? null : decode(m.evidence()), passages);
  }

  /** Encodes the evidence of a match as a store keeps it with the article. */
  public static String encode(MatchEvidence e) {
    // Concatenation, not String.format: this runs for every article that joins a story.
    return e.shared()
        + " "
        + e.smaller()
        + " "
        + e.larger()
        + " "
        + round(e.containment())
        + " "
        + round(e.jaccard())
        + " "
        + round(e.titleSimilarity())
        + " "
        + e.apart().toSeconds();
  }

  /** Rounds to four decimals, as explanations show them. */
  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  /**
   * Decodes what {@link #encode} wrote; {@code null} for {@code null}.
   *
   * @throws IllegalArgumentException if {@code s} is not such a string
   */
  public static MatchEvidence decode(String s) {
    if (s == null) {
      return null;
    }
    String[] p = s.split(" ");
    if (p.length != 7) {
      throw new IllegalArgumentException("not match evidence: " + s);
    }
    return new MatchEvidence(
        Integer.parseInt(p[0]),
        Integer.parseInt(p[1]),
        Integer.parseInt(p[2]),
        Double.parseDouble(p[3]),
        Double.parseDouble(p[4]),
        Double.parseDouble(p[5]),
        Duration.ofSeconds(Long.parseLong(p[6])));
  }
}
