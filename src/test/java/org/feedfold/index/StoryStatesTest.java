package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.feedfold.cluster.StoryState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks that kept story states are what a read of the same view finds, never older. */
class StoryStatesTest {
  private static final long STORY = 42;

  private ByteBuffersDirectory dir;
  private IndexWriter writer;
  private DirectoryReader reader;

  @BeforeEach
  void openIndex() throws IOException {
    dir = new ByteBuffersDirectory();
    writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()));
    writer.addDocument(Fields.story(state(1_000)));
    reader = DirectoryReader.open(writer);
  }

  @AfterEach
  void close() throws IOException {
    reader.close();
    writer.close();
    dir.close();
  }

  private static StoryState state(long updated) {
    return new StoryState(STORY, 500, updated, 1, "a", 10, "a", 500);
  }

  /** Stands for an add: the story's state changes and a new view is published, which holds it. */
  private IndexSearcher update(long updated) throws IOException {
    writer.updateDocument(
        new Term(Fields.SID, Fields.storyId(STORY)), Fields.story(state(updated)));
    DirectoryReader next = DirectoryReader.openIfChanged(reader, writer);
    reader.close();
    reader = next;
    return new IndexSearcher(reader);
  }

  @Test
  void readsAStateOnceAndThenKeepsIt() throws IOException {
    StoryStates states = new StoryStates();
    IndexSearcher view = new IndexSearcher(reader);
    assertEquals(1_000, states.on(view).get(STORY).updated());
    assertEquals(1_000, states.on(view).get(STORY).updated());
    assertEquals(1, states.loads());
  }

  @Test
  void neverKeepsTheStateAReadRacingAnAddFoundBeforeIt() throws IOException {
    StoryStates states = new StoryStates();
    IndexSearcher before = new IndexSearcher(reader);
    StoryStates.View racing = states.on(before);
    long published = reader.getVersion();
    reader.incRef(); // the racing read still holds the view the add replaces
    IndexSearcher after = update(2_000);
    states.touched(STORY, published);
    assertEquals(1_000, racing.get(STORY).updated(), "the racing read sees its own view");
    assertEquals(2_000, states.on(after).get(STORY).updated());
    assertEquals(2_000, states.on(after).get(STORY).updated());
    before.getIndexReader().decRef();
  }

  @Test
  void readsAgainAStoryAnAddChangedUntilAViewHoldingTheAddIsRead() throws IOException {
    StoryStates states = new StoryStates();
    IndexSearcher view = new IndexSearcher(reader);
    states.on(view).get(STORY);
    states.touched(STORY, reader.getVersion());
    assertEquals(1_000, states.on(view).get(STORY).updated(), "the add is not in this view yet");
    IndexSearcher after = update(3_000);
    assertEquals(3_000, states.on(after).get(STORY).updated());
    long loads = states.loads();
    assertEquals(3_000, states.on(after).get(STORY).updated());
    assertEquals(loads, states.loads(), "kept once a view holding the add was read");
  }

  @Test
  void aViewOlderThanOneReadDropsWhatIsKept() throws IOException {
    StoryStates states = new StoryStates();
    DirectoryReader old = reader;
    old.incRef();
    IndexSearcher newer = update(4_000);
    assertEquals(4_000, states.on(newer).get(STORY).updated());
    assertEquals(1_000, states.on(new IndexSearcher(old)).get(STORY).updated());
    long loads = states.loads();
    assertEquals(4_000, states.on(newer).get(STORY).updated());
    assertEquals(loads + 1, states.loads(), "read again, not trusted from before the older view");
    old.decRef();
  }
}
