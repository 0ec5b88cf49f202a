package org.feedfold.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Web addresses as feeds and people write them, made requestable. */
class WebAddressTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // Valid ASCII URIs stay exactly as written.
        "https://Example.com:8443/a/b%20c?q=1&r=%E2%82%AC#frag | https://Example.com:8443/a/b%20c?q=1&r=%E2%82%AC#frag",
        "http://user:p%40ss@host.example/feed.xml               | http://user:p%40ss@host.example/feed.xml",
        "http://[::1]:8080/feed                                 | http://[::1]:8080/feed",
        // IRIs and not-quite URLs, as browsers map them.
        "https://example.de/news/müll-gebühren.html            | https://example.de/news/m%C3%BCll-geb%C3%BChren.html",
        "http://site.example/news/two words.html                | http://site.example/news/two%20words.html",
        "https://bücher.example/feed?ort=Zürich                 | https://xn--bcher-kva.example/feed?ort=Z%C3%BCrich",
        "https://fa.example/اخبار/سلام.html                     | https://fa.example/%D8%A7%D8%AE%D8%A8%D8%A7%D8%B1/%D8%B3%D9%84%D8%A7%D9%85.html",
        "https://x.example/search?tags[]=a&q=\"b\"              | https://x.example/search?tags%5B%5D=a&q=%22b%22",
        "https://x.example/100%/off                             | https://x.example/100%25/off",
        "https://x.example/😀?a=b#c d                           | https://x.example/%F0%9F%98%80?a=b#c%20d",
      })
  void parsesAsABrowserWould(String written, String expected) {
    assertEquals(expected, WebAddress.parse(written).toString());
    assertTrue(WebAddress.parse(written).toString().chars().allMatch(c -> c < 0x80));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://example.com/feed.xml              | https://example.com/feed.xml",
        "  example.com/feed.xml                    | https://example.com/feed.xml",
        "localhost:8080/feed                       | https://localhost:8080/feed",
        "feed://example.com/rss                    | http://example.com/rss",
        "feed:https://example.com/rss              | https://example.com/rss",
        "FEED://example.com/rss                    | http://example.com/rss",
        "http://127.0.0.1:18600/feeds/ünï café.xml | http://127.0.0.1:18600/feeds/%C3%BCn%C3%AF%20caf%C3%A9.xml",
      })
  void takesWhatAPersonTypesForAFeed(String typed, String expected) {
    assertEquals(expected, WebAddress.typed(typed).toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mailto:news@example.com",
        "ftp://example.com/feed",
        "javascript:alert(1)",
        "",
        "https://"
      })
  void refusesWhatIsNoHttpUrl(String typed) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> WebAddress.typed(typed));
    assertTrue(e.getMessage().startsWith("not a"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://a.example/x?y=1&z=%C3%BC#top | https://a.example/x?y=1&z=%C3%BC#top",
        "/relative/path.html                 | /relative/path.html",
        "https://n.example/müll gebühren.html | https://n.example/m%C3%BCll%20geb%C3%BChren.html",
        "https://bücher.example/a            | https://xn--bcher-kva.example/a",
        "https://a.example/100%              | https://a.example/100%25",
        "https://a.example/a#b#c             | https://a.example/a#b%23c",
        "https://a.example/q?x=\"y\"          | https://a.example/q?x=%22y%22",
      })
  void writesAnHrefAsAnAsciiUri(String link, String expected) {
    assertEquals(expected, WebAddress.href(link));
  }

  @Test
  void keepsALinkThatIsAUriAlreadyAsItIs() {
    String link = "https://a.example/news/2026/12/01/story.html?utm=rss";
    assertSame(link, WebAddress.href(link));
  }
}
