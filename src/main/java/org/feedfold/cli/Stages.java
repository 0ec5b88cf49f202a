package org.feedfold.cli;

import java.io.Closeable;
import java.io.IOException;
import org.feedfold.config.FeedfoldConfig;
import org.feedfold.extract.ArticleExtractor;
import org.feedfold.fetch.HostGate;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.fetch.RefreshPolicy;
import org.feedfold.ingest.FeedIngester;
import org.feedfold.parse.FeedParser;

/** Owns the stage objects a fetching command needs, built from the configuration. */
final class Stages implements Closeable {
  private final HttpFetcher feeds;
  private final HttpFetcher pages;
  private final FeedIngester.Stages forIngest;

  private Stages(FeedfoldConfig config) {
    String version = FeedfoldCommand.version();
    // One gate for both: per-host limits hold across feeds and article pages (issue 10).
    HostGate gate = config.hostGate();
    this.feeds = new HttpFetcher(config.feedFetchSettings(version), gate);
    this.pages = HttpFetcher.forArticlePages(config.pageFetchSettings(version), gate);
    this.forIngest =
        new FeedIngester.Stages(
            feeds,
            pages,
            new FeedParser(),
            new ArticleExtractor(),
            new RefreshPolicy(config.refreshSettings()));
  }

  static Stages create(FeedfoldConfig config) {
    return new Stages(config);
  }

  FeedIngester.Stages forIngest() {
    return forIngest;
  }

  @Override
  public void close() throws IOException {
    try (feeds;
        pages) {
      // both closed, even if one fails
    }
  }
}
