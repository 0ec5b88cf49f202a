package org.feedfold.index;

import java.time.Duration;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Term;
import org.feedfold.model.FeedState;

/** Converts feed states to and from their index documents, one per subscription URL. */
final class FeedDocs {
  private static final String TITLE = "feed_title";
  private static final String ETAG = "etag";
  private static final String LAST_MODIFIED = "last_modified";
  private static final String LAST_FETCHED = "last_fetched";
  private static final String NEXT_FETCH = "next_fetch";
  private static final String ERRORS = "errors";
  private static final String LAST_ERROR = "last_error";
  private static final String DISABLED = "disabled";
  private static final String MOVED_TO = "moved_to";
  private static final String INTERVAL = "poll_interval_ms";
  private static final String FAILING_SINCE = "failing_since";

  private FeedDocs() {}

  static Term key(String url) {
    return new Term(Fields.FEED_KEY, url);
  }

  static Document toDocument(FeedState s) {
    Document d = new Document();
    d.add(new StringField(Fields.TYPE, Fields.FEED, Field.Store.NO));
    d.add(new StringField(Fields.FEED_KEY, s.url(), Field.Store.YES));
    Fields.stored(d, TITLE, s.title());
    Fields.stored(d, ETAG, s.etag());
    Fields.stored(d, LAST_MODIFIED, s.lastModified());
    if (s.lastFetched() != null) {
      d.add(new StoredField(LAST_FETCHED, s.lastFetched().toEpochMilli()));
    }
    if (s.nextFetch() != null) {
      d.add(new StoredField(NEXT_FETCH, s.nextFetch().toEpochMilli()));
    }
    d.add(new StoredField(ERRORS, s.errors()));
    Fields.stored(d, LAST_ERROR, s.lastError());
    d.add(new StoredField(DISABLED, s.disabled() ? 1 : 0));
    Fields.stored(d, MOVED_TO, s.movedTo());
    if (s.interval() != null) {
      d.add(new StoredField(INTERVAL, s.interval().toMillis()));
    }
    if (s.failingSince() != null) {
      d.add(new StoredField(FAILING_SINCE, s.failingSince().toEpochMilli()));
    }
    return d;
  }

  static FeedState fromDocument(Document d) {
    return new FeedState(
        d.get(Fields.FEED_KEY),
        d.get(TITLE),
        d.get(ETAG),
        d.get(LAST_MODIFIED),
        Fields.instant(d, LAST_FETCHED),
        Fields.instant(d, NEXT_FETCH),
        (int) Fields.num(d, ERRORS),
        d.get(LAST_ERROR),
        Fields.num(d, DISABLED) == 1,
        d.getField(INTERVAL) == null ? null : Duration.ofMillis(Fields.num(d, INTERVAL)),
        Fields.instant(d, FAILING_SINCE),
        d.get(MOVED_TO));
  }
}
