package org.feedfold.cluster;

import org.feedfold.model.ArticleInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a re-issue of a stored article from another article that merely declares the same canonical
 * URL: a site whose every page declares one canonical URL (a misconfigured CMS) must not lose all
 * but its latest article (issue 9). Pure: decides from the two articles' links, text hashes and
 * fingerprints, and logs the decision.
 */
final class Reissues {
  /**
   * Two articles claiming one canonical URL under different ids and links are one only if they
   * share at least this share of their sampled shingles and their word counts differ by less than
   * the rest.
   */
  static final double NEAR_IDENTICAL = 0.9;

  private Reissues() {}

  /**
   * Decides whether {@code a}, whose id and link differ from those of the stored article claiming
   * the same canonical URL, is a re-issue of it: only if its text is the same but for a few words.
   * A site whose every page declares one canonical URL (a misconfigured CMS) otherwise loses all
   * but its latest article (issue 9). Either way the decision is logged.
   *
   * @return the stored entry to update, or {@code null} to add {@code a} as an article of its own
   */
  static ArticleEntry sameArticle(ArticleInput a, Fingerprint fp, Claimant c) {
    Fingerprint other = c.entry().fingerprint();
    int larger = Math.max(fp.size(), other.size());
    int words = Math.max(fp.words(), other.words());
    boolean near =
        larger > 0
            && fp.sharedShingles(other) >= NEAR_IDENTICAL * larger
            && Math.abs(fp.words() - other.words()) <= (1 - NEAR_IDENTICAL) * words;
    Logger log = log();
    if (near) {
      log.info(
          "article {} ({}) declares the canonical URL {} of article {} ({}) and nearly its text:"
              + " kept as an update of it",
          a.id(),
          a.url(),
          a.canonical(),
          c.entry().id(),
          c.url());
      return c.entry();
    }
    log.debug(
        "article {} ({}) declares the canonical URL {} of article {} ({}) but its text differs:"
            + " kept as an article of its own",
        a.id(),
        a.url(),
        a.canonical(),
        c.entry().id(),
        c.url());
    return null;
  }

  /**
   * Returns this class's logger, looked up only to log: a static field would start Logback in every
   * command that opens the index, though most log nothing (issue 11, start time).
   */
  private static Logger log() {
    return LoggerFactory.getLogger(Reissues.class);
  }
}
