package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.model.ArticleInput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches an index written by Feedfold be2533e (before the doc values collapsing reads), alone and
 * with segments written since: results and snippets are those that version printed.
 *
 * <p>The fixture {@code old-index-be2533e/} is {@code old-index-be2533e.jsonl} imported with that
 * version's jar ({@code feedfold --data D import old-index-be2533e.jsonl}): three wire stories,
 * each published by Daily Planet and copied by Wire Service and Metro Times, and one article of
 * 61,225 characters whose last sentence alone says "quokka".
 */
class OldIndexSearchTest {
  private static final String EXPLOSION_STORY = "c439a66c02dcfdd4";
  private static final String EXPLOSION_SNIPPET =
      "A suspected gas leak led to an <b>explosion</b>, followed by the ten-storey building coming"
          + " down. ";

  @TempDir Path dir;
  private Path index;

  @BeforeEach
  void copyFixture() throws IOException, URISyntaxException {
    Path fixture = Path.of(getClass().getResource("old-index-be2533e").toURI());
    index = dir.resolve("index");
    Files.createDirectories(index);
    try (var files = Files.list(fixture)) {
      for (Path f : files.toList()) {
        Files.copy(f, index.resolve(f.getFileName()));
      }
    }
  }

  private ArticleIndex open() throws IOException {
    return ArticleIndex.open(index, ClusterSettings.defaults(), InstantSource.system());
  }

  private static SearchRequest collapsed(String q) {
    return new SearchRequest(q, null, 20, SearchRequest.Order.RELEVANCE, true);
  }

  @Test
  void collapsesAnOldIndexAsTheVersionThatWroteItDid() throws IOException {
    try (ArticleIndex ix = open()) {
      List<StoryHit> hits = ix.search(collapsed("explosion"));
      assertEquals(1, hits.size());
      assertEquals("orig-0", hits.get(0).best().id());
      assertEquals(EXPLOSION_STORY, hits.get(0).best().story());
      assertEquals(2, hits.get(0).moreHits());
      assertEquals(2, hits.get(0).moreOutlets());
      assertEquals(EXPLOSION_SNIPPET, hits.get(0).best().snippet());

      List<StoryHit> phrase = ix.search(collapsed("\"gas leak\""));
      assertEquals(
          "A suspected <b>gas leak</b> led to an explosion, followed by the ten-storey building"
              + " coming down. ",
          phrase.get(0).best().snippet());
    }
  }

  @Test
  void findsTheSnippetInTheLastSentenceOfALongArticle() throws IOException {
    try (ArticleIndex ix = open()) {
      List<StoryHit> hits = ix.search(collapsed("quokka"));
      assertEquals(1, hits.size());
      assertEquals("long-0", hits.get(0).best().id());
      assertEquals(
          "At the very end the <b>quokka</b> census was finally published by the island rangers.",
          hits.get(0).best().snippet());
    }
  }

  @Test
  void collapsesAcrossOldSegmentsAndSegmentsWrittenSince() throws IOException {
    try (ArticleIndex ix = open()) {
      JsonNode original = fixtureArticle("orig-0");
      Instant at = Instant.parse("2024-03-01T13:00:00Z");
      ix.add(
          new ArticleInput(
              "post-0",
              "https://post.example/0",
              null,
              original.path("title").asText(),
              original.path("text").asText() + "\n\nCarried by the Evening Post.",
              null,
              at,
              at,
              "Evening Post",
              null,
              null,
              "en"));
      ix.add(
          new ArticleInput(
              "other",
              "https://post.example/other",
              null,
              "Quarry explosion heard across the valley",
              "A controlled explosion at the quarry was heard across the valley on Tuesday.",
              null,
              at,
              at,
              "Evening Post",
              null,
              null,
              "en"));
      ix.commit();

      List<StoryHit> hits = ix.search(collapsed("explosion"));
      assertEquals(2, hits.size(), hits.toString());
      StoryHit old =
          hits.stream()
              .filter(h -> h.best().story().equals(EXPLOSION_STORY))
              .findAny()
              .orElseThrow();
      assertEquals(3, old.moreHits());
      assertEquals(3, old.moreOutlets());
      assertEquals(EXPLOSION_SNIPPET, old.best().snippet());
      StoryHit added =
          hits.stream().filter(h -> h.best().id().equals("other")).findAny().orElseThrow();
      assertEquals(0, added.moreHits());
      assertTrue(added.best().snippet().contains("<b>explosion</b>"), added.best().snippet());
    }
  }

  @Test
  void readsTheSameStoryAndOutletFromDocValuesAsFromStoredFields() throws IOException {
    try (ArticleIndex ix = open()) {
      JsonNode original = fixtureArticle("orig-1");
      Instant at = Instant.parse("2024-03-02T13:00:00Z");
      ix.add(
          new ArticleInput(
              "post-1",
              "https://post.example/1",
              null,
              original.path("title").asText(),
              original.path("text").asText() + "\n\nCarried by the Evening Post.",
              null,
              at,
              at,
              null,
              null,
              null,
              "en"));
      ix.commit();
    }
    try (FSDirectory d = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(d)) {
      IndexSearcher s = new IndexSearcher(reader);
      ScoreDoc[] all = s.search(new MatchAllDocsQuery(), 1_000).scoreDocs;
      List<ScoreDoc> articles = new ArrayList<>();
      List<HitKeys.Key> expected = new ArrayList<>();
      int withDocValues = 0;
      for (ScoreDoc sd : all) {
        Document doc =
            s.storedFields().document(sd.doc, Set.of(Fields.ID, Fields.STORY, Fields.SOURCE));
        if (doc.get(Fields.ID) == null || doc.get(Fields.STORY) == null) {
          continue;
        }
        articles.add(sd);
        expected.add(
            new HitKeys.Key(
                Fields.parseStoryId(doc.get(Fields.STORY)).orElseThrow(),
                Fields.sourceHash(doc.get(Fields.SOURCE))));
        LeafReaderContext leaf = reader.leaves().get(ReaderUtil.subIndex(sd.doc, reader.leaves()));
        if (leaf.reader().getFieldInfos().fieldInfo(Fields.STORY_NUMBER) != null) {
          withDocValues++;
        }
      }
      assertEquals(11, articles.size());
      assertEquals(1, withDocValues, "only the article added since has the doc values");
      // In reverse order, so the reads are not in index order.
      Collections.reverse(articles);
      Collections.reverse(expected);
      ScoreDoc[] hits = articles.toArray(ScoreDoc[]::new);
      assertArrayEquals(expected.toArray(), HitKeys.of(s, hits));
      // The outlets of some hits only, as a collapsed search asks for those it counts.
      int[] which = {9, 4, 0, 10, 5};
      long[] sources = HitKeys.sources(s, hits, which);
      for (int j = 0; j < which.length; j++) {
        assertEquals(expected.get(which[j]).source(), sources[j], "hit " + which[j]);
      }
    }
  }

  @Test
  void hashesAMissingOutletAsTheEmptyName() {
    assertEquals(Fields.sourceHash(""), Fields.sourceHash(null));
    assertTrue(Fields.sourceHash("Wire Service") != Fields.sourceHash("Metro Times"));
  }

  private static JsonNode fixtureArticle(String id) throws IOException {
    try (var in = OldIndexSearchTest.class.getResourceAsStream("old-index-be2533e.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        JsonNode n = new ObjectMapper().readTree(line);
        if (n.path("id").asText().equals(id)) {
          return n;
        }
      }
    }
    throw new IllegalArgumentException(id);
  }
}
