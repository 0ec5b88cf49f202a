package org.feedfold.index;

import java.nio.file.Path;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * Adds the collapse doc values ({@link Fields#STORY_NUMBER}, {@link Fields#SOURCE_HASH}) to every
 * article of an index written before them, in place, by doc-values updates: a benchmark tool, so
 * that an existing large index can be measured with them without importing it again (an index
 * written by {@code import} has them from the start). Segments and documents stay as they were.
 * Usage: {@code AddCollapseDocValues INDEX_DIR} (a copy: the index is changed).
 */
public final class AddCollapseDocValues {
  private AddCollapseDocValues() {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    try (FSDirectory dir = FSDirectory.open(Path.of(args[0]));
        IndexWriter w =
            new IndexWriter(
                dir,
                new IndexWriterConfig()
                    .setCodec(IndexCodec.create())
                    .setRAMBufferSizeMB(256)
                    .setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
      // Doc-values updates need the fields to exist: one document makes them, then goes.
      Document seed = new Document();
      seed.add(new StringField(Fields.ID, "\u0000seed", Field.Store.NO));
      seed.add(new NumericDocValuesField(Fields.STORY_NUMBER, 0));
      seed.add(new NumericDocValuesField(Fields.SOURCE_HASH, 0));
      w.addDocument(seed);
      w.deleteDocuments(Fields.idTerm("\u0000seed"));
      long n = 0;
      try (DirectoryReader r = DirectoryReader.open(dir)) {
        Set<String> wanted = Set.of(Fields.ID, Fields.STORY, Fields.SOURCE);
        for (LeafReaderContext leaf : r.leaves()) {
          StoredFields stored = leaf.reader().storedFields();
          Bits live = leaf.reader().getLiveDocs();
          for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
            if (live != null && !live.get(doc)) {
              continue;
            }
            Document d = stored.document(doc, wanted);
            String id = d.get(Fields.ID);
            String story = d.get(Fields.STORY);
            if (id == null || story == null) {
              continue;
            }
            w.updateDocValues(
                Fields.idTerm(id),
                new NumericDocValuesField(
                    Fields.STORY_NUMBER, Fields.parseStoryId(story).orElseThrow()),
                new NumericDocValuesField(
                    Fields.SOURCE_HASH, Fields.sourceHash(d.get(Fields.SOURCE))));
            n++;
          }
        }
      }
      w.commit();
      System.out.printf(
          java.util.Locale.ROOT,
          "%d articles updated in %.1f s%n",
          n,
          (System.nanoTime() - t0) / 1e9);
    }
  }
}
