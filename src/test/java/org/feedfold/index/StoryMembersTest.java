package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.feedfold.bench.ClusterCorpus;
import org.feedfold.cluster.ClusterSettings;
import org.feedfold.model.Story;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finds stories' articles from the per-segment tables and compares them with a term search. */
class StoryMembersTest {
  static final List<ClusterCorpus.Original> WIKI = ClusterCorpus.wikinews();
  static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  @TempDir Path dir;

  @Test
  void findsTheLiveArticlesOfStoriesAsATermSearchDoesAndBuildsOnlyNewSegmentsTables()
      throws IOException {
    ArticleIndexTest.Clock clock = new ArticleIndexTest.Clock();
    List<String> stories = new ArrayList<>();
    try (ArticleIndex index = ArticleIndex.open(dir, ClusterSettings.defaults(), clock)) {
      for (int n = 0; n < 8; n++) {
        String text = String.join("\n", WIKI.get(n).paragraphs());
        stories.add(
            index
                .add(StoryBatchTest.article("o" + n, "wire", WIKI.get(n).title(), text, T0))
                .storyId());
        for (int c = 0; c < n % 3; c++) {
          index.add(
              StoryBatchTest.article(
                  "c" + n + "-" + c, "outlet" + c, WIKI.get(n).title(), "Copy.\n" + text, T0));
        }
        // Re-issued: the old document is deleted, a new one written.
        if (n % 2 == 0) {
          index.add(
              StoryBatchTest.article("o" + n, "wire", WIKI.get(n).title(), "Update.\n" + text, T0));
        }
        index.commit();
      }
      Map<String, Story> read = index.storiesById(stories);
      assertEquals(8, read.size());
      assertEquals(3, read.get(stories.get(2)).articles().size());
    }
    try (Directory d = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(d)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      TreeSet<Long> numbers = new TreeSet<>();
      List<BytesRef> terms = new ArrayList<>();
      for (String id : stories.subList(1, 6)) {
        long n = Fields.parseStoryId(id).orElseThrow();
        numbers.add(n);
        terms.add(new BytesRef(Fields.storyId(n)));
      }
      BooleanQuery q =
          new BooleanQuery.Builder()
              .add(new TermQuery(Fields.typeTerm(Fields.ARTICLE)), Occur.FILTER)
              .add(new TermInSetQuery(Fields.STORY, terms), Occur.FILTER)
              .build();
      List<Integer> searched = new ArrayList<>();
      for (ScoreDoc sd : searcher.search(q, 1_000).scoreDocs) {
        searched.add(sd.doc);
      }
      searched.sort(null);
      long[] sorted = numbers.stream().mapToLong(Long::longValue).toArray();
      long built = StoryMembers.built();
      List<Integer> found = new ArrayList<>();
      for (LeafReaderContext leaf : reader.leaves()) {
        assertTrue(StoryMembers.forEach(leaf, sorted, doc -> found.add(leaf.docBase + doc)));
      }
      assertEquals(reader.leaves().size(), StoryMembers.built() - built, "every segment once");
      assertEquals(searched, found);
      assertTrue(searched.size() > 5, searched.toString());

      // After a commit (a new reader sharing the old segments) only the new segment is built.
      try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
        w.deleteDocuments(new Term(Fields.ID, "o3"));
      }
      try (DirectoryReader next = DirectoryReader.openIfChanged(reader)) {
        built = StoryMembers.built();
        List<Integer> again = new ArrayList<>();
        for (LeafReaderContext leaf : next.leaves()) {
          StoryMembers.forEach(leaf, sorted, doc -> again.add(leaf.docBase + doc));
        }
        assertEquals(0, StoryMembers.built() - built, "no new segment: nothing built");
        assertEquals(searched.size() - 1, again.size(), "the deleted article left out");
      }
    }
  }
}
