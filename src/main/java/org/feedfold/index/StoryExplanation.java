package org.feedfold.index;

import java.util.List;

/**
 * Says why each member of a story belongs to it, for {@code story ID --explain}.
 *
 * @param storyId the story (after following redirects)
 * @param members one line of evidence per member, earliest first
 */
public record StoryExplanation(String storyId, List<MemberExplanation> members) {
  public StoryExplanation {
    members = List.copyOf(members);
  }
}
