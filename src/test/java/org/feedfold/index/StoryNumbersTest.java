package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
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
 * Collapsing reads the stories of a segment searched often from a heap copy, with the same results
 * as from doc values and stored fields: on the be2533e fixture (a segment without the doc values)
 * and a segment written since.
 */
class StoryNumbersTest {
  @TempDir Path dir;
  private Path index;

  @BeforeEach
  void indexWithAnOldAndANewSegment() throws IOException, URISyntaxException {
    Path fixture = Path.of(getClass().getResource("old-index-be2533e").toURI());
    index = dir.resolve("index");
    Files.createDirectories(index);
    try (var files = Files.list(fixture)) {
      for (Path f : files.toList()) {
        Files.copy(f, index.resolve(f.getFileName()));
      }
    }
    try (ArticleIndex ix =
        ArticleIndex.open(index, ClusterSettings.defaults(), InstantSource.system())) {
      Instant at = Instant.parse("2024-03-01T13:00:00Z");
      for (int i = 0; i < 3; i++) {
        ix.add(
            new ArticleInput(
                "new-" + i,
                "https://post.example/" + i,
                null,
                "Harbour crane number " + i + " toppled by wind",
                "Crane " + i + " at the harbour toppled in a storm of unusual strength " + i + ".",
                null,
                at,
                at,
                "Evening Post",
                null,
                null,
                "en"));
      }
      ix.commit();
    }
  }

  @Test
  void readsTheStoriesOfASegmentSearchedOftenFromItsCopyWithTheSameResults() throws IOException {
    StoryNumbers copies = new StoryNumbers();
    AtomicInteger docValuesReads = new AtomicInteger();
    try (FSDirectory d = FSDirectory.open(index);
        DirectoryReader reader = new Counting(DirectoryReader.open(d), docValuesReads)) {
      IndexSearcher s = new IndexSearcher(reader);
      List<ScoreDoc> articles = new ArrayList<>();
      List<Long> expected = new ArrayList<>();
      for (ScoreDoc sd : s.search(new MatchAllDocsQuery(), 1_000).scoreDocs) {
        Document doc = s.storedFields().document(sd.doc, Set.of(Fields.STORY));
        if (doc.get(Fields.STORY) != null) {
          articles.add(sd);
          expected.add(Fields.parseStoryId(doc.get(Fields.STORY)).orElseThrow());
        }
      }
      assertEquals(13, articles.size());
      Collections.reverse(articles);
      Collections.reverse(expected);
      ScoreDoc[] hits = articles.toArray(ScoreDoc[]::new);
      long[] want = expected.stream().mapToLong(Long::longValue).toArray();

      for (int use = 1; use < StoryNumbers.USES_BEFORE_COPY; use++) {
        assertArrayEquals(want, HitKeys.stories(s, hits, copies), "use " + use);
      }
      assertEquals(0, copies.copied());
      docValuesReads.set(0);
      assertArrayEquals(want, HitKeys.stories(s, hits, copies));
      assertEquals(reader.leaves().size(), copies.copied(), "every segment copied at its 32nd use");
      docValuesReads.set(0);
      for (int use = 0; use < 5; use++) {
        assertArrayEquals(want, HitKeys.stories(s, hits, copies));
      }
      // The old segment has no numbers: its hits are read from stored fields, never doc values.
      assertEquals(0, docValuesReads.get(), "no doc values read once copied");
    }
    assertEquals(0, copies.copied(), "copies dropped with their segments");
  }

  /** Counts the story-number doc values its segments hand out. */
  private static final class Counting extends FilterDirectoryReader {
    private final AtomicInteger reads;

    Counting(DirectoryReader in, AtomicInteger reads) throws IOException {
      super(
          in,
          new SubReaderWrapper() {
            @Override
            public LeafReader wrap(LeafReader leaf) {
              return new FilterLeafReader(leaf) {
                @Override
                public NumericDocValues getNumericDocValues(String field) throws IOException {
                  if (field.equals(Fields.STORY_NUMBER)) {
                    reads.incrementAndGet();
                  }
                  return super.getNumericDocValues(field);
                }

                @Override
                public IndexReader.CacheHelper getCoreCacheHelper() {
                  return in.getCoreCacheHelper();
                }

                @Override
                public IndexReader.CacheHelper getReaderCacheHelper() {
                  return in.getReaderCacheHelper();
                }
              };
            }
          });
      this.reads = reads;
    }

    @Override
    protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) throws IOException {
      return new Counting(in, reads);
    }

    @Override
    public IndexReader.CacheHelper getReaderCacheHelper() {
      return in.getReaderCacheHelper();
    }
  }
}
