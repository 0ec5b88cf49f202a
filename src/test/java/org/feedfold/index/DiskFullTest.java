package org.feedfold.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.feedfold.cluster.ClusterSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk during a commit is reported as such, loses only what was staged since the last
 * commit, and leaves the index open for the next commit once there is room again.
 */
class DiskFullTest {
  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

  @TempDir Path dir;
  private ArticleIndex index;

  /** Is a directory whose new files fail with ENOSPC's message while {@link #full} is set. */
  static final class FullDisk extends FilterDirectory {
    volatile boolean full;

    FullDisk(Directory in) {
      super(in);
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
      if (full) {
        throw new IOException("No space left on device");
      }
      return super.createOutput(name, context);
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context)
        throws IOException {
      if (full) {
        throw new IOException("No space left on device");
      }
      return super.createTempOutput(prefix, suffix, context);
    }
  }

  @AfterEach
  void close() throws IOException {
    if (index != null) {
      index.close();
    }
  }

  @Test
  void reportsAFullDiskAndCommitsAgainWhenThereIsRoom() throws IOException {
    FullDisk disk = new FullDisk(FSDirectory.open(dir));
    index = ArticleIndex.open(dir, disk, ClusterSettings.defaults(), InstantSource.fixed(T0));
    index.add(ArticleIndexTest.wiki(0, "kept", T0));
    index.commit();

    index.add(ArticleIndexTest.wiki(1, "lost", T0));
    disk.full = true;
    IOException e = assertThrows(IOException.class, index::commit);
    assertEquals(
        "disk full while committing " + dir + "; nothing since the last commit was kept",
        e.getMessage());
    assertEquals(List.of("kept"), ids(), "reads still see the last commit");

    disk.full = false;
    index.add(ArticleIndexTest.wiki(2, "later", T0));
    index.commit();
    index.close();
    index = ArticleIndex.open(dir, ClusterSettings.defaults(), InstantSource.fixed(T0));
    List<String> ids = ids();
    assertEquals(List.of("kept", "later"), ids.stream().sorted().toList());
    assertTrue(index.add(ArticleIndexTest.wiki(1, "lost", T0)).created(), "lost was not kept");
  }

  @Test
  void reportsAFullDiskWhileAddingAndAddsAgainWhenThereIsRoom() throws IOException {
    FullDisk disk = new FullDisk(FSDirectory.open(dir));
    index = ArticleIndex.open(dir, disk, ClusterSettings.defaults(), InstantSource.fixed(T0));
    index.add(ArticleIndexTest.wiki(0, "kept", T0));
    index.commit();
    disk.full = true;
    IOException e =
        assertThrows(IOException.class, () -> index.add(ArticleIndexTest.wiki(1, "lost", T0)));
    assertTrue(e.getMessage().startsWith("disk full while adding to " + dir), e.getMessage());
    disk.full = false;
    assertTrue(index.add(ArticleIndexTest.wiki(1, "lost", T0)).created());
    index.commit();
    assertEquals(List.of("kept", "lost"), ids().stream().sorted().toList());
  }

  private List<String> ids() throws IOException {
    List<String> out = new ArrayList<>();
    index.forEachArticle(a -> out.add(a.id()));
    return out;
  }
}
