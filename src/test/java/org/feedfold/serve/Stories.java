package org.feedfold.serve;

import java.time.Instant;
import java.util.List;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.feedfold.sanitize.Sanitizer;

/** Builds the story fixtures the serve tests share: two stories, one syndicated three times. */
final class Stories {
  static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

  private Stories() {}

  /** A story carried by three outlets, the wire service first, updated two hours after. */
  static Story bridge() {
    return new Story(
        "s-bridge",
        "Council approves new bridge",
        "https://wire.example/bridge",
        Sanitizer.html("<p>The council voted 7-2 to fund a <em>second</em> crossing.</p>", null),
        "The council voted 7-2 to fund a second crossing.",
        T0,
        T0.plusSeconds(7200),
        List.of(
            new StoryMember(
                "a1",
                "https://wire.example/bridge",
                "Council approves new bridge",
                "Wire Service",
                T0,
                true),
            new StoryMember(
                "a2",
                "https://daily.example/bridge",
                "Bridge approved",
                "Daily & Co",
                T0.plusSeconds(1800),
                false),
            new StoryMember(
                "a3",
                "https://gazette.example/b",
                "New bridge",
                "Gazette",
                T0.plusSeconds(7200),
                false)));
  }

  /** A single-outlet story with only plain text, older than {@link #bridge()}. */
  static Story storm() {
    return new Story(
        "s-storm",
        "Storm <warning> issued",
        "https://gazette.example/storm",
        null,
        "Winds up to 90 km/h.\n\nSchools close early & buses stop.",
        T0.minusSeconds(3600),
        T0.minusSeconds(3600),
        List.of(
            new StoryMember(
                "b1",
                "https://gazette.example/storm",
                "Storm warning issued",
                "Gazette",
                T0.minusSeconds(3600),
                true)));
  }

  static List<Story> all() {
    // Deliberately oldest first: the renderers must sort.
    return List.of(storm(), bridge());
  }
}
