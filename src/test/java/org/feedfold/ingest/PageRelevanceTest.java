package org.feedfold.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PageRelevanceTest {
  private static final String TITLE = "Quake toll rises in Mindanao";
  private static final String TEASER =
      "On Saturday, aftershocks of a powerful earthquake with reported magnitude 6.3 that struck"
          + " southern Philippines on Wednesday night have increased the death toll.";
  private static final String CONSENT =
      "We use cookies and data to deliver and maintain our services, track outages and protect"
          + " against spam, fraud and abuse, and measure audience engagement and site statistics."
          + " If you choose to reject all, we will not use cookies for these additional purposes.";

  @Test
  void takesAPageThatCarriesTheEntrysWordsForItsArticle() {
    String page =
        "Aftershocks of the magnitude 6.3 earthquake in the southern Philippines raised the death"
            + " toll in Mindanao to six on Saturday, after a landslide buried a house.";
    assertTrue(PageRelevance.share(TITLE, TEASER, "Quake toll rises", page).mayBeTheArticle());
  }

  @Test
  void refusesAConsentPageThatSharesNoneOfThem() {
    PageRelevance.Share s =
        PageRelevance.share(TITLE, TEASER, "Before you continue to Example News", CONSENT);
    assertEquals(0, s.shared());
    assertFalse(s.mayBeTheArticle());
  }

  @Test
  void matchesWordsByTheirFirstFiveLetters() {
    PageRelevance.Share s =
        PageRelevance.share(
            "Chilean quakes shake towns", null, null, "A quake shook Chile's towns.");
    assertEquals(3, s.shared(), "chile~chilean, quake~quakes, towns; not shake~shook");
    assertTrue(s.mayBeTheArticle());
  }

  @Test
  void judgesNothingWhenTheEntryHasTooFewWords() {
    assertTrue(PageRelevance.share("Live", "Read more", null, CONSENT).mayBeTheArticle());
    assertTrue(PageRelevance.share(null, null, null, CONSENT).mayBeTheArticle());
  }

  @Test
  void countsEachIdeographAsAWord() {
    String title = "智利北部发生强烈地震";
    assertTrue(
        PageRelevance.share(title, null, null, "周二，智利北部发生里氏6.8级强烈地震，造成多人受伤。").mayBeTheArticle());
    assertFalse(
        PageRelevance.share(title, null, null, "我们使用Cookie和数据来提供和维护我们的服务，并衡量受众参与度。")
            .mayBeTheArticle());
  }
}
