package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.feedfold.model.ArticleVersion;
import org.feedfold.model.Story;
import org.junit.jupiter.api.Test;

class VersionsHtmlTest {
  private static Story evolved() {
    Story s = Stories.bridge();
    return new Story(
        s.id(),
        s.title(),
        s.url(),
        s.html(),
        s.text(),
        s.firstSeen(),
        s.updated(),
        s.articles(),
        List.of(
            new ArticleVersion(
                "a1", "Wire Service", 1, Stories.T0, s.title(), 1, List.of(), List.of()),
            new ArticleVersion(
                "a2",
                "Daily & Co",
                1,
                Stories.T0.plusSeconds(1800),
                "Bridge",
                1,
                List.of(),
                List.of()),
            new ArticleVersion(
                "a1",
                "Wire Service",
                2,
                Stories.T0.plusSeconds(3600),
                "Council approves <new> bridge",
                2,
                List.of("Update: the mayor <signs> it."),
                List.of("The council voted 7-2."))));
  }

  @Test
  void showsWhatEachLaterVersionAddedAndRemovedEscaped() {
    String html = StoryHtml.render(evolved());
    assertTrue(html.contains("How the story evolved"), html);
    assertTrue(html.contains("<ins>Update: the mayor &lt;signs&gt; it.</ins>"), html);
    assertTrue(html.contains("<del>The council voted 7-2.</del>"), html);
    assertTrue(html.contains("2026-11-26T09:00:00Z Wire Service, version 2"), html);
    assertTrue(html.contains("headline: Council approves &lt;new&gt; bridge"), html);
    assertEquals(1, html.split("<li>2026").length - 1, "first versions are not listed: " + html);
  }

  @Test
  void saysNothingOfAStoryThatNeverChanged() {
    assertFalse(StoryHtml.render(Stories.bridge()).contains("evolved"));
  }

  @Test
  void theRiverShowsTheHistoryWhenAStoryIsExpanded() {
    String page =
        new String(
            RiverPage.render("Feedfold", null, null, List.of(evolved()), Stories.T0),
            StandardCharsets.UTF_8);
    assertTrue(page.contains("<ins>Update: the mayor &lt;signs&gt; it.</ins>"), page);
  }
}
