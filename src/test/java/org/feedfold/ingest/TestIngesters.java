package org.feedfold.ingest;

import java.time.InstantSource;
import org.feedfold.extract.ArticleExtractor;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.fetch.RefreshPolicy;
import org.feedfold.fetch.RefreshSettings;
import org.feedfold.index.ArticleIndex;
import org.feedfold.parse.FeedParser;

/** Builds the ingester the daemon builds, on the default settings, for tests. */
final class TestIngesters {
  private TestIngesters() {}

  /** Returns an ingester fetching feeds and pages with {@code fetcher} into {@code index}. */
  static FeedIngester create(HttpFetcher fetcher, ArticleIndex index, InstantSource clock) {
    return new FeedIngester(stages(fetcher), index, IngestSettings.defaults(), clock);
  }

  /** Returns the daemon's stages, fetching feeds and pages with {@code fetcher}. */
  static FeedIngester.Stages stages(HttpFetcher fetcher) {
    return new FeedIngester.Stages(
        fetcher,
        fetcher,
        new FeedParser(),
        new ArticleExtractor(),
        new RefreshPolicy(RefreshSettings.defaults()));
  }
}
