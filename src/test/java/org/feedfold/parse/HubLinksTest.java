package org.feedfold.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.feedfold.model.FeedMeta;
import org.junit.jupiter.api.Test;

/** Reads the WebSub hub and self (topic) links a feed advertises (W3C WebSub §4). */
class HubLinksTest {
  @Test
  void readsHubAndSelfFromAtomLinksInRss() throws Exception {
    FeedMeta meta = Fixtures.parse("rss20-websub.xml", "https://news.example/rss").feed();

    assertEquals("https://hub.example/", meta.hub());
    assertEquals("https://news.example/feed.rss", meta.self());
    assertEquals("https://news.example/", meta.link(), "the alternate link is unchanged");
  }

  @Test
  void readsHubAndSelfFromAtom() throws Exception {
    FeedMeta meta =
        Fixtures.parseText(
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title>"
                    + "<link rel=\"hub\" href=\"https://hub.example/a\"/>"
                    + "<link href=\"https://a.example/\"/>"
                    + "<link rel=\"self\" href=\"https://a.example/atom\"/>"
                    + "<entry><id>1</id><title>t</title></entry></feed>")
            .feed();

    assertEquals("https://hub.example/a", meta.hub());
    assertEquals("https://a.example/atom", meta.self());
    assertEquals("https://a.example/", meta.link());
  }

  @Test
  void readsTheWebSubEntryOfJsonFeedHubs() throws Exception {
    FeedMeta meta = Fixtures.parse("jsonfeed-websub.json", "https://json.example/f").feed();

    assertEquals("https://hub.example/websub", meta.hub());
    assertEquals("https://json.example/feed.json", meta.self());
  }

  @Test
  void aFeedWithoutAHubHasNone() throws Exception {
    FeedMeta meta = Fixtures.parse("rss20-news.xml", "https://news.example/rss").feed();

    assertNull(meta.hub());
  }
}
