package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;
import org.feedfold.sanitize.Sanitizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Renders feeds with and without kept entries and compares the bytes. */
class EntryCacheTest {
  static final URI BASE = URI.create("http://feeds.example/");

  static BiFunction<FeedView, EntryCache, byte[]> renderer(String route) {
    return switch (route) {
      case "feed.atom" -> AtomRenderer::render;
      case "feed.rss" -> RssRenderer::render;
      default -> JsonFeedRenderer::render;
    };
  }

  /** The fixtures, a story without HTML or times, and three stories changed in one millisecond. */
  static List<Story> stories() {
    List<Story> out = new ArrayList<>(Stories.all());
    out.add(
        new Story(
            "bare",
            null,
            null,
            null,
            "Plain <text> & more\nsecond line",
            null,
            null,
            List.of(new StoryMember("m", null, null, null, null, true))));
    Instant same = Instant.parse("2026-11-26T09:00:00.123Z");
    for (int i = 0; i < 3; i++) {
      out.add(
          new Story(
              "same" + i,
              "Same millisecond " + i,
              "https://o.example/" + i,
              Sanitizer.html("<p>Body " + i + " <b>bold</b></p>", null),
              "Body " + i,
              same,
              same,
              List.of(
                  new StoryMember("m" + i, "https://o.example/" + i, "T", "Outlet", same, true))));
    }
    return out;
  }

  static List<FeedView> views(String route) {
    List<Story> all = stories();
    FeedView plain = FeedView.of("Feedfold", BASE, route, all);
    return List.of(
        plain,
        FeedView.of("Feedfold", BASE, route, List.of()),
        plain
            .withPaging(new FeedView.Paging(route + "?page=2", route, route, route + "?page=3"))
            .withHub(URI.create("https://hub.example/")),
        FeedView.of("Feedfold", BASE, route, all.subList(0, 2))
            .withPaging(new FeedView.Paging(route + "?archive=2026-11-26.2", null, null, null))
            .withArchive(
                new FeedView.Archive(
                    true, route, route + "?archive=2026-11-26.1", route + "?archive=2026-11-26.3")),
        FeedView.of("Feedfold", BASE, route, List.of())
            .withArchive(new FeedView.Archive(true, route, route + "?archive=2026-11-25", null)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"feed.atom", "feed.rss", "feed.json"})
  void rendersByteForByteWhatRenderingEveryEntryGives(String route) {
    BiFunction<FeedView, EntryCache, byte[]> render = renderer(route);
    EntryCache cache = new EntryCache();
    for (FeedView view : views(route)) {
      String fresh = text(render.apply(view, null));
      assertEquals(fresh, text(render.apply(view, cache)), "entries rendered into the cache");
      assertEquals(fresh, text(render.apply(view, cache)), "entries taken from the cache");
    }
  }

  /**
   * The Atom feed's head (everything but its entries) is written by Rome and JDOM once per feed and
   * kept across commits, which change only its time, byte for byte as writing it each time gives
   * (issue 11: building the head was a good part of each render after a commit on 1M articles).
   */
  @Test
  void writesTheAtomHeadOncePerFeedThoughItsTimeMoves() {
    EntryCache cache = new EntryCache();
    List<FeedView> views = views("feed.atom");
    long before = AtomRenderer.heads();
    for (FeedView view : views) {
      assertEquals(text(AtomRenderer.render(view)), text(AtomRenderer.render(view, cache)));
    }
    long written = AtomRenderer.heads() - before;
    assertTrue(written <= views.size(), "at most one head per feed: " + written);
    for (int i = 1; i <= 3; i++) {
      for (FeedView view : views) {
        FeedView later = view.withUpdated(view.updated().plusSeconds(61L * i).plusMillis(7));
        assertEquals(text(AtomRenderer.render(later)), text(AtomRenderer.render(later, cache)));
      }
    }
    assertEquals(written, AtomRenderer.heads() - before, "no head written again");
  }

  @ParameterizedTest
  @ValueSource(strings = {"feed.atom", "feed.rss", "feed.json"})
  void rendersAgainOnlyTheStoryThatChanged(String route) {
    BiFunction<FeedView, EntryCache, byte[]> render = renderer(route);
    EntryCache cache = new EntryCache();
    List<Story> stories = new ArrayList<>(stories());
    render.apply(FeedView.of("Feedfold", BASE, route, stories), cache);
    long first = cache.renders();
    assertEquals(stories.size(), first);

    Story old = stories.get(0);
    Story changed =
        new Story(
            old.id(),
            old.title(),
            old.url(),
            Sanitizer.html("<p>Update: a new paragraph.</p>", null),
            "Update: a new paragraph.",
            old.firstSeen(),
            old.updated().plusSeconds(60),
            old.articles(),
            old.versions());
    stories.set(0, changed);
    String out = text(render.apply(FeedView.of("Feedfold", BASE, route, stories), cache));

    assertEquals(first + 1, cache.renders(), "only the changed story rendered again");
    assertTrue(out.contains("a new paragraph"), out);
    assertEquals(text(render.apply(FeedView.of("Feedfold", BASE, route, stories), null)), out);
    // An equal story read again (not the same instance) reuses its entry too.
    stories.set(1, copy(stories.get(1)));
    render.apply(FeedView.of("Feedfold", BASE, route, stories), cache);
    assertEquals(first + 1, cache.renders());
    assertFalse(out.isEmpty());
  }

  static Story copy(Story s) {
    return new Story(
        s.id(),
        s.title(),
        s.url(),
        s.html(),
        s.text(),
        s.firstSeen(),
        s.updated(),
        new ArrayList<>(s.articles()),
        new ArrayList<>(s.versions()));
  }

  static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }
}
