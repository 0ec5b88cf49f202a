package org.feedfold.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.feedfold.model.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rewrites of the subscription file change the outline they are about and nothing else: line
 * endings, indentation, comments and attribute quoting stay byte for byte (issue 10).
 */
class OpmlRoundTripTest {
  private static final Path FIXTURES = Path.of("src/test/resources/config/roundtrip");

  @TempDir Path dir;

  private static String fixture(String name, String eol) throws Exception {
    return Files.readString(FIXTURES.resolve(name)).replace("\n", eol);
  }

  private Path write(String text) throws Exception {
    Path f = dir.resolve("feeds.opml");
    Files.write(f, text.getBytes(StandardCharsets.UTF_8));
    return f;
  }

  @ParameterizedTest(name = "line ending {index}")
  @ValueSource(strings = {"\n", "\r\n"})
  void removeDeletesOnlyTheOutlinesLine(String eol) throws Exception {
    String before = fixture("mine.opml", eol);
    Path f = write(before);
    String line =
        "\t\t\t<outline text=\"Wire &amp; B\" type=\"rss\""
            + " xmlUrl=\"https://wire-b.example/rss?a=1&amp;b=2\"/>"
            + eol;
    assertTrue(before.contains(line));

    assertTrue(Subscriptions.remove(f, URI.create("https://wire-b.example/rss?a=1&b=2")));

    assertArrayEquals(
        before.replace(line, "").getBytes(StandardCharsets.UTF_8), Files.readAllBytes(f));
  }

  @Test
  void removeKeepsACommentThatSharesTheLine() throws Exception {
    String before = fixture("mine.opml", "\n");
    Path f = write(before);

    assertTrue(Subscriptions.remove(f, URI.create("http://blog-c.example/atom")));

    assertEquals(
        before.replace("<outline text=\"Blog C\" xmlUrl=\"http://blog-c.example/atom\"/> ", ""),
        Files.readString(f));
  }

  @ParameterizedTest(name = "line ending {index}")
  @ValueSource(strings = {"\n", "\r\n"})
  void addInsertsOneLineBeforeTheEndOfTheBody(String eol) throws Exception {
    String before = fixture("mine.opml", eol);
    Path f = write(before);

    Subscriptions.add(
        f,
        List.of(new Subscription(URI.create("https://new.example/f?x=1&y=2"), "New & Co", null)));

    String added =
        "\t\t<outline text=\"New &amp; Co\" type=\"rss\""
            + " xmlUrl=\"https://new.example/f?x=1&amp;y=2\"/>"
            + eol;
    assertArrayEquals(
        before.replace("\t</body>", added + "\t</body>").getBytes(StandardCharsets.UTF_8),
        Files.readAllBytes(f));
    assertEquals("New & Co", Subscriptions.read(f).get(3).title());
  }

  @Test
  void addToAOneLineBodyPutsTheOutlineOnItsOwnLine() throws Exception {
    Path f = write("<opml version=\"2.0\"><head/><body></body></opml>\n");

    Subscriptions.add(f, List.of(new Subscription(URI.create("https://a.example/f"), null, null)));

    assertEquals(
        "<opml version=\"2.0\"><head/><body>\n"
            + "  <outline text=\"https://a.example/f\" type=\"rss\" xmlUrl=\"https://a.example/f\"/>\n"
            + "</body></opml>\n",
        Files.readString(f));
  }

  @Test
  void addToAnEmptyElementBodyOpensIt() throws Exception {
    Path f = write("<opml version=\"1.0\">\n  <head/>\n  <body/>\n</opml>\n");

    Subscriptions.add(f, List.of(new Subscription(URI.create("https://a.example/f"), "A", null)));

    assertEquals(
        "<opml version=\"1.0\">\n  <head/>\n  <body>\n"
            + "    <outline text=\"A\" type=\"rss\" xmlUrl=\"https://a.example/f\"/>\n"
            + "  </body>\n</opml>\n",
        Files.readString(f));
  }

  @Test
  void importKeepsTheImportedFilesCategories() throws Exception {
    String before = fixture("mine.opml", "\n");
    Path f = write(before);

    Subscriptions.Imported report = Subscriptions.importFrom(f, FIXTURES.resolve("import.opml"));

    String expected =
        before
            .replace(
                "\t\t</outline>\n\t\t<outline text=\"Blog C\"",
                "\t\t\t<outline text=\"Wire D\" type=\"rss\" xmlUrl=\"https://wire-d.example/rss\"/>\n"
                    + "\t\t\t<outline text=\"Local\">\n"
                    + "\t\t\t\t<outline text=\"Town E\" type=\"rss\""
                    + " xmlUrl=\"https://town-e.example/rss\"/>\n"
                    + "\t\t\t</outline>\n"
                    + "\t\t</outline>\n\t\t<outline text=\"Blog C\"")
            .replace(
                "\t</body>",
                "\t\t<outline text=\"Tagged F\" type=\"rss\" xmlUrl=\"https://f.example/feed\""
                    + " category=\"/Tech/Java,/Reading\"/>\n\t</body>");
    assertEquals(expected, Files.readString(f));
    assertEquals(5, report.listed());
    assertEquals(
        List.of(
            URI.create("https://wire-d.example/rss"),
            URI.create("https://town-e.example/rss"),
            URI.create("https://f.example/feed")),
        report.added().stream().map(Subscription::url).toList());
    assertEquals(List.of(URI.create("https://wire-a.example/feed.xml")), report.subscribed());
    assertEquals(List.of(URI.create("https://f.example/feed")), report.repeated());
  }

  @Test
  void moveRewritesOnlyTheUrl() throws Exception {
    String before = fixture("mine.opml", "\r\n");
    Path f = write(before);

    assertTrue(
        Subscriptions.move(
            f,
            URI.create("http://blog-c.example/atom"),
            URI.create("https://blog-c.example/a?b&c")));

    assertEquals(
        before.replace(
            "xmlUrl=\"http://blog-c.example/atom\"", "xmlUrl=\"https://blog-c.example/a?b&amp;c\""),
        Files.readString(f));
  }

  @Test
  void moveOntoAFeedAlreadyListedDropsTheOldOutline() throws Exception {
    String before = fixture("mine.opml", "\n");
    Path f = write(before);

    assertTrue(
        Subscriptions.move(
            f,
            URI.create("http://blog-c.example/atom"),
            URI.create("https://wire-a.example/feed.xml")));

    assertEquals(
        before.replace("<outline text=\"Blog C\" xmlUrl=\"http://blog-c.example/atom\"/> ", ""),
        Files.readString(f));
  }
}
