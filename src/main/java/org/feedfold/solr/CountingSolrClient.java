package org.feedfold.solr;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.util.NamedList;

/**
 * Sends every request through another client and counts them, so tests and benchmarks can tell how
 * many requests an add costs (issue 13: the Solr store's ingest rate is bound by its requests).
 *
 * <p>Thread-safe as the client it wraps is. Counts requests as sent by this client; the engine may
 * fan one out to several shards or forward it to a replica. {@link #close} does not close the
 * wrapped client: its owner does.
 */
final class CountingSolrClient extends SolrClient {
  private static final long serialVersionUID = 1L;

  private final SolrClient client;
  private final LongAdder requests = new LongAdder();
  private final transient Map<String, LongAdder> byPath = new ConcurrentHashMap<>();

  CountingSolrClient(SolrClient client) {
    this.client = client;
  }

  @Override
  public NamedList<Object> request(SolrRequest<?> request, String collection)
      throws SolrServerException, IOException {
    requests.increment();
    byPath.computeIfAbsent(String.valueOf(request.getPath()), k -> new LongAdder()).increment();
    return client.request(request, collection);
  }

  /** Returns how many requests went through this client so far. */
  long requests() {
    return requests.sum();
  }

  /**
   * Returns how many requests to handler {@code path} ({@code /get}, {@code /update}...) so far.
   */
  long requests(String path) {
    LongAdder n = byPath.get(path);
    return n == null ? 0 : n.sum();
  }

  @Override
  public void close() {
    // The wrapped client belongs to the caller.
  }
}
