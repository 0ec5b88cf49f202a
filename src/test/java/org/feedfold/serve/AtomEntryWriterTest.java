package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.feedfold.sanitize.Sanitizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes Atom entries directly and compares them, byte for byte, with what Rome and JDOM write for
 * the same story, on awkward content (issue 11: the entries of a page after a commit were built
 * through Rome and JDOM, the larger part of the render).
 */
class AtomEntryWriterTest {
  static final Instant T = Instant.parse("2026-11-30T21:00:00.250Z");

  static Story story(String title, String url, String html, String text, List<StoryMember> m) {
    return new Story(
        "s1",
        title,
        url,
        html == null ? null : Sanitizer.html(html, null),
        text,
        T.minusSeconds(3600),
        T,
        m);
  }

  static StoryMember member(String url, String source, Instant published, boolean original) {
    return new StoryMember("m-" + url + source, url, "t", source, published, original);
  }

  static Story titled(String title) {
    return story(
        title,
        "https://a.example/x",
        "<p>x</p>",
        "x",
        List.of(member("https://a.example/x", "A", T, true)));
  }

  static Story texted(String text) {
    return story(
        "T",
        "https://a.example/x",
        null,
        text,
        List.of(member("https://a.example/x", "A", T, true)));
  }

  static Story linked(String url, String outlet) {
    return story("T", url, null, "x", List.of(member(url, outlet, T, true)));
  }

  /** Stories whose entries the writer writes itself. */
  static List<Story> written() {
    List<Story> out = new ArrayList<>(EntryCacheTest.stories());
    out.removeIf(s -> s.updated() == null);
    for (String t :
        List.of(
            "Markup <b>bold</b> & <script>alert('x')</script> ]]> \"quoted\"",
            "  padded with spaces and tabs \t",
            "\n\r\nline breaks\r\ninside\nand around\r\n",
            "tab\tinside",
            "astral \uD83D\uDE00 and \uD835\uDD38 math",
            "RTL \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627 \u202Eoverride\u202C",
            "\u00A0non-breaking\u00A0",
            "line\u2028and paragraph\u2029separators",
            "BOM \uFEFF and \uFFFD replacement",
            "&amp; already escaped &lt;",
            "x")) {
      out.add(titled(t));
      out.add(texted(t));
    }
    out.add(
        story(
            "HTML body",
            "https://a.example/h",
            "<p>Para <em>one</em> &amp; <a href=\"https://b.example/?a=1&b=2\">link</a></p>"
                + "<ul><li>\uD83D\uDE00</li></ul>",
            "Para one",
            List.of(member("https://a.example/h", "A", T, true))));
    for (String u :
        List.of(
            "https://q.example/a?b=1&c=\"2\"&d=<3>",
            "  https://trimmed.example/  ",
            "https://\u00E9t\u00E9.example/\u05D0?\uD83D\uDE00",
            "https://tab.example/a\tb",
            "https://nl.example/a\nb\rc",
            "https://a.example/\u0007",
            "https://n.example/m\u00FCll geb\u00FChren.html?ort=k\u00F6ln")) {
      out.add(linked(u, "Outlet"));
    }
    for (String o :
        List.of(
            " Out\"let <&> ",
            "Tab\tOutlet",
            "Line\nOutlet",
            "Carriage\rReturn\r\n",
            "\uD83D\uDE00 Emoji News",
            "  ")) {
      out.add(linked("https://o.example/", o));
    }
    // Members: none original, several, without URL or source or time, unsafe links.
    out.add(
        story(
            "members",
            null,
            null,
            "",
            List.of(
                member(null, null, null, false),
                member("javascript:alert(1)", "Evil", T, false),
                member("", "", null, false),
                member("https://a.example/1", "A", null, true),
                member("https://b.example/2", "B", T.minusSeconds(99), false))));
    out.add(story("no members", "https://a.example/", null, "text", List.of()));
    out.add(
        new Story(
            "old",
            "Before the Gregorian reform",
            "https://a.example/old",
            null,
            "x",
            Instant.parse("0999-01-01T00:00:00Z"),
            Instant.parse("0999-01-02T00:00:00Z"),
            List.of(
                member(
                    "https://a.example/old", "A", Instant.parse("+12026-01-01T00:00:00Z"), true))));
    out.add(
        new Story(
            "  spaced id\t",
            "t",
            null,
            null,
            "x",
            null,
            T,
            List.of(member("https://a.example/", "A", null, true))));
    return out;
  }

  static List<Story> writtenStories() {
    return written();
  }

  @ParameterizedTest
  @MethodSource("writtenStories")
  void writesTheEntryRomeAndJdomWrite(Story story) {
    String[] direct = AtomEntryWriter.write(story);
    assertNotNull(direct, "written directly: " + story);
    assertArrayEquals(AtomRenderer.romeEntryText(story), direct, story.toString());
  }

  /** Stories the writer leaves to Rome, whose JDOM refuses them or writes them otherwise. */
  static List<Story> leftToRome() {
    return List.of(
        titled("control \u0001 char"),
        titled("form feed \f"),
        titled("lone surrogate \uD83D here"),
        titled("non-character \uFFFE"),
        titled(""),
        titled(" \t\r\n"),
        texted("x\u0000y"),
        new Story("u", "no update time", null, null, "x", T, null, List.of()));
  }

  @Test
  void leavesToRomeWhatJdomRefusesOrWritesOtherwise() {
    for (Story s : leftToRome()) {
      assertNull(AtomEntryWriter.write(s), s.toString());
    }
  }

  @Test
  void aPageWithEntriesWrittenDirectlyIsByteForByteRomesPage() {
    List<Story> stories = new ArrayList<>(written());
    // Only the ones JDOM writes: those it refuses fail Rome's page as they fail the kept one.
    for (Story s : leftToRome()) {
      if (s.title() == null || s.title().isBlank() || s.updated() == null) {
        stories.add(s);
      }
    }
    FeedView view = FeedView.of("Feedfold", EntryCacheTest.BASE, "feed.atom", stories);
    EntryCache cache = new EntryCache();
    String rome = new String(AtomRenderer.render(view), StandardCharsets.UTF_8);
    assertEquals(rome, new String(AtomRenderer.render(view, cache), StandardCharsets.UTF_8));
    assertEquals(rome, new String(AtomRenderer.render(view, cache), StandardCharsets.UTF_8));
  }

  @Test
  void rendersTheChangedEntriesOfAPageWithoutRome() {
    EntryCache cache = new EntryCache();
    List<Story> stories = new ArrayList<>(written());
    FeedView view = FeedView.of("Feedfold", EntryCacheTest.BASE, "feed.atom", stories);
    AtomRenderer.render(view, cache);
    stories.set(3, titled("changed after a commit"));
    stories.add(0, titled("new after a commit"));
    long before = AtomRenderer.romeEntries();
    AtomRenderer.render(FeedView.of("Feedfold", EntryCacheTest.BASE, "feed.atom", stories), cache);
    assertEquals(0, AtomRenderer.romeEntries() - before, "entries written by Rome");
  }
}
