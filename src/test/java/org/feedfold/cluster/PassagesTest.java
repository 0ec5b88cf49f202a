package org.feedfold.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PassagesTest {
  @Test
  void findsLongestSharedRunsInOriginalCase() {
    String a =
        "Breaking. The storm hit the northern coast on Monday night, officials said. More later.";
    String b =
        "Update: the storm hit the northern coast on Monday night, officials said in a statement.";
    assertEquals(
        List.of("The storm hit the northern coast on Monday night, officials said"),
        Passages.shared(a, b, 5, 3));
  }

  @Test
  void returnsNothingWithoutSharedRun() {
    assertEquals(List.of(), Passages.shared("one two three four five", "six seven eight", 3, 3));
  }

  @Test
  void keepsEachPassageWithinOneParagraph() {
    String a =
        "The storm hit the northern coast on Monday.\nOfficials closed every school in the region.";
    assertEquals(
        List.of(
            "Officials closed every school in the region",
            "The storm hit the northern coast on Monday"),
        Passages.shared(a, a, 5, 3).stream().sorted().toList());
  }

  @Test
  void cutsLongPassagesAtAWord() {
    String a = "one two three four five six seven eight nine ten";
    assertEquals(List.of("one two three\u2026"), Passages.shared(a, a, 3, 3, 16));
    assertEquals(List.of(a), Passages.shared(a, a, 3, 3, a.length()));
  }
}
