package org.feedfold.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageDecoderTest {
  private static final String TEXT = "Grüße aus Köln – “quoted” €5";

  @ParameterizedTest(name = "{0} bytes, header {1}, meta {2}")
  @CsvSource(
      nullValues = "-",
      value = {
        "UTF-8, -, -",
        "UTF-8, text/html; charset=utf-8, -",
        "windows-1252, text/html; charset=windows-1252, -",
        "windows-1252, text/html; charset=ISO-8859-1, -",
        "windows-1252, -, windows-1252",
        "windows-1252, -, iso-8859-1",
        "windows-1252, -, -",
        "UTF-8, -, iso-8859-1",
        "UTF-8, -, utf-8",
        // A server whose default charset is ISO-8859-1 (Apache's AddDefaultCharset) serving UTF-8.
        "UTF-8, text/html; charset=ISO-8859-1, -",
        "UTF-8, text/html; charset=windows-1252, iso-8859-1",
        "UTF-8, text/html; charset=iso-8859-15, -",
      })
  void decodesWithTheCharsetBrowsersWouldPick(String actual, String header, String meta) {
    String page =
        "<html><head>"
            + (meta == null ? "" : "<meta charset=\"" + meta + "\">")
            + "</head><body><p>"
            + TEXT
            + "</p></body></html>";
    byte[] bytes = page.getBytes(Charset.forName(actual));
    String decoded = PageDecoder.decode(bytes, header);
    assertEquals(page, decoded);
  }

  @ParameterizedTest
  @CsvSource({
    "UTF-16LE, FF, FE",
    "UTF-16BE, FE, FF",
  })
  void followsUtf16ByteOrderMarks(String charset, String b0, String b1) {
    byte[] body = ("<p>" + TEXT + "</p>").getBytes(Charset.forName(charset));
    byte[] bytes = new byte[body.length + 2];
    bytes[0] = (byte) Integer.parseInt(b0, 16);
    bytes[1] = (byte) Integer.parseInt(b1, 16);
    System.arraycopy(body, 0, bytes, 2, body.length);
    assertEquals("<p>" + TEXT + "</p>", PageDecoder.decode(bytes, "text/html; charset=latin1"));
  }

  @ParameterizedTest
  @CsvSource({"gb2312, GB18030", "Shift_JIS, Shift_JIS", "latin1, windows-1252", "nonsense-x, -"})
  void mapsLabelsTheWhatwgWay(String label, String expected) {
    Charset c = PageDecoder.charset(label);
    assertEquals(expected.equals("-") ? null : expected, c == null ? null : c.name());
  }

  @org.junit.jupiter.api.Test
  void keepsALegacyMultiByteHeaderForTextThatIsNotUtf8() {
    String page = "<p>日本語のニュース記事です。</p>";
    byte[] bytes = page.getBytes(Charset.forName("Shift_JIS"));
    assertEquals(page, PageDecoder.decode(bytes, "text/html; charset=Shift_JIS"));
  }

  @org.junit.jupiter.api.Test
  void replacesInvalidBytesInsteadOfFailing() {
    byte[] bytes = {'<', 'p', '>', (byte) 0xC3, '(', '<', '/', 'p', '>'};
    assertEquals(
        "<p>\uFFFD(</p>",
        PageDecoder.decode(bytes, "text/html; charset=" + StandardCharsets.UTF_8));
  }
}
