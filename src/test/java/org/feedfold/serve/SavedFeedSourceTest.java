package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.feedfold.model.Story;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/**
 * Checks that a saved feed asks its source for the feed by name (so the source can answer from the
 * articles matched as they arrived), while the merged feed's {@code ?q=} runs the query.
 */
class SavedFeedSourceTest {
  static FeedServer server;
  static final List<String> asked = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    List<Story> all = FeedFiltersTest.stories();
    ServeSettings settings =
        new ServeSettings(
            "127.0.0.1",
            0,
            10,
            100,
            "News",
            null,
            ServeSettings.Limits.defaults(),
            "",
            List.of(new SavedFeed("busy", null, "story", null, null, 1, 0)),
            null);
    StorySource source =
        new StorySource() {
          @Override
          public List<Story> stories(String query, Instant since, int limit) {
            record("ran " + query);
            return all.subList(0, 1);
          }

          @Override
          public List<Story> saved(String name, String query, Instant since, int limit) {
            record("saved " + name + " " + query);
            return all.subList(1, 3);
          }
        };
    server = new FeedServer(settings, source, InstantSource.fixed(FeedFiltersTest.T0));
    server.start();
  }

  private static void record(String s) {
    synchronized (asked) {
      asked.add(s);
    }
  }

  private static Feed atom(String path) throws Exception {
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.address().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    return (Feed) new WireFeedInput().build(new InputSource(new ByteArrayInputStream(r.body())));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aSavedFeedIsReadFromTheSourceByNameAndTheMergedFeedRunsItsQuery() throws Exception {
    List<Story> all = FeedFiltersTest.stories();
    Feed saved = atom("/feeds/busy.atom");
    assertEquals(List.of(all.get(1).id(), all.get(2).id()), FeedFiltersTest.ids(saved));
    synchronized (asked) {
      assertEquals(List.of("saved busy story"), asked);
      asked.clear();
    }
    atom("/feed.atom?q=story");
    synchronized (asked) {
      assertEquals(List.of("ran story"), asked);
    }
  }
}
