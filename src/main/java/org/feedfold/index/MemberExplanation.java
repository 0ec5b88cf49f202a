package org.feedfold.index;

import java.util.List;
import org.feedfold.cluster.MatchEvidence;

/**
 * Says why one article belongs to its story.
 *
 * @param articleId the member
 * @param title its headline
 * @param source its outlet; may be {@code null}
 * @param reason {@code "founded"} (it started the story), {@code "matched"} (it was found to
 *     republish {@code matchedId}), or {@code "merged"} (it founded a story later merged into this
 *     one when {@code matchedId} bridged the two)
 * @param matchedId the member it was matched with or merged through; {@code null} for {@code
 *     founded}
 * @param evidence the similarity measures of the match; {@code null} unless {@code matched}
 * @param sharedPassages up to three longest passages it shares word for word with {@code
 *     matchedId}, each within one paragraph and cut to at most 200 characters (ending in "…")
 */
public record MemberExplanation(
    String articleId,
    String title,
    String source,
    String reason,
    String matchedId,
    MatchEvidence evidence,
    List<String> sharedPassages) {
  public MemberExplanation {
    sharedPassages = List.copyOf(sharedPassages);
  }
}
