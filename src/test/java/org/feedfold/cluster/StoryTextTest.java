package org.feedfold.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads the cases under {@code src/test/resources/cluster/story-text/}: one directory per story,
 * one file per member ({@code key: value} lines, a blank line, then one paragraph per line) and
 * {@code expected.txt} saying what the entry must show.
 */
class StoryTextTest {
  private static final Path CASES = Path.of("src/test/resources/cluster/story-text");

  @ParameterizedTest
  @ValueSource(strings = {"padded", "all-caps", "teaser", "live"})
  void presentsTheStoryAsTheOriginalToldIt(String name) throws IOException {
    List<StoryText.Member> members = members(CASES.resolve(name));
    List<String[]> expected = expected(CASES.resolve(name).resolve("expected.txt"));
    StoryText.Choice c = StoryText.choose(members);
    for (String[] e : expected) {
      switch (e[0]) {
        case "title" -> assertEquals(e[1], c.title(), name);
        case "url" -> assertEquals(e[1], c.url(), name);
        case "body-from" -> assertEquals(e[1], c.bodyFrom(), name);
        case "present" -> assertTrue(c.text().contains(e[1]), name + ": missing " + e[1]);
        case "absent" -> assertFalse(c.text().contains(e[1]), name + ": has " + e[1]);
        case "additions-of" -> {
          String[] idAndCount = e[1].split(" ");
          StoryText.Member m =
              members.stream().filter(x -> x.id().equals(idAndCount[0])).findFirst().orElseThrow();
          StoryText.Member original =
              members.stream().filter(StoryText.Member::original).findFirst().orElseThrow();
          assertEquals(
              Integer.parseInt(idAndCount[1]),
              StoryText.additions(m, original).size(),
              name + ": additions of " + m.id() + ": " + StoryText.additions(m, original));
        }
        default -> throw new IllegalArgumentException("unknown key " + e[0]);
      }
    }
  }

  @Test
  void keepsEveryParagraphOfTheBodyMemberButItsAdditions() throws IOException {
    List<StoryText.Member> members = members(CASES.resolve("teaser"));
    StoryText.Choice c = StoryText.choose(members);
    List<String> full = StoryText.paragraphs(members.get(1).text());
    assertEquals(full.subList(0, full.size() - 1), c.paragraphs());
    assertEquals(List.of(full.get(full.size() - 1)), c.additions());
  }

  @Test
  void aLoneArticleIsItsOwnStory() {
    StoryText.Member only =
        new StoryText.Member("a", "Gazette", "Storm", "https://g.example/s", "One.\nTwo.", true);
    StoryText.Choice c = StoryText.choose(List.of(only));
    assertEquals("Storm", c.title());
    assertEquals(List.of("One.", "Two."), c.paragraphs());
    assertEquals(List.of(), c.additions());
  }

  @Test
  void anOriginalWithoutTextLetsAnotherMemberGiveTheBody() {
    StoryText.Member original =
        new StoryText.Member("a", "Wire", "Quake hits coast", "https://w.example/q", "", true);
    StoryText.Member copy =
        new StoryText.Member(
            "b",
            "Gazette",
            "QUAKE",
            "https://g.example/q",
            "A strong earthquake struck the northern coast on Monday night, officials said.",
            false);
    StoryText.Choice c = StoryText.choose(List.of(original, copy));
    assertEquals("Quake hits coast", c.title());
    assertEquals("b", c.bodyFrom());
  }

  @Test
  void linksTheBodysMemberWhenTheOriginalHasNoLink() throws IOException {
    List<StoryText.Member> members = new ArrayList<>(members(CASES.resolve("teaser")));
    StoryText.Member o = members.get(0);
    members.set(0, new StoryText.Member(o.id(), o.source(), o.title(), null, o.text(), true));
    StoryText.Choice c = StoryText.choose(members);
    assertEquals(o.title(), c.title());
    assertEquals("https://gazette.example/2026/boat-fire", c.url());
  }

  @Test
  void namesOutletsAsWholeWords() {
    assertTrue(StoryText.names("First published by Wikinews Wire.", "Wikinews Wire"));
    assertFalse(StoryText.names("The wire fence of Wikinews was cut.", "Wikinews Wire"));
    assertFalse(StoryText.names("Anything", null));
  }

  @Test
  void refusesAStoryWithoutMembers() {
    assertThrows(IllegalArgumentException.class, () -> StoryText.choose(List.of()));
  }

  static List<StoryText.Member> members(Path dir) throws IOException {
    List<StoryText.Member> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> !p.endsWith("expected.txt")).sorted().toList()) {
        out.add(member(f));
      }
    }
    return out;
  }

  static StoryText.Member member(Path file) throws IOException {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    int blank = s.indexOf("\n\n");
    Map<String, String> h = new LinkedHashMap<>();
    for (String line : s.substring(0, blank).split("\n")) {
      int colon = line.indexOf(": ");
      h.put(line.substring(0, colon), line.substring(colon + 2));
    }
    return new StoryText.Member(
        h.get("id"),
        h.get("source"),
        h.get("title"),
        h.get("url"),
        s.substring(blank + 2),
        Boolean.parseBoolean(h.get("original")));
  }

  private static List<String[]> expected(Path file) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int colon = line.indexOf(": ");
        out.add(new String[] {line.substring(0, colon), line.substring(colon + 2)});
      }
    }
    return out;
  }
}
