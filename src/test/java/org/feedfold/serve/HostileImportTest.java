package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.feedfold.cli.Main;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.model.Story;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Imports lines whose HTML carries script, event handlers and script URLs (issue 9), then checks
 * what the index stored and what the merged feeds serve.
 */
class HostileImportTest {
  @TempDir static Path data;
  static List<Story> stories;

  @BeforeAll
  static void importHostileLines() throws Exception {
    Path file = Path.of(HostileImportTest.class.getResource("/serve/hostile-import.jsonl").toURI());
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    assertEquals(
        0, cli.execute("--data", data.toString(), "import", file.toString()), err::toString);
    try (ArticleIndex index =
        ArticleIndex.openReadOnly(
            data.resolve("index"), ClusterSettings.defaults(), InstantSource.system())) {
      stories = index.stories(null, null, 100);
    }
  }

  private static FeedView view(String route) {
    return FeedView.of("Feedfold", URI.create("http://feeds.example/"), route, stories);
  }

  @Test
  void storesNoActiveContent() throws Exception {
    List<String> stored = new ArrayList<>();
    try (FSDirectory dir = FSDirectory.open(data.resolve("index"));
        DirectoryReader reader = DirectoryReader.open(dir)) {
      StoredFields fields = reader.storedFields();
      for (int i = 0; i < reader.maxDoc(); i++) {
        String html = fields.document(i).get("html");
        if (html != null) {
          stored.add(html);
        }
      }
    }

    assertEquals(7, stored.size());
    for (String html : stored) {
      assertEquals(List.of(), ActiveContent.in(html), html);
    }
    assertTrue(stored.stream().anyMatch(h -> h.contains("harbour authority")), "text kept");
  }

  @Test
  void atomServesNoActiveContent() throws Exception {
    Feed feed = RenderersTest.wire(AtomRenderer.render(view("feed.atom")), Feed.class);

    assertEquals(7, feed.getEntries().size());
    for (Entry e : feed.getEntries()) {
      for (Content c : e.getContents()) {
        assertEquals(List.of(), ActiveContent.in(c.getValue()), c.getValue());
      }
      assertFalse("html".equals(e.getTitleEx().getType()), "titles are text");
      List<Link> links = new ArrayList<>(e.getAlternateLinks());
      links.addAll(e.getOtherLinks());
      for (Link l : links) {
        assertFalse(ActiveContent.isRunnableUrl(l.getHref()), l.getHref());
      }
    }
  }

  @Test
  void jsonFeedServesNoActiveContent() throws Exception {
    JsonNode feed = new ObjectMapper().readTree(JsonFeedRenderer.render(view("feed.json")));

    assertEquals(7, feed.get("items").size());
    for (JsonNode item : feed.get("items")) {
      String html = item.get("content_html").asText();
      assertEquals(List.of(), ActiveContent.in(html), html);
      assertFalse(ActiveContent.isRunnableUrl(item.path("url").asText(null)), item.toString());
      for (JsonNode o : item.get("_feedfold").get("outlets")) {
        assertFalse(ActiveContent.isRunnableUrl(o.path("url").asText(null)), o.toString());
      }
    }
  }
}
