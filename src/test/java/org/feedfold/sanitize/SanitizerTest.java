package org.feedfold.sanitize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SanitizerTest {
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "javascript:alert(1)",
        "  JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "\u0001javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "livescript:alert(1)",
        "  "
      })
  void dropsBlankLinksAndThoseWhoseSchemeRunsCode(String url) {
    assertNull(Sanitizer.link(url));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"https://a.example/x?y=1#z", "http://a.example/", "mailto:a@b.example"})
  void keepsReaderSafeLinks(String url) {
    assertEquals(url, Sanitizer.link(url));
  }

  @Test
  void escapesPlainTextAndRemembersIt() {
    SafeHtml h = Sanitizer.text(" History of the <blink> tag & more ");

    assertEquals("History of the &lt;blink&gt; tag &amp; more", h.html());
    assertEquals("History of the <blink> tag & more", h.plainText());
    assertNull(Sanitizer.html("<b>x</b>", null).plainText());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          <svg><a><animate attributeName=href values=javascript:alert(1) /></a></svg>     | <svg xmlns="http://www.w3.org/2000/svg"><a><animate></a></svg>
          <svg><set attributeName="xlink:href" to="javascript:alert(1)" /></svg>          | <svg xmlns="http://www.w3.org/2000/svg"><set></svg>
          <svg><animate attributeName="onclick" values="alert(1)" /></svg>               | <svg xmlns="http://www.w3.org/2000/svg"><animate values="alert(1)"></svg>
          <svg><animate attributeName="r" values="0;5;0" dur="1s" /></svg>               | <svg xmlns="http://www.w3.org/2000/svg"><animate attributeName="r" values="0;5;0" dur="1s"></svg>
          """)
  void keepsSvgAnimationsFromWritingScriptIntoLinksOrHandlers(String html, String expected) {
    assertEquals(expected.strip(), Sanitizer.html(html.strip(), null).html());
  }
}
