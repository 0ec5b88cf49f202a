package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedQueryTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  static FeedQuery parse(String raw) throws FeedQuery.BadQuery {
    return FeedQuery.parse(raw, NOW, 50, 500);
  }

  @Test
  void decodesPlusAndPercentInSearchText() throws FeedQuery.BadQuery {
    assertEquals("élection 2026", parse("q=%C3%A9lection+2026").query());
  }

  @Test
  void keepsFirstOfRepeatedParameters() throws FeedQuery.BadQuery {
    assertEquals(3, parse("limit=3&limit=9").limit());
  }

  @Test
  void treatsBlankSearchAsNoFilter() throws FeedQuery.BadQuery {
    assertEquals(new FeedQuery(null, null, 50), parse("q=++&unknown=1"));
  }

  @Test
  void countsWeeksBackFromNow() throws FeedQuery.BadQuery {
    assertEquals(Instant.parse("2026-11-13T10:00:00Z"), parse("since=2w").since());
  }

  @ParameterizedTest
  @ValueSource(strings = {"q=%zz", "since=", "since=24x", "since=9999999d", "limit=-1", "limit="})
  void rejectsMalformedInput(String raw) {
    var e = assertThrows(FeedQuery.BadQuery.class, () -> parse(raw));
    assertTrue(e.getMessage().length() < 200, e.getMessage());
  }
}
