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
}
