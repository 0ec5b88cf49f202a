package org.feedfold.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.feedfold.model.Credentials;
import org.feedfold.model.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionsTest {
  @TempDir Path dir;

  private Path copyFixture() throws IOException {
    Path f = dir.resolve("feeds.opml");
    Files.copy(Path.of("src/test/resources/config/nested.opml"), f);
    return f;
  }

  @Test
  void readsNestedOutlinesOnceEach() throws Exception {
    List<Subscription> subs = Subscriptions.read(copyFixture());
    assertEquals(
        List.of(
            URI.create("https://wire-a.example/feed.xml"),
            URI.create("http://blog-b.example/atom")),
        subs.stream().map(Subscription::url).toList());
    assertEquals("Wire A", subs.get(0).title());
  }

  @Test
  void addAppendsOnlyNewFeedsAndKeepsTheTree() throws Exception {
    Path f = copyFixture();
    List<Subscription> added =
        Subscriptions.add(
            f,
            List.of(
                new Subscription(URI.create("https://wire-a.example/feed.xml"), "again", null),
                new Subscription(URI.create("https://c.example/rss"), "C", null)));
    assertEquals(1, added.size());
    assertEquals(3, Subscriptions.read(f).size());
    assertTrue(Files.readString(f).contains("Nested deeper"), "categories survive a rewrite");
  }

  @Test
  void removeDropsTheFeedAtAnyDepth() throws Exception {
    Path f = copyFixture();
    assertTrue(Subscriptions.remove(f, URI.create("http://blog-b.example/atom")));
    assertFalse(Subscriptions.remove(f, URI.create("http://blog-b.example/atom")));
    assertEquals(1, Subscriptions.read(f).size());
  }

  @Test
  void addCreatesAMissingFile() throws Exception {
    Path f = dir.resolve("new/feeds.opml");
    Subscriptions.add(f, List.of(new Subscription(URI.create("https://x.example/f"), null, null)));
    assertEquals(1, Subscriptions.read(f).size());
  }

  @Test
  void exportWritesOpml20() throws Exception {
    StringWriter out = new StringWriter();
    Subscriptions.export(copyFixture(), out);
    assertTrue(out.toString().contains("<opml version=\"2.0\">"), out.toString());
    assertTrue(out.toString().contains("xmlUrl=\"http://blog-b.example/atom\""));
  }

  @Test
  void rejectsBrokenOpmlNamingTheFile() throws IOException {
    Path f = dir.resolve("broken.opml");
    Files.writeString(f, "<opml version=\"2.0\"><body><outline text=\"x\"></body>");
    ConfigException e = assertThrows(ConfigException.class, () -> Subscriptions.read(f));
    assertEquals(f + ":1:47: unclosed <outline> element (opened on line 1)", e.getMessage());
  }

  @Test
  void rewritesKeepTheFilesPermissionsSoAServiceUserCanStillReadIt() throws Exception {
    Path f = copyFixture();
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    Subscriptions.add(f, List.of(new Subscription(URI.create("https://n.example/f"), null, null)));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
  }

  @Test
  void rejectsNonHttpFeedUrls() {
    assertThrows(IllegalArgumentException.class, () -> Subscriptions.feedUrl("file:///etc/passwd"));
    assertThrows(IllegalArgumentException.class, () -> Subscriptions.feedUrl("example.com/feed"));
    assertEquals(URI.create("https://e.example/f"), Subscriptions.feedUrl(" https://e.example/f "));
  }

  @Test
  void readsAnOutlinesOwnPollInterval() throws Exception {
    Path f = dir.resolve("feeds.opml");
    Files.writeString(
        f,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <body>
            <outline text="Slow" xmlUrl="https://slow.example/rss" feedfoldInterval="2h"/>
            <outline text="Usual" xmlUrl="https://usual.example/rss"/>
          </body>
        </opml>
        """);

    List<Subscription> subs = Subscriptions.read(f);

    assertEquals(java.time.Duration.ofHours(2), subs.get(0).interval());
    assertEquals(null, subs.get(1).interval());
  }

  @Test
  void refusesABadPollIntervalNamingFileLineAndOutline() throws Exception {
    Path f = dir.resolve("feeds.opml");
    Files.writeString(
        f,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <body>
            <outline text="Slow" xmlUrl="https://slow.example/rss" feedfoldInterval="soon"/>
          </body>
        </opml>
        """);

    ConfigException e = assertThrows(ConfigException.class, () -> Subscriptions.read(f));

    assertTrue(e.getMessage().contains("feeds.opml:4:"), e.getMessage());
    assertTrue(
        e.getMessage().contains("outline 'Slow': feedfoldInterval expected a positive duration"),
        e.getMessage());
  }

  @Test
  void readKeepsEachFeedsFolderPathAndCategory() throws Exception {
    List<Subscription> subs =
        Subscriptions.read(Path.of("src/test/resources/config/roundtrip/import.opml"));

    assertEquals(List.of("News"), subs.get(0).folders());
    assertEquals(List.of("News"), subs.get(1).folders());
    assertEquals(List.of("News", "Local"), subs.get(2).folders());
    assertEquals(List.of(), subs.get(3).folders());
    assertEquals("/Tech/Java,/Reading", subs.get(3).category());
    assertEquals(null, subs.get(0).category());
  }

  @Test
  void anExportedListReadsBackWithItsFoldersAndCategories() throws Exception {
    List<Subscription> subs =
        Subscriptions.read(Path.of("src/test/resources/config/roundtrip/import.opml"));
    StringWriter out = new StringWriter();
    Subscriptions.export(subs, out);
    Path back = dir.resolve("back.opml");
    Files.writeString(back, out.toString());

    assertEquals(subs, Subscriptions.read(back));
    assertEquals(
        1, out.toString().split("text=\"News\"", -1).length - 1, "one News folder:\n" + out);
  }

  @Test
  void keepsAPrivateFeedsPasswordApartFromItsUrlAndWritesItBack() throws Exception {
    Path f = dir.resolve("private.opml");
    Files.writeString(
        f,
        "<opml version=\"2.0\"><head/><body>\n"
            + "<outline text=\"Partner wire\" type=\"rss\""
            + " xmlUrl=\"https://editor:s%40cret@partner.example/feed.xml\"/>\n"
            + "</body></opml>\n");

    Subscription s = Subscriptions.read(f).get(0);
    assertEquals(URI.create("https://partner.example/feed.xml"), s.url());
    assertEquals(new Credentials("editor", "s@cret"), s.credentials());
    assertFalse(s.toString().contains("cret"), s.toString());

    // Known by its URL with or without them; moved on its host with them, elsewhere without.
    assertEquals(
        List.of(),
        Subscriptions.add(
            f,
            List.of(new Subscription(URI.create("https://partner.example/feed.xml"), null, null))));
    assertTrue(
        Subscriptions.move(
            f,
            URI.create("https://partner.example/feed.xml"),
            URI.create("https://partner.example/v2/feed.xml")));
    assertEquals(new Credentials("editor", "s@cret"), Subscriptions.read(f).get(0).credentials());
    assertTrue(Files.readString(f).contains("https://editor:s%40cret@partner.example/v2/feed.xml"));
    assertTrue(
        Subscriptions.move(
            f,
            URI.create("https://partner.example/v2/feed.xml"),
            URI.create("https://cdn.example/feed.xml")));
    assertEquals(null, Subscriptions.read(f).get(0).credentials());
    assertFalse(Files.readString(f).contains("cret"));

    StringWriter out = new StringWriter();
    Subscription kept =
        new Subscription(URI.create("https://editor:s%40cret@partner.example/feed.xml"), "P", null);
    Subscriptions.export(List.of(kept), out);
    Path back = dir.resolve("back.opml");
    Files.writeString(back, out.toString());
    assertEquals(List.of(kept), Subscriptions.read(back));
    assertTrue(Subscriptions.remove(back, URI.create("https://partner.example/feed.xml")));
  }
}
