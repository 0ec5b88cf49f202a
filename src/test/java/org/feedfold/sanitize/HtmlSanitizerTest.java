package org.feedfold.sanitize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlSanitizerTest {
  private static final URI BASE = URI.create("https://news.example/section/page.html");

  @Nested
  class Dangerous {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            <script>alert(1)</script>ok                         | ok
            <p onclick="steal()">ok</p>                          | <p>ok</p>
            <a href="javascript:steal()">ok</a>                  | <a href="">ok</a>
            <a href="jav&#x09;ascript:steal()">ok</a>            | <a href="">ok</a>
            <iframe src="https://evil.example/"></iframe>ok      | ok
            <object data="x.swf"><embed src="x.swf"></object>ok  | ok
            <meta http-equiv="refresh" content="0;url=x">ok      | ok
            <p style="width: expression(alert(1))">ok</p>        | <p>ok</p>
            <p style="background: url(javascript:x)">ok</p>      | <p>ok</p>
            <style>p{}</style><applet>x</applet>ok               | ok
            <img src="data:text/html,x" alt="a">                 | <img src="" alt="a" />
            <!-- <script>x</script> -->ok                        | ok
            <svg><script>x</script><circle onload="x()" r="1"/></svg> | <svg xmlns="http://www.w3.org/2000/svg"><circle r="1"></svg>
            """)
    void removesActiveContentAndKeepsText(String html, String expected) {
      assertEquals(expected.strip(), HtmlSanitizer.sanitize(html.strip(), BASE));
    }
  }

  @Nested
  class Safe {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            <p>Plain <b>bold</b> &amp; <i>italic</i></p>       | <p>Plain <b>bold</b> &amp; <i>italic</i></p>
            <a href="../other.html" title="t">x</a>             | <a href="https://news.example/other.html" title="t">x</a>
            <img src="/img/a.png" alt="A">                      | <img src="https://news.example/img/a.png" alt="A" />
            <span style="color: red; position: absolute">x</span> | <span style="color: red;">x</span>
            <td style="margin: 5px">x</td>                      | <td style="margin: 5px;">x</td>
            <p>1 < 2 and 3 > 2</p>                              | <p>1 &lt; 2 and 3 &gt; 2</p>
            <p>bare & ampersand</p>                             | <p>bare &amp; ampersand</p>
            <unknown>kept text</unknown>                        | kept text
            <blockquote cite="q.html">x</blockquote>            | <blockquote cite="https://news.example/section/q.html">x</blockquote>
            """)
    void keepsTextAndSafeMarkupWithAbsoluteUrls(String html, String expected) {
      assertEquals(expected.strip(), HtmlSanitizer.sanitize(html.strip(), BASE));
    }
  }
}
