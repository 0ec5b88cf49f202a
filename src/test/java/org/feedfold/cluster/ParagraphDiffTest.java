package org.feedfold.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParagraphDiffTest {
  @Test
  void findsAnUpdateParagraphStackedOnTop() {
    ParagraphDiff.Change c =
        ParagraphDiff.diff(
            List.of("Lead.", "Body one.", "Body two."),
            List.of("Update (10:40 UTC): more.", "Lead.", "Body one.", "Body two."));
    assertEquals(List.of("Update (10:40 UTC): more."), c.added());
    assertEquals(List.of(), c.removed());
  }

  @Test
  void showsAnEditedParagraphAsRemovedAndAdded() {
    ParagraphDiff.Change c =
        ParagraphDiff.diff(
            List.of("Lead.", "Ten people died.", "End."),
            List.of("Lead.", "Twelve people died.", "End."));
    assertEquals(List.of("Twelve people died."), c.added());
    assertEquals(List.of("Ten people died."), c.removed());
  }

  @Test
  void findsRemovedParagraphsAndIgnoresBlankOnesAndWhitespace() {
    ParagraphDiff.Change c =
        ParagraphDiff.diff(List.of("A.", "", "B.", "C."), List.of(" A.", "C.  ", "   "));
    assertEquals(List.of(), c.added());
    assertEquals(List.of("B."), c.removed());
    assertTrue(ParagraphDiff.diff(List.of("A."), List.of("A.")).isEmpty());
  }

  @Test
  void reportsParagraphsBeyondTheComparedOnes() {
    List<String> before = new ArrayList<>();
    for (int i = 0; i < ParagraphDiff.MAX_PARAGRAPHS + 2; i++) {
      before.add("P" + i + ".");
    }
    List<String> after = new ArrayList<>(before.subList(0, ParagraphDiff.MAX_PARAGRAPHS));
    after.add("New.");
    ParagraphDiff.Change c = ParagraphDiff.diff(before, after);
    assertEquals(List.of("New."), c.added());
    assertEquals(before.subList(ParagraphDiff.MAX_PARAGRAPHS, before.size()), c.removed());
  }
}
